"""A deposit replaced by a newer one (the dossier was corrected and deposited again): what the OPCO
still says of it is kept in its history and shown to the CFA staff, but never drives the dossier."""

import html
import logging

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cactus.dossiers import transitions
from cactus.dossiers.models import Dossier
from cactus.opco import services
from cactus.opco.models import Deposit, OpcoState, OpcoStateChange
from cactus.opco.sandbox import deca_number_for
from cactus.opco.tests.conftest import pdf, validate
from cactus.opco.tests.test_follow_up import notification, post

pytestmark = pytest.mark.django_db


def validate_again(dossier, *, cfa_advisor, employer_contact, formation_manager, capture) -> Dossier:
    """The reopened dossier goes through every step again and is validated: a new deposit."""
    transitions.request_validation(dossier=dossier, by=employer_contact)
    transitions.validate_dossier(dossier=dossier, by=formation_manager)
    transitions.validate_economic_elements(dossier=dossier, by=cfa_advisor)
    files = {"signed_cerfa": pdf("CERFA signé 2"), "signed_convention": pdf("Convention signée 2")}
    dossier = transitions.return_signed_documents(dossier=dossier, files=files, by=employer_contact)
    return validate(dossier, cfa_advisor, capture)


@pytest.fixture
def people(cfa_advisor, employer_contact, formation_manager, django_capture_on_commit_callbacks) -> dict:
    return {
        "cfa_advisor": cfa_advisor,
        "employer_contact": employer_contact,
        "formation_manager": formation_manager,
        "capture": django_capture_on_commit_callbacks,
    }


@pytest.fixture
def superseded(
    connection, sandbox, returned_dossier, cfa_advisor, people, django_capture_on_commit_callbacks
):
    """The OPCO takes the first deposit while the CFA has reopened the dossier to correct it; the
    corrected dossier is deposited again and accepted ("Envoyé à l'OPCO"): the first is superseded."""
    sandbox.state.job_delay = 3600
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)
    first = Deposit.objects.get(dossier=dossier)
    transitions.reopen_dossier(dossier=dossier, by=cfa_advisor, reason="Date de début corrigée")
    sandbox.state.job_delay = 0
    services.check_job(first)
    dossier = validate_again(Dossier.objects.get(pk=dossier.pk), **people)
    assert dossier.status == Dossier.Status.SENT_TO_OPCO
    first.refresh_from_db()
    assert first.is_current is False and first.status == Deposit.Status.ACCEPTED and first.opco_number
    mail.outbox.clear()
    return first


def test_an_engagement_of_the_superseded_deposit_is_kept_but_does_not_drive_the_dossier(
    client, connection, superseded, cfa_advisor, employer_contact, django_capture_on_commit_callbacks, caplog
):
    current = Deposit.objects.get(dossier=superseded.dossier, is_current=True)
    deca = deca_number_for(superseded.opco_number)  # a well-formed contract number (15 characters)
    caplog.set_level(logging.WARNING, logger="cactus.opco.services")

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, connection, notification(superseded, "ENGAGE", numeroDeca=deca))

    assert response.status_code == 200
    # The OPCO's truth is kept in the old deposit's history...
    superseded.refresh_from_db()
    assert superseded.opco_state == OpcoState.ENGAGE and superseded.deca_number == deca
    assert superseded.state_changes.get(state=OpcoState.ENGAGE).source == OpcoStateChange.Source.WEBHOOK
    # ...but the dossier keeps no contract number from it and the current deposit is untouched.
    dossier = Dossier.objects.get(pk=superseded.dossier_id)
    assert dossier.contract_number == ""
    assert not dossier.events.filter(changes__has_key="contract_number").exists()
    current.refresh_from_db()
    assert current.opco_state == OpcoState.TRANSMIS and current.deca_number == ""
    # No "contrat engagé" to the parties: the conseillère alone is told, and the log says it.
    assert [message.to for message in mail.outbox] == [[cfa_advisor.email]]
    assert "ancien dépôt" in mail.outbox[0].subject
    assert superseded.opco_number in mail.outbox[0].body and deca in mail.outbox[0].body
    assert f"superseded deposit {superseded.pk}" in caplog.text

    # Suivi - Info: the current deposit is shown as current; the staff see the old one answered.
    url = reverse("dossiers:tab", kwargs={"pk": dossier.pk, "tab": "suivi"})
    client.force_login(cfa_advisor)
    page = html.unescape(client.get(url).content.decode())
    assert 'id="etat-opco">Transmis à l\'OPCO<' in page
    assert 'id="numero-deca"' not in page
    assert "L'OPCO a répondu sur ce dépôt après son remplacement" in page
    assert f"n° {superseded.opco_number} à l'OPCO" in page and f"(n° DECA {deca})" in page
    client.force_login(employer_contact)
    page = html.unescape(client.get(url).content.decode())
    assert deca not in page
    assert "1 dépôt précédent de ce dossier." in page


def test_a_refusal_of_the_superseded_deposit_mails_only_the_conseillere(
    superseded, cfa_advisor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.apply_contract_status(
            superseded,
            {"etat": "REFUSE", "dateEtat": timezone.now().isoformat(), "motifs": ["Doublon."]},
            source=OpcoStateChange.Source.POLL,
        )

    superseded.refresh_from_db()
    assert superseded.opco_state == OpcoState.REFUSE and superseded.refusal_reasons == ["Doublon."]
    assert [message.to for message in mail.outbox] == [[cfa_advisor.email]]
    assert "Refusé" in mail.outbox[0].body


def test_a_late_acceptance_of_a_superseded_deposit_does_not_send_the_dossier(
    connection, sandbox, returned_dossier, cfa_advisor, people, django_capture_on_commit_callbacks
):
    # The OPCO's checks of the first deposit take long; meanwhile the CFA corrects and deposits again.
    sandbox.state.job_delay = 3600
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)
    first = Deposit.objects.get(dossier=dossier)
    assert first.status == Deposit.Status.SUBMITTED
    transitions.reopen_dossier(dossier=dossier, by=cfa_advisor, reason="Date de début corrigée")
    dossier = validate_again(Dossier.objects.get(pk=dossier.pk), **people)
    assert Deposit.objects.get(dossier=dossier, is_current=True).status == Deposit.Status.SUBMITTED

    sandbox.state.job_delay = 0
    first.refresh_from_db()
    services.check_job(first)

    first.refresh_from_db()
    assert first.status == Deposit.Status.ACCEPTED and first.opco_state == OpcoState.TRANSMIS
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.DOCUMENTS_VALIDATED and dossier.sent_to_opco_at is None
