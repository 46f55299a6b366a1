"""RGPD: consent is recorded, a person can get what we hold on them, and dossiers are anonymised in time."""

import json
from datetime import date

import pytest
import time_machine
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.urls import reverse

from cactus.accounts.models import RgpdConsent, User
from cactus.accounts.tests.factories import UserFactory
from cactus.core.tests.snapshots import dossier_snapshot, media_snapshot
from cactus.core.tests.world import make_dossier_in_state
from cactus.documents.models import Document
from cactus.dossiers import services
from cactus.dossiers.models import (
    AlternantDetails,
    Contract,
    Dossier,
    DossierEvent,
    Employer,
    Mentor,
    StudentLife,
)
from cactus.dossiers.tests.factories import DossierFactory
from cactus.notifications.models import OutgoingEmail
from cactus.privacy import retention
from cactus.privacy.models import Anonymisation

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 27)


def export(email: str) -> dict:
    from io import StringIO

    out = StringIO()
    call_command("export_personal_data", email, stdout=out)
    return json.loads(out.getvalue())


def purge(*args) -> str:
    from io import StringIO

    out = StringIO()
    with time_machine.travel(TODAY, tick=False):
        call_command("purge", *args, stdout=out)
    return out.getvalue()


# --- Consent


def test_accepting_the_clauses_records_the_version_and_the_moment(client):
    user = UserFactory(email="lea@etudiant.test", consented=False)
    client.force_login(user)

    with time_machine.travel("2026-11-27 10:00 +01:00", tick=False):
        client.post(reverse("accounts:rgpd"), {"accept": "on"})

    consent = RgpdConsent.objects.get(user=user)
    assert consent.version == settings.RGPD_VERSION
    assert consent.accepted_at.isoformat() == "2026-11-27T09:00:00+00:00"


# --- Right of access: export_personal_data


@pytest.fixture
def registered(formation, formation_manager):
    """A dossier made the real way: registration, invitations, base data saved."""
    dossier = services.register_alternant(
        formation=formation,
        alternant_email="lea.martin@etudiant.test",
        employer_contact_email="rh@entreprise.test",
        by=formation_manager,
    )
    services.save_base_data(
        dossier=dossier,
        data={
            "alternant_last_name": "Martin",
            "alternant_first_name": "Léa",
            "alternant_birth_date": date(2007, 3, 2),
        },
        by=formation_manager,
    )
    return dossier


def test_the_export_holds_account_consents_dossiers_events_and_emails(registered):
    RgpdConsent.objects.create(user=registered.alternant, version=settings.RGPD_VERSION)

    data = export("Lea.Martin@etudiant.test")

    assert data["account"]["email"] == "lea.martin@etudiant.test"
    assert [consent["version"] for consent in data["rgpd_consents"]] == [settings.RGPD_VERSION]
    [dossier] = data["dossiers"]
    assert dossier["roles"] == ["alternant"]
    assert dossier["data"]["alternant_last_name"] == "Martin"
    assert dossier["data"]["alternant_birth_date"] == "2007-03-02"
    assert dossier["data"]["employer_contact"] == "rh@entreprise.test"
    assert {event["action"] for event in data["events"]} >= {
        "Inscription de l'alternant",
        "Onglet enregistré",
    }
    assert [mail["name"] for mail in data["emails_sent"]] == ["invitation"]
    assert "lea.martin@etudiant.test" not in json.dumps(data["invitations"])  # who invited, not the token


def test_the_export_never_contains_password_or_token_hashes(registered):
    data = json.dumps(export("lea.martin@etudiant.test"))
    user = User.objects.get(email="lea.martin@etudiant.test")
    assert "password" not in data
    assert "token_hash" not in data
    assert user.password not in data


def test_the_contact_alternance_export_names_the_dossier_but_not_the_alternant_data(registered):
    data = export("rh@entreprise.test")
    [dossier] = data["dossiers"]
    assert dossier["roles"] == ["employer_contact"]
    assert "data" not in dossier
    assert "Martin" not in json.dumps(data["dossiers"])


def test_the_export_can_be_written_to_a_file(registered, tmp_path):
    target = tmp_path / "export.json"
    call_command("export_personal_data", "lea.martin@etudiant.test", output=str(target))
    assert json.loads(target.read_text(encoding="utf-8"))["account"]["email"] == "lea.martin@etudiant.test"


def test_an_address_we_know_nothing_about_gets_a_clear_french_error():
    with pytest.raises(CommandError, match="ne détient aucune donnée sur inconnu@ailleurs.test"):
        call_command("export_personal_data", "inconnu@ailleurs.test")


# --- Retention: purge


def ended_dossier(contract_end: date, **kwargs) -> Dossier:
    return DossierFactory(
        with_base_data=True,
        contract_start=date(contract_end.year - 2, contract_end.month, 1),
        contract_end=contract_end,
        status=Dossier.Status.SENT_TO_OPCO,
        **kwargs,
    )


@pytest.fixture
def old_dossier():
    # R-7.6 (rules.md): 5 years from the conclusion; Cactus counts from the end of the contract.
    dossier = ended_dossier(
        date(2021, 8, 31), alternant=UserFactory(email="ancien@etudiant.test", phone="0600000000")
    )
    DossierEvent.objects.create(
        dossier=dossier,
        action=DossierEvent.Action.TAB_SAVED,
        changes={"alternant_last_name": [None, "Dupont"]},
    )
    OutgoingEmail.objects.create(
        name="invitation",
        to="ancien@etudiant.test",
        subject="Invitation",
        body="Bonjour Marie Dupont",
        dossier=dossier,
    )
    document = Document.objects.create(
        dossier=dossier,
        kind=Document.Kind.SIGNED_CERFA,
        source=Document.Source.UPLOADED,
        sha256="0" * 64,
        size=9,
    )
    document.file.save("cerfa-signe.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return dossier


def test_purge_without_apply_lists_and_changes_nothing(old_dossier):
    recent = ended_dossier(date(2023, 8, 31))
    before, files = dossier_snapshot(old_dossier), media_snapshot()

    output = purge()

    assert f"Dossier {old_dossier.pk} " in output
    assert "conservation échue le 31/08/2026" in output
    assert f"Dossier {recent.pk} " not in output
    assert "1 dossier(s) à anonymiser. Simulation : rien n'a été modifié" in output
    assert dossier_snapshot(old_dossier) == before
    assert media_snapshot() == files


def test_purge_apply_erases_personal_data_and_keeps_statistics(
    old_dossier, django_capture_on_commit_callbacks
):
    statistics_before = list(Dossier.objects.values("formation", "status", "scheme").annotate(n=Count("pk")))
    former_alternant = old_dossier.alternant

    with django_capture_on_commit_callbacks(execute=True):  # files are deleted once the rows are gone
        output = purge("--apply")

    assert "1 dossier(s) anonymisé(s)." in output
    dossier = Dossier.objects.get(pk=old_dossier.pk)
    assert (dossier.alternant_last_name, dossier.alternant_first_name, dossier.siret) == ("", "", "")
    assert dossier.alternant_birth_date == date(2006, 1, 1)  # the year stays for age statistics
    assert dossier.employer_contact is None
    assert dossier.alternant.email == retention.PLACEHOLDER_EMAIL
    assert (dossier.contract_start, dossier.contract_end) == (date(2019, 8, 1), date(2021, 8, 31))
    assert (
        list(Dossier.objects.values("formation", "status", "scheme").annotate(n=Count("pk")))
        == statistics_before
    )
    assert list(DossierEvent.objects.filter(dossier=dossier).values_list("changes", flat=True)) == [{}]
    assert not Document.objects.filter(dossier=dossier).exists()
    assert media_snapshot() == {}
    assert not OutgoingEmail.objects.filter(body__contains="Dupont").exists()
    former_alternant.refresh_from_db()
    assert former_alternant.email == f"anonyme-{former_alternant.pk}@anonyme.invalid"
    assert (former_alternant.phone, former_alternant.is_active, former_alternant.has_usable_password()) == (
        "",
        False,
        False,
    )
    record = Anonymisation.objects.get(dossier=dossier)
    assert (record.retention_end, record.documents_deleted, record.emails_deleted) == (
        date(2026, 8, 31),
        1,
        1,
    )


def test_purge_runs_twice_without_doing_anything_the_second_time(old_dossier):
    purge("--apply")
    assert "0 dossier(s) anonymisé(s)." in purge("--apply")


def test_retention_ends_exactly_five_years_after_the_end_of_the_contract():
    # R-7.6 (rules.md): kept 5 years; on the last day it is still kept, the day after it goes.
    last_day = ended_dossier(date(2021, 11, 27))
    day_before = ended_dossier(date(2021, 11, 26))
    assert retention.retention_end(last_day) == TODAY
    output = purge()
    assert f"Dossier {day_before.pk} " in output
    assert f"Dossier {last_day.pk} " not in output


def test_an_account_still_party_to_a_recent_dossier_is_kept(old_dossier):
    ended_dossier(date(2025, 6, 30), alternant=old_dossier.alternant)
    purge("--apply")
    old_dossier.alternant.refresh_from_db()
    assert old_dossier.alternant.email == "ancien@etudiant.test"


def test_a_dossier_abandoned_in_entry_goes_five_years_after_its_last_change():
    with time_machine.travel(date(2021, 1, 15), tick=False):
        abandoned = DossierFactory()
    assert retention.retention_end(abandoned) == date(2026, 1, 15)
    assert f"Dossier {abandoned.pk} " in purge()


def test_every_dossier_field_is_either_kept_generalised_or_erasable():
    # A field added to Dossier is erased by default; this fails if it can be neither emptied nor defaulted.
    for field in Dossier._meta.concrete_fields:
        if field.name not in retention.KEPT_FOR_STATISTICS and field.name not in retention.GENERALISED:
            retention.erased_value(field)


# --- The legal page


def test_the_legal_page_states_the_retention_and_the_rights_to_anyone(client):
    body = client.get(reverse("core:legal")).content.decode()
    assert "Mentions légales / Données personnelles" in body
    assert "5 ans après la fin du contrat" in body
    assert "anonymisé" in body
    assert "copie de tout ce que Cactus détient sur vous" in body
    assert "CNIL" in body


# --- Tab data (filled through the real forms)


@pytest.fixture
def complete(formation, alternant, employer_contact):
    return make_dossier_in_state(
        Dossier.Status.SENT_TO_OPCO,
        formation=formation,
        alternant=alternant,
        employer_contact=employer_contact,
    )


def test_the_alternant_export_holds_every_tab_nir_included(complete):
    nir = AlternantDetails.objects.get(dossier=complete).nir
    [dossier] = export(complete.alternant.email)["dossiers"]
    exported = {row["nir"] for rows in dossier["tabs"].values() for row in rows if "nir" in row}
    assert exported == {nir}
    assert len(dossier["tabs"]) >= 6  # employer, mentors, alternant, student life, contract, lines, mission


def test_a_mentor_or_legal_representative_without_an_account_finds_where_they_are_named(complete):
    data = export("noel.muller@sme.test")
    assert data["account"] is None
    assert [mention["dossier"] for mention in data["mentioned_in_dossiers"]] == [complete.pk]
    assert data["mentioned_in_dossiers"][0]["data"]["last_name"]
    representative = export("francoise.benoit@famille.test")["mentioned_in_dossiers"]
    assert [mention["dossier"] for mention in representative] == [complete.pk]


def test_anonymising_erases_the_tabs_and_keeps_their_statistics(complete):
    contract = Contract.objects.get(dossier=complete)

    retention.anonymise_dossier(dossier=complete, today=date(2040, 1, 1))

    details = AlternantDetails.objects.get(dossier=complete)
    assert (details.nir, details.email, details.phone, details.birth_city, details.representative_email) == (
        "",
        "",
        "",
        "",
        "",
    )
    assert details.highest_diploma  # statistics: the level of diploma stays
    employer = Employer.objects.get(dossier=complete)
    assert (employer.name, employer.signatory_email, employer.address_street) == ("", "", "")
    assert employer.naf and employer.idcc
    kept = Contract.objects.get(dossier=complete)
    assert (kept.contract_type, kept.hiring_salary) == (contract.contract_type, contract.hiring_salary)
    assert kept.signature_place == ""
    assert not Mentor.objects.filter(dossier=complete).exists()
    assert not StudentLife.objects.filter(dossier=complete).exists()
    assert "noel.muller@sme.test" not in dossier_snapshot(complete)
    with pytest.raises(CommandError):  # the mentor is named nowhere any more
        export("noel.muller@sme.test")


def test_every_field_of_the_tabs_is_either_kept_or_erasable():
    # A field added to a tab model is erased by default; this fails if it can be neither emptied nor defaulted.
    for model, link in retention.related_models():
        kept = retention.KEPT_IN_RELATED.get(model._meta.label)
        if kept is None:
            continue  # rows of this model are deleted
        for field in model._meta.concrete_fields:
            if not field.primary_key and field.name != link and field.name not in kept:
                retention.erased_value(field)
