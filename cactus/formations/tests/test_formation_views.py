import pytest
from django.urls import reverse

from cactus.formations.models import Formation

pytestmark = pytest.mark.django_db


def formation_data(advisor, manager, **overrides):
    data = {
        "title": "BTS Négociation et digitalisation de la relation client",
        "diploma_code": "32031210",
        "rncp": "RNCP38368",
        "level": "5",
        "start_date": "2026-09-07",
        "end_date": "2028-06-30",
        "duration_hours": "1350",
        "site_name": "Campus de Toulon",
        "site_uai": "0831440P",
        "site_siret": "73282932000074",
        "managers": [manager.pk],
        "cfa_advisor": advisor.pk,
        "validation_mode": "automatic",
        "mission_mode": "hidden",
        "is_active": "on",
        "qualification_type": "1",  # notice 51650#09: 1 Certification enregistrée au RNCP autre qu'un CQP
        # No calendar periods nor programme modules: the formsets are empty.
        "periodes-TOTAL_FORMS": "0",
        "periodes-INITIAL_FORMS": "0",
        "modules-TOTAL_FORMS": "0",
        "modules-INITIAL_FORMS": "0",
    }
    return data | overrides


def test_a_cfa_administrator_creates_a_formation_with_its_people_and_modes(
    client, cfa_admin, cfa_advisor, formation_manager
):
    client.force_login(cfa_admin)

    response = client.post(reverse("formations:create"), formation_data(cfa_advisor, formation_manager))

    assert response.status_code == 302
    formation = Formation.objects.get()
    assert list(formation.managers.all()) == [formation_manager]
    assert formation.cfa_advisor == cfa_advisor
    assert formation.validation_mode == Formation.ValidationMode.AUTOMATIC
    assert formation.mission_mode == Formation.MissionMode.HIDDEN


def test_a_wrong_siret_and_reversed_dates_are_explained_and_nothing_is_saved(
    client, cfa_admin, cfa_advisor, formation_manager
):
    client.force_login(cfa_admin)
    data = formation_data(cfa_advisor, formation_manager, site_siret="73282932000075", end_date="2026-01-01")

    response = client.post(reverse("formations:create"), data)

    content = response.content.decode()
    assert "clé de contrôle incorrecte" in content
    assert "La date de fin doit être postérieure" in content
    assert not Formation.objects.exists()


def test_a_wrong_uai_rncp_and_code_diplome_are_explained_and_nothing_is_saved(
    client, cfa_admin, cfa_advisor, formation_manager
):
    # R-13.1 (UAI check letter), R-13.2 (RNCP), R-13.3 (code diplôme): the validators of the rules.
    client.force_login(cfa_admin)
    data = formation_data(
        cfa_advisor, formation_manager, site_uai="0831440C", rncp="RNCP12", diploma_code="3203121"
    )

    content = client.post(reverse("formations:create"), data).content.decode()

    assert "lettre de contrôle du numéro UAI" in content
    assert "RNCP suivi de 3 à 5 chiffres" in content
    assert "Le code diplôme comporte 8 caractères" in content
    assert not Formation.objects.exists()


def test_the_identifiers_are_stored_normalised(client, cfa_admin, cfa_advisor, formation_manager):
    # "0831440p" → "0831440P", "38368" → "RNCP38368".
    client.force_login(cfa_admin)
    data = formation_data(cfa_advisor, formation_manager, site_uai="0831440p", rncp="38368")

    assert client.post(reverse("formations:create"), data).status_code == 302
    formation = Formation.objects.get()
    assert (formation.site_uai, formation.rncp) == ("0831440P", "RNCP38368")


@pytest.mark.parametrize(
    "who", ["formation_manager", "cfa_advisor", "employer_contact", "alternant", "stranger"]
)
def test_only_cfa_administrators_manage_formations(client, request, who, formation):
    client.force_login(request.getfixturevalue(who))

    assert client.get(reverse("formations:list")).status_code == 403
    assert client.get(reverse("formations:edit", args=[formation.pk])).status_code == 403
    assert client.post(reverse("formations:create"), {}).status_code == 403


def test_the_site_address_the_ej20_fields_and_the_annual_amounts_are_saved(
    client, cfa_admin, cfa_advisor, formation_manager
):
    client.force_login(cfa_admin)
    data = formation_data(
        cfa_advisor,
        formation_manager,
        site_street="1 rue Marcel Castié",
        site_postal_code="83000",
        site_city="Toulon",
        nsf_code="312",
        teaching_hours="1200",
        qualification_type="2",
        annual_cost="7900.00",
        npec="7125.50",
    )

    assert client.post(reverse("formations:create"), data).status_code == 302

    formation = Formation.objects.get()
    assert (formation.site_city, formation.nsf_code, formation.teaching_hours) == ("Toulon", "312", 1200)
    assert formation.qualification_type == "2"  # CQP (notice 51650#09)
    assert (str(formation.annual_cost), str(formation.npec)) == ("7900.00", "7125.50")


def test_a_wrong_nsf_code_and_too_many_teaching_hours_are_explained(
    client, cfa_admin, cfa_advisor, formation_manager
):
    client.force_login(cfa_admin)
    data = formation_data(cfa_advisor, formation_manager, nsf_code="31A", teaching_hours="2000")

    content = client.post(reverse("formations:create"), data).content.decode()

    assert "Le code NSF compte 3 chiffres" in content
    assert "ne peuvent dépasser la durée de la formation" in content
    assert not Formation.objects.exists()
