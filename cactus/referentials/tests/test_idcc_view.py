import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_known_idcc_returns_its_label_branch_and_opco(client, employer_contact):
    # R-14.2 (rules.md): the Tab-key auto-fill of the employer tab.
    client.force_login(employer_contact)
    response = client.get(reverse("referentials:idcc"), {"code": "1486"})
    assert response.status_code == 200
    assert response.json() == {
        "idcc": "1486",
        "label": "Bureaux d'études techniques, cabinets d'ingénieurs-conseils et sociétés de conseils (Syntec)",
        "branch": "Bureaux d'études techniques, cabinets d'ingénieurs-conseils et sociétés de conseils (Syntec)",
        "opco": "ATLAS",
    }


def test_a_short_code_is_padded(client, employer_contact):
    # R-14.1 (rules.md)
    client.force_login(employer_contact)
    assert client.get(reverse("referentials:idcc"), {"code": "16"}).json()["idcc"] == "0016"


def test_an_unknown_idcc_is_a_404_with_a_french_message(client, employer_contact):
    # R-14.1 (rules.md)
    client.force_login(employer_contact)
    response = client.get(reverse("referentials:idcc"), {"code": "4242"})
    assert response.status_code == 404
    assert "inconnu" in response.json()["error"]


def test_an_obsolete_idcc_is_a_404_saying_it_is_no_longer_in_force(client, employer_contact):
    # R-14.1 (rules.md)
    from cactus.referentials.models import CollectiveAgreement

    CollectiveAgreement.objects.filter(idcc="1000").update(is_active=False)
    client.force_login(employer_contact)
    response = client.get(reverse("referentials:idcc"), {"code": "1000"})
    assert response.status_code == 404
    assert "plus en vigueur" in response.json()["error"]


def test_a_malformed_idcc_is_a_400(client, employer_contact):
    client.force_login(employer_contact)
    response = client.get(reverse("referentials:idcc"), {"code": "abc"})
    assert response.status_code == 400
    assert "chiffres" in response.json()["error"]


def test_any_signed_in_user_may_look_up_a_convention(client, stranger):
    # Public reference data: no dossier is involved, so a stranger to every dossier may read it.
    client.force_login(stranger)
    assert client.get(reverse("referentials:idcc"), {"code": "1486"}).status_code == 200


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(reverse("referentials:idcc"), {"code": "1486"})
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_only_get_is_allowed(client, employer_contact):
    client.force_login(employer_contact)
    assert client.post(reverse("referentials:idcc"), {"code": "1486"}).status_code == 405
