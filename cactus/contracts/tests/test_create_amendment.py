from datetime import date

import pytest

from cactus.contracts import services
from cactus.contracts.selectors import versions_for
from cactus.documents.services import render_bytes
from cactus.documents.tests.readback import flat_text
from cactus.dossiers import export, permissions, transitions
from cactus.dossiers import services as dossier_services
from cactus.dossiers.exceptions import DossierError, DossierFrozen
from cactus.dossiers.models import Dossier
from cactus.dossiers.tests import tab_data

pytestmark = pytest.mark.django_db
NUMBER = "075202609000123"


def new_mentor(avenant, by):
    values = tab_data.employer_values() | {"mentor1-last_name": "Nouvelle", "mentor1-first_name": "Maîtresse"}
    return dossier_services.submit_page(dossier=avenant, key="employer", values=values, by=by)


def amend(dossier, by, amendment_type="36"):
    return services.create_amendment(
        dossier=dossier,
        by=by,
        amendment_type=amendment_type,
        effective_on=date(2026, 12, 1),
        previous_number=NUMBER,
    )


def test_an_avenant_is_a_new_version_linked_to_the_contract_it_amends(sent_dossier, employer_contact):
    avenant = amend(sent_dossier, employer_contact)

    assert (avenant.version_kind, avenant.previous_version, avenant.amendment_type) == (
        "amendment",
        sent_dossier,
        "36",
    )
    assert avenant.status == Dossier.Status.DRAFT
    data = export.dossier_data(avenant)
    # cerfa §8.3 and: type 31–38, the amended contract's number and the date d'effet.
    assert (data["contrat_type"], data["contrat_numero_precedent"]) == ("36", NUMBER)
    assert data["contrat_date_effet_avenant"] == "2026-12-01"
    assert data["apprenti_nom"] == export.dossier_data(sent_dossier)["apprenti_nom"]
    assert avenant.is_entry_complete  # every tab carried over with its check mark
    assert sent_dossier.events.filter(action="version_created").exists()


def test_only_the_tabs_of_its_type_open_for_editing(sent_dossier, employer_contact, alternant, cfa_admin):
    avenant = amend(sent_dossier, employer_contact)  # 36: maître d'apprentissage, hours, duration
    assert permissions.can_edit_tab(employer_contact, avenant, "employer")
    assert permissions.can_edit_tab(employer_contact, avenant, "contract")
    assert not permissions.can_edit_tab(employer_contact, avenant, "mission")
    assert not permissions.can_edit_tab(alternant, avenant, "alternant")
    assert not permissions.can_edit_tab(cfa_admin, avenant, "alternant")
    with pytest.raises(DossierFrozen, match="type de l'avenant"):
        dossier_services.save_tab(
            dossier=avenant, tab="mission", data={"mission": {"job_title": "x"}}, by=cfa_admin
        )
    with pytest.raises(DossierFrozen):
        dossier_services.save_draft(
            dossier=avenant, tab="alternant", values={"alternant-phone": "1"}, by=alternant
        )


@pytest.mark.parametrize("tab", ["alternant", "student_life", "mission"])
def test_every_route_refuses_a_post_to_an_untouched_tab(
    client, sent_dossier, employer_contact, alternant, cfa_admin, tab
):
    avenant = amend(sent_dossier, employer_contact)
    version = avenant.version
    for user in (employer_contact, alternant, cfa_admin):
        client.force_login(user)
        for url in (f"/dossiers/{avenant.pk}/{tab}/", f"/dossiers/{avenant.pk}/{tab}/brouillon/"):
            response = client.post(url, {"version": version, "mission-job_title": "Forgé"})
            assert response.status_code in (403, 404), (user, url)
    avenant.refresh_from_db()
    assert avenant.version == version


def test_the_type_and_the_amended_number_cannot_be_changed_on_les_donnees_du_contrat(
    client, sent_dossier, employer_contact
):
    avenant = amend(sent_dossier, employer_contact)
    client.force_login(employer_contact)
    values = tab_data.contract_values(avenant, contract_type="11", previous_contract_number="013202601000001")
    response = client.post(f"/dossiers/{avenant.pk}/contract/", values | {"version": avenant.version})
    assert response.status_code == 200  # refused: 11 is not this avenant's type
    avenant.refresh_from_db()
    assert avenant.contract.contract_type == "36"
    assert avenant.contract.previous_contract_number == NUMBER


def test_a_change_of_maitre_goes_through_validation_documents_and_the_opco(
    sent_dossier, employer_contact, formation_manager, cfa_advisor
):
    avenant = new_mentor(amend(sent_dossier, employer_contact), employer_contact)
    transitions.request_validation(dossier=avenant, by=employer_contact)
    transitions.validate_dossier(dossier=avenant, by=formation_manager)
    avenant.refresh_from_db()

    text = flat_text(render_bytes(dossier=avenant, kind="cerfa"))
    assert NUMBER in text  # the CERFA printed as an avenant: its number, its type and date d'effet
    assert "NOUVELLE" in text.upper()
    assert export.dossier_data(avenant)["contrat_mode_contractuel"] == "1"

    versions = versions_for(cfa_advisor, avenant)
    assert [version["dossier"] for version in versions] == [sent_dossier, avenant]
    changes = {key: (before, after) for key, before, after in versions[1]["changes"]}
    assert changes["maitre1_nom"][1] == "Nouvelle"
    assert changes["contrat_type"] == ("11", "36")
    assert versions[1]["edits"][0].actor == employer_contact


def test_an_avenant_starts_only_from_a_contract_sent_to_the_opco_and_one_at_a_time(
    dossier, sent_dossier, employer_contact
):
    with pytest.raises(DossierError, match="envoyé à l'OPCO"):
        amend(dossier, employer_contact)
    amend(sent_dossier, employer_contact)
    with pytest.raises(DossierError, match="déjà en cours"):
        amend(sent_dossier, employer_contact, amendment_type="37")


def test_the_date_d_effet_is_within_the_contract(sent_dossier, employer_contact):
    # date d'effet ∈ [date de début ; date de fin].
    with pytest.raises(DossierError, match="R-6.5"):
        services.create_amendment(
            dossier=sent_dossier,
            by=employer_contact,
            amendment_type="36",
            effective_on=date(2027, 9, 1),
            previous_number=NUMBER,
        )


def test_an_avenant_is_not_late_for_the_opco_because_it_keeps_the_contracts_start(
    sent_dossier, employer_contact
):
    from cactus.dossiers import back_office, deadlines
    from cactus.dossiers.reminders import late_dossiers

    avenant = amend(sent_dossier, employer_contact)
    today = date(2026, 12, 1)
    assert deadlines.dossier_due_date(avenant) is None
    assert not late_dossiers(Dossier.objects.filter(pk=avenant.pk), today).exists()
    assert not Dossier.objects.filter(pk=avenant.pk).filter(back_office.queues(today)["late"][1]).exists()


def test_the_number_typed_for_the_first_avenant_becomes_the_contracts_number(sent_dossier, employer_contact):
    Dossier.objects.filter(pk=sent_dossier.pk).update(contract_number="")
    sent_dossier.refresh_from_db()
    avenant = amend(sent_dossier, employer_contact)
    sent_dossier.refresh_from_db()
    assert sent_dossier.contract_number == avenant.contract_number == NUMBER
