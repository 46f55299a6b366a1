"""L'employeur: the company's information from its SIRET (JSON for the tab's script), and the check on "Valider"."""

import pytest
from django.urls import reverse

from cactus.dossiers.models import Dossier
from cactus.dossiers.tests import tab_data

SIRET = "73282932000074"  # the SIRET of tab_data.base_values()
OTHER_SIRET = "44306184100013"


def url(dossier, siret=SIRET):
    return reverse("dossiers:company", args=[dossier.pk]) + f"?siret={siret}"


def test_the_contact_gets_the_company_information_of_a_siret(
    client, started_dossier, employer_contact, company_search
):
    company_search.add(siret=SIRET, nature_juridique="9220", idcc=("1486",))
    client.force_login(employer_contact)

    response = client.get(url(started_dossier))

    assert response.status_code == 200
    company = response.json()["establishment"]
    assert company["name"] == "BOULANGERIE DU PORT"
    assert company["postal_code"] == "13001"
    assert company["employer_type"] == "15"  # rules.md: suggested from the catégorie juridique
    assert company["idcc"] == ["1486"]
    assert company["headcount_label"] == "10 à 19 salariés"


def test_a_closed_establishment_is_refused_with_its_closing_date(
    client, started_dossier, employer_contact, company_search
):
    # rules.md: the establishment must be active.
    company_search.add(siret=SIRET, closed_on="2022-06-30")
    client.force_login(employer_contact)

    response = client.get(url(started_dossier))

    assert response.status_code == 409
    assert response.json()["error"] == "Cet établissement est fermé depuis le 30/06/2022."


def test_a_wrong_checksum_is_refused_before_any_search(
    client, started_dossier, employer_contact, company_search
):
    client.force_login(employer_contact)

    response = client.get(url(started_dossier, "73282932000075"))

    assert response.status_code == 400
    assert "SIRET" in response.json()["error"]
    assert company_search.requests == []


def test_an_unknown_siret_or_a_service_down_is_said_in_french(
    client, started_dossier, employer_contact, company_search
):
    company_search.failing.add(OTHER_SIRET)
    client.force_login(employer_contact)

    unknown = client.get(url(started_dossier))
    down = client.get(url(started_dossier, OTHER_SIRET))

    assert unknown.status_code == 404
    assert unknown.json()["error"].startswith("Aucun établissement ne correspond à ce SIRET")
    assert down.status_code == 503
    assert down.json()["error"].startswith("La recherche de l'entreprise est indisponible")


def test_offline_the_page_is_told_to_let_the_employer_type(client, started_dossier, employer_contact):
    client.force_login(employer_contact)

    response = client.get(url(started_dossier))

    assert response.status_code == 200
    assert response.json()["offline"] is True


@pytest.mark.parametrize("role", ["alternant", "formation_manager", "cfa_advisor"])
def test_who_may_not_edit_the_employer_tab_gets_no_company_information(
    client, started_dossier, company_search, role, request
):
    company_search.add(siret=SIRET)
    client.force_login(request.getfixturevalue(role))

    assert client.get(url(started_dossier)).status_code == 403


def test_a_stranger_learns_nothing(client, started_dossier, stranger, company_search):
    company_search.add(siret=SIRET)
    client.force_login(stranger)

    assert client.get(url(started_dossier)).status_code == 404


def test_valider_on_l_employeur_refuses_a_closed_establishment(
    client, started_dossier, employer_contact, company_search
):
    # rules.md: a closed establishment cannot host the alternant; checked again on the server.
    company_search.add(siret=OTHER_SIRET, closed_on="2020-01-15")
    client.force_login(employer_contact)
    values = tab_data.employer_values() | {
        "establishment-siret": OTHER_SIRET,
        "version": started_dossier.version,
    }

    response = client.post(reverse("dossiers:tab", args=[started_dossier.pk, "employer"]), values)

    assert response.status_code == 200
    assert "Cet établissement est fermé depuis le 15/01/2020." in response.content.decode()
    assert Dossier.objects.get(pk=started_dossier.pk).siret == SIRET


def test_valider_on_l_employeur_saves_a_new_siret_of_an_open_establishment(
    client, started_dossier, employer_contact, company_search
):
    company_search.add(siret=OTHER_SIRET)
    client.force_login(employer_contact)
    values = tab_data.employer_values() | {
        "establishment-siret": OTHER_SIRET,
        "version": started_dossier.version,
    }

    response = client.post(reverse("dossiers:tab", args=[started_dossier.pk, "employer"]), values)

    assert response.status_code == 302
    assert Dossier.objects.get(pk=started_dossier.pk).siret == OTHER_SIRET


def test_valider_is_never_blocked_by_a_service_down(
    client, started_dossier, employer_contact, company_search
):
    company_search.failing.add(SIRET)
    client.force_login(employer_contact)
    values = tab_data.employer_values() | {"version": started_dossier.version}

    response = client.post(reverse("dossiers:tab", args=[started_dossier.pk, "employer"]), values)

    assert response.status_code == 302


def test_valider_on_donnees_de_base_refuses_a_closed_establishment(
    client, started_dossier, employer_contact, company_search
):
    # rules.md.
    company_search.add(siret=OTHER_SIRET, closed_on="2020-01-15")
    client.force_login(employer_contact)
    values = tab_data.base_values(siret=OTHER_SIRET) | {"version": started_dossier.version}

    response = client.post(reverse("dossiers:tab", args=[started_dossier.pk, "base"]), values)

    assert "Cet établissement est fermé depuis le 15/01/2020." in response.content.decode()
    assert Dossier.objects.get(pk=started_dossier.pk).siret == SIRET
