import pytest
from django.urls import reverse

from cactus.accounts.models import RgpdConsent
from cactus.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_nothing_is_reachable_before_the_rgpd_clauses_are_accepted(client):
    user = UserFactory(consented=False)
    client.force_login(user)

    response = client.get(reverse("dossiers:list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:rgpd"))


def test_the_clauses_are_shown_with_a_checkbox_at_the_bottom_and_a_valider_button(client):
    client.force_login(UserFactory(consented=False))

    content = client.get(reverse("accounts:rgpd")).content.decode()

    assert "Vos droits" in content
    assert content.index("Vos droits") < content.index('type="checkbox"') < content.index(">Valider<")


def test_validating_without_ticking_the_box_says_what_to_do(client):
    user = UserFactory(consented=False)
    client.force_login(user)

    response = client.post(reverse("accounts:rgpd"), {})

    assert "Cochez la case" in response.content.decode()
    assert not RgpdConsent.objects.filter(user=user).exists()


def test_acceptance_is_stored_with_the_clause_version_and_time(client, settings):
    user = UserFactory(consented=False)
    client.force_login(user)

    response = client.post(reverse("accounts:rgpd"), {"accept": "on"})

    assert response.status_code == 302
    consent = RgpdConsent.objects.get(user=user)
    assert consent.version == settings.RGPD_VERSION
    assert consent.accepted_at is not None
    assert client.get(reverse("dossiers:list")).status_code == 200


def test_a_new_version_of_the_clauses_asks_again(client, settings):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("dossiers:list")).status_code == 200

    settings.RGPD_VERSION = "2027-01"

    assert client.get(reverse("dossiers:list"))["Location"].startswith(reverse("accounts:rgpd"))


def test_the_next_parameter_cannot_send_the_user_to_another_site(client):
    client.force_login(UserFactory(consented=False))

    response = client.post(reverse("accounts:rgpd"), {"accept": "on", "next": "https://evil.example/"})

    assert response["Location"] == reverse("core:home")
