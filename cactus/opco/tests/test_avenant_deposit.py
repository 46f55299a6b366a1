"""An avenant goes through the same OPCO step as an initial contract (issue 16): deposited through the
API with its type, date d'effet and the amended contract's number, against the sandbox over HTTP."""

import html
from datetime import date

import pytest
from django.urls import reverse

from cactus.dossiers import transitions
from cactus.dossiers.exceptions import DossierError
from cactus.dossiers.models import Contract, Dossier
from cactus.opco import services
from cactus.opco.models import Deposit, OpcoState
from cactus.opco.sandbox import deca_number_for
from cactus.opco.tests.conftest import returned_avenant, validate

pytestmark = pytest.mark.django_db
Status = Deposit.Status
# The new maître d'apprentissage arrives after the contract's start (1 September 2026): the date
# d'effet differs from every other date of the contract.
EFFECTIVE_ON = date(2026, 11, 2)


@pytest.fixture
def avenant(engaged, employer_contact, formation_manager, cfa_advisor):
    """An avenant 36 to the engaged contract, signed and returned: the CFA validates its documents next."""
    dossier = Dossier.objects.get(pk=engaged.dossier_id)
    return returned_avenant(
        dossier,
        employer_contact=employer_contact,
        formation_manager=formation_manager,
        cfa_advisor=cfa_advisor,
        effective_on=EFFECTIVE_ON,
    )


def spy_on_deposits(sandbox) -> list[dict]:
    received = []
    original = sandbox.state.deposit

    def spy(payload, key):
        received.append(payload)
        return original(payload, key)

    sandbox.state.deposit = spy
    return received


def test_an_avenant_is_deposited_with_its_type_date_d_effet_and_amended_number_and_is_sent(
    engaged, avenant, sandbox, cfa_advisor, django_capture_on_commit_callbacks
):
    received = spy_on_deposits(sandbox)
    deca = deca_number_for(engaged.opco_number)

    avenant = validate(avenant, cfa_advisor, django_capture_on_commit_callbacks)

    [payload] = received
    # R-6.5 (date d'effet of an avenant) and R-13.8 (the amended contract's number, 15 characters).
    assert payload["contrat"]["typeContrat"] == "36"
    assert payload["contrat"]["numeroContratPrecedent"] == deca
    assert payload["contrat"]["dateEffetAvenant"] == "2026-11-02"
    assert payload["contrat"]["dateDebut"] == avenant.contract_start.isoformat() != "2026-11-02"
    assert payload["contrat"]["modeContractuel"] == payload["cerfa"]["contrat_mode_contractuel"]
    deposit = Deposit.objects.get(dossier=avenant)
    assert deposit.status == Status.ACCEPTED and deposit.opco_state == OpcoState.TRANSMIS
    assert avenant.status == Dossier.Status.SENT_TO_OPCO
    assert avenant.events.get(to_status=Dossier.Status.SENT_TO_OPCO).actor is None  # the platform
    assert sandbox.state.contracts[deposit.opco_number]["numeroContratPrecedent"] == deca

    # Engaged, the avenant keeps the contract's number (it amends the same contract).
    sandbox.state.decide(deposit.opco_number, "ENGAGE")
    services.poll_deposit(deposit)
    deposit.refresh_from_db()
    assert deposit.deca_number == deca
    assert Dossier.objects.get(pk=avenant.pk).contract_number == deca
    # The avenant's deposit drives the avenant only: the amended contract and its deposit are unchanged.
    engaged.refresh_from_db()
    assert (engaged.status, engaged.opco_state, engaged.is_current) == (
        Status.ACCEPTED,
        OpcoState.ENGAGE,
        True,
    )
    original = Dossier.objects.get(pk=engaged.dossier_id)
    assert original.status == Dossier.Status.SENT_TO_OPCO and original.contract_number == deca
    assert original.events.filter(to_status=Dossier.Status.SENT_TO_OPCO).count() == 1


def test_an_avenant_quoting_a_number_the_opco_does_not_know_is_rejected_with_the_reason_in_french(
    client, avenant, sandbox, cfa_advisor, employer_contact, django_capture_on_commit_callbacks
):
    # A number of the right shape that the OPCO never engaged.
    Contract.objects.filter(dossier=avenant).update(previous_contract_number="075202601999999")
    received = spy_on_deposits(sandbox)

    avenant = validate(avenant, cfa_advisor, django_capture_on_commit_callbacks)

    deposit = Deposit.objects.get(dossier=avenant)
    assert deposit.status == Status.REJECTED
    [error] = deposit.errors
    assert error["field"] == "Numéro du contrat modifié par l'avenant"
    assert "Aucun contrat engagé ne porte le numéro 075202601999999" in error["message"]
    assert len(received) == 1 and sandbox.state.deposits_received == 1  # the first, engaged contract
    assert avenant.status == Dossier.Status.DOCUMENTS_VALIDATED
    client.force_login(cfa_advisor)
    page = html.unescape(
        client.get(reverse("dossiers:tab", kwargs={"pk": avenant.pk, "tab": "suivi"})).content.decode()
    )
    assert "L'OPCO a rejeté le dépôt" in page and "Numéro du contrat modifié par l'avenant : Aucun" in page
    # A rejected deposit leaves the box to the CFA (the manual route), as for an initial contract.
    transitions.mark_sent_to_opco(dossier=avenant, by=employer_contact)
    assert Dossier.objects.get(pk=avenant.pk).status == Dossier.Status.SENT_TO_OPCO


def test_while_the_avenant_s_deposit_runs_nobody_ticks_the_box_and_a_second_trigger_deposits_nothing_more(
    avenant, sandbox, cfa_advisor, employer_contact, django_capture_on_commit_callbacks
):
    sandbox.state.add_fault(status=503)

    avenant = validate(avenant, cfa_advisor, django_capture_on_commit_callbacks)

    deposit = Deposit.objects.get(dossier=avenant)
    assert deposit.status == Status.PENDING and "erreur 503" in deposit.last_error
    with pytest.raises(DossierError, match="en cours de dépôt à l'OPCO par l'API"):
        transitions.mark_sent_to_opco(dossier=avenant, by=employer_contact)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.request_deposit(dossier=avenant).pk == deposit.pk
    assert Deposit.objects.filter(dossier=avenant).count() == 1
    assert sandbox.state.deposits_received == 1  # the initial contract only
