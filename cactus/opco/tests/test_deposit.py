"""Deposit with the OPCO when the CFA validates the documents, against the sandbox over HTTP."""

import base64

import pytest

from cactus.dossiers import transitions
from cactus.dossiers.models import Dossier, DossierEvent
from cactus.opco import services
from cactus.opco.models import Deposit, OpcoConnection, OpcoState
from cactus.opco.tests.conftest import pdf, validate

pytestmark = pytest.mark.django_db
Status = Deposit.Status


def test_validating_the_documents_deposits_the_dossier_and_the_opco_acceptance_sends_it(
    connection, sandbox, returned_dossier, cfa_advisor, django_capture_on_commit_callbacks
):
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)

    deposit = Deposit.objects.get(dossier=dossier)
    assert deposit.status == Status.ACCEPTED
    assert deposit.opco_state == OpcoState.TRANSMIS
    assert deposit.opco_number and deposit.received_on
    assert dossier.status == Dossier.Status.SENT_TO_OPCO
    event = dossier.events.filter(to_status=Dossier.Status.SENT_TO_OPCO).get()
    assert event.actor is None  # the platform, not a person
    assert sandbox.state.deposits_received == 1


def test_the_deposit_carries_the_cerfa_data_the_attestations_and_the_pdf_files(
    connection, sandbox, returned_dossier, cfa_advisor, django_capture_on_commit_callbacks
):
    received = {}
    original = sandbox.state.deposit

    def spy(payload, key):
        received.update(payload=payload, key=key)
        return original(payload, key)

    sandbox.state.deposit = spy
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)

    payload = received["payload"]
    assert payload["employeur"]["siret"] == dossier.siret
    assert payload["formation"]["rncp"] == dossier.formation.rncp
    assert payload["organismeFormation"]["uai"]
    assert payload["attestations"]["conventionSigneeEntrepriseEtCfa"] is True
    assert payload["cerfa"]["contrat_date_debut"] == dossier.contract_start.isoformat()
    types = {entry["type"] for entry in payload["_files"]}
    assert {"CERFA", "CONVENTION", "CERFA_SIGNE", "CONVENTION_SIGNEE", "CERFA_VISE"} <= types
    assert all(base64.b64decode(entry["contenu"]).startswith(b"%PDF") for entry in payload["_files"])
    assert received["key"] == str(Deposit.objects.get(dossier=dossier).idempotency_key)


def test_a_manual_opco_keeps_the_box_and_deposits_nothing(
    connection, sandbox, returned_dossier, cfa_advisor, employer_contact, django_capture_on_commit_callbacks
):
    OpcoConnection.objects.filter(pk=connection.pk).update(mode=OpcoConnection.Mode.MANUAL)

    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)

    assert not Deposit.objects.exists()
    assert dossier.status == Dossier.Status.DOCUMENTS_VALIDATED
    transitions.mark_sent_to_opco(dossier=dossier, by=employer_contact)  # the box, as before
    assert Dossier.objects.get(pk=dossier.pk).status == Dossier.Status.SENT_TO_OPCO
    assert sandbox.state.deposits_received == 0


def test_an_opco_without_a_connection_is_deposited_by_hand(
    sandbox, returned_dossier, cfa_advisor, django_capture_on_commit_callbacks
):
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)

    assert not Deposit.objects.exists()
    assert dossier.status == Dossier.Status.DOCUMENTS_VALIDATED


def test_a_second_trigger_of_the_same_validation_deposits_nothing_more(
    connection, sandbox, returned_dossier, cfa_advisor, django_capture_on_commit_callbacks
):
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)
    Dossier.objects.filter(pk=dossier.pk).update(status=Dossier.Status.DOCUMENTS_VALIDATED)

    with django_capture_on_commit_callbacks(execute=True):
        again = services.request_deposit(dossier=dossier)

    assert again.pk == Deposit.objects.get().pk
    assert sandbox.state.deposits_received == 1


def test_the_opco_answers_duplicate_to_a_deposit_sent_again_with_the_same_key(
    connection, sandbox, returned_dossier, cfa_advisor, django_capture_on_commit_callbacks
):
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)
    deposit = Deposit.objects.get(dossier=dossier)
    from cactus.opco import payload
    from cactus.opco.client import client_for

    with client_for(connection) as client:
        answer = client.deposit_contract(
            payload.build_payload(dossier), idempotency_key=str(deposit.idempotency_key)
        )

    assert answer["duplicate"] is True
    assert answer["jobId"] == deposit.job_id
    assert sandbox.state.deposits_received == 1


def test_missing_fields_are_rejected_with_french_errors_then_the_corrected_dossier_is_deposited_again(
    connection,
    sandbox,
    returned_dossier,
    cfa_advisor,
    formation,
    formation_manager,
    employer_contact,
    django_capture_on_commit_callbacks,
):
    formation.rncp = ""  # the OPCO requires the formation's RNCP
    formation.save()

    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)

    first = Deposit.objects.get(dossier=dossier)
    assert first.status == Status.REJECTED
    assert {
        "field": "Code RNCP de la formation",
        "message": "Information obligatoire manquante.",
    } in first.errors
    assert dossier.status == Dossier.Status.DOCUMENTS_VALIDATED
    assert sandbox.state.deposits_received == 0

    # The CFA corrects the formation, reopens the dossier; it goes through every step again.
    formation.rncp = "RNCP35475"
    formation.save()
    transitions.reopen_dossier(dossier=dossier, by=cfa_advisor, reason="RNCP manquant pour l'OPCO")
    transitions.request_validation(dossier=dossier, by=employer_contact)
    transitions.validate_dossier(dossier=dossier, by=formation_manager)
    transitions.validate_economic_elements(dossier=dossier, by=cfa_advisor)
    files = {"signed_cerfa": pdf("CERFA signé 2"), "signed_convention": pdf("Convention signée 2")}
    dossier = transitions.return_signed_documents(dossier=dossier, files=files, by=employer_contact)
    dossier = validate(dossier, cfa_advisor, django_capture_on_commit_callbacks)

    second = Deposit.objects.get(dossier=dossier, is_current=True)
    assert second.pk != first.pk and second.idempotency_key != first.idempotency_key
    assert second.status == Status.ACCEPTED
    assert dossier.status == Dossier.Status.SENT_TO_OPCO
    first.refresh_from_db()
    assert first.is_current is False
    assert sandbox.state.deposits_received == 1


def test_a_job_that_fails_its_content_checks_is_rejected_with_the_opco_errors(
    connection, sandbox, returned_dossier, cfa_advisor, django_capture_on_commit_callbacks
):
    original = sandbox.state.deposit

    def without_convention(payload, key):
        payload["_files"] = [entry for entry in payload["_files"] if entry["type"] != "CONVENTION_SIGNEE"]
        return original(payload, key)

    sandbox.state.deposit = without_convention
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)

    deposit = Deposit.objects.get(dossier=dossier)
    assert deposit.status == Status.REJECTED
    assert deposit.errors == [
        {"field": "Pièces jointes", "message": "La convention de formation signée manque."}
    ]
    assert dossier.status == Dossier.Status.DOCUMENTS_VALIDATED


def test_a_pending_job_is_finished_by_the_poll(
    connection, sandbox, returned_dossier, cfa_advisor, django_capture_on_commit_callbacks
):
    sandbox.state.job_delay = 3600
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)
    deposit = Deposit.objects.get(dossier=dossier)
    assert deposit.status == Status.SUBMITTED
    assert dossier.status == Dossier.Status.DOCUMENTS_VALIDATED

    sandbox.state.job_delay = 0
    services.poll_deposit(deposit)

    deposit.refresh_from_db()
    assert deposit.status == Status.ACCEPTED
    assert Dossier.objects.get(pk=dossier.pk).status == Dossier.Status.SENT_TO_OPCO


def test_no_event_or_error_ever_holds_the_api_key(
    connection, sandbox, returned_dossier, cfa_advisor, django_capture_on_commit_callbacks, caplog
):
    from cactus.opco.tests.conftest import API_KEY

    sandbox.state.api_keys.clear()  # the OPCO refuses the key: its message is stored
    caplog.set_level("DEBUG")
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)

    deposit = Deposit.objects.get(dossier=dossier)
    assert deposit.status == Status.FAILED
    assert "clé d'API" in deposit.last_error
    stored = [deposit.last_error, str(deposit.errors), connection.api_key_encrypted, caplog.text]
    stored += [str(event.changes) + event.comment for event in DossierEvent.objects.all()]
    assert not any(API_KEY in text for text in stored)
    assert connection.api_key == API_KEY  # it decrypts, for the next call


def test_a_public_employer_goes_to_the_ddets_and_is_never_deposited_with_an_opco(
    connection, sandbox, returned_dossier, cfa_advisor, django_capture_on_commit_callbacks
):
    # R-7.2 (rules.md): a public employer's contract is sent to the DDETS, not to an OPCO.
    returned_dossier.employer.employer_type = "22"
    returned_dossier.employer.save()

    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)

    assert not Deposit.objects.exists()
    assert dossier.status == Dossier.Status.DOCUMENTS_VALIDATED
