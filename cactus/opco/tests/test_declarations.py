"""A rupture or a cancellation of a contract the OPCO holds is told to it through the API (issue 16:
"The OPCO and every party are told"), against the sandbox over HTTP: one durable declaration per
dossier and kind, sent after the commit with its Idempotency-Key, retried like a deposit."""

import html
from datetime import date, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from cactus.contracts import services as contract_services
from cactus.contracts.grounds import GROUNDS_BY_KEY
from cactus.core.tests.world import make_dossier_in_state
from cactus.dossiers import transitions
from cactus.dossiers.models import Dossier, DossierEvent
from cactus.opco import declarations, panels, services
from cactus.opco.client import OpcoClient, client_for
from cactus.opco.models import Declaration, Deposit, OpcoConnection, OpcoState
from cactus.opco.tests.conftest import API_KEY, pdf, rupture, validate

pytestmark = pytest.mark.django_db
Status = Declaration.Status
BEFORE_THE_START = date(2026, 8, 20)  # the factories' contracts start on 1 September 2026


def cancel(dossier, by, capture):
    with capture(execute=True):
        return contract_services.cancel_contract(
            dossier=dossier, by=by, reason="L'apprenti renonce.", today=BEFORE_THE_START
        )


def suivi(client, dossier) -> str:
    url = reverse("dossiers:tab", kwargs={"pk": dossier.pk, "tab": "suivi"})
    return html.unescape(client.get(url).content.decode())


def test_a_rupture_of_a_contract_the_opco_holds_is_told_to_it_and_shown_to_the_cfa(
    client, engaged, sandbox, employer_contact, cfa_advisor, django_capture_on_commit_callbacks
):
    # R6222-21 (contracts/README.md, notice 51649#09): the rupture is notified to the CFA and the OPCO.
    dossier = Dossier.objects.get(pk=engaged.dossier_id)

    rupture(dossier, employer_contact, django_capture_on_commit_callbacks)

    declaration = Declaration.objects.get()
    assert (declaration.kind, declaration.status, declaration.attempts) == ("rupture", Status.SENT, 1)
    [sent] = sandbox.state.declarations.values()
    assert sent["type"] == "rupture" and sent["numeroDossier"] == engaged.opco_number
    assert sent["corps"] == {
        "numeroInterne": f"CACTUS-{dossier.pk:06d}",
        "dateRupture": "2026-10-15",
        "motif": "probation",
        "libelleMotif": GROUNDS_BY_KEY["probation"].label,
        "article": "L6222-18 al. 1",
        "initiative": "employer",
        "situationApres": "cfa_trainee",
        "stagiaireJusquAu": "2027-04-14",  # L6222-18-2: six months at the CFA
    }
    assert sandbox.state.contracts[engaged.opco_number]["etat"] == "RUPTURE"
    assert Deposit.objects.count() == 1  # a rupture deposits nothing
    event = DossierEvent.objects.get(dossier=dossier, action=DossierEvent.Action.OPCO_DECLARATION)
    assert event.actor is None and event.comment == f"Rupture transmise à l'OPCO (n° {engaged.opco_number})."
    client.force_login(cfa_advisor)
    page = suivi(client, dossier)
    assert f"Rupture transmise à l'OPCO le {declaration.sent_at:%d/%m/%Y}" in page
    assert "non transmise" not in page

    # The OPCO's RUPTURE comes back by the poll: recorded on the deposit, nothing sent again.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("opco_poll")
    engaged.refresh_from_db()
    assert engaged.opco_state == OpcoState.RUPTURE
    assert list(engaged.state_changes.values_list("state", flat=True))[-1] == OpcoState.RUPTURE
    assert len(sandbox.state.declarations) == 1 and Declaration.objects.get().status == Status.SENT


def test_a_cancellation_of_a_deposited_contract_is_told_to_the_opco(
    connection, sandbox, returned_dossier, cfa_advisor, django_capture_on_commit_callbacks
):
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)
    deposit = Deposit.objects.get(dossier=dossier)

    cancel(dossier, cfa_advisor, django_capture_on_commit_callbacks)

    assert Declaration.objects.get().status == Status.SENT
    [sent] = sandbox.state.declarations.values()
    assert sent["type"] == "annulation" and sent["numeroDossier"] == deposit.opco_number
    assert sent["corps"]["dateAnnulation"] == "2026-08-20"
    assert sent["corps"]["motif"] == "L'apprenti renonce."
    assert sandbox.state.contracts[deposit.opco_number]["etat"] == "ANNULE"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("opco_poll")
    deposit.refresh_from_db()
    assert deposit.opco_state == OpcoState.ANNULE
    assert Dossier.objects.get(pk=dossier.pk).status == Dossier.Status.CANCELLED


def test_a_5xx_is_retried_with_the_deposits_backoff_and_told_once(
    engaged, sandbox, employer_contact, django_capture_on_commit_callbacks
):
    sandbox.state.add_fault(status=502)

    rupture(Dossier.objects.get(pk=engaged.dossier_id), employer_contact, django_capture_on_commit_callbacks)

    declaration = Declaration.objects.get()
    assert (declaration.status, declaration.attempts) == (Status.PENDING, 1)
    assert "erreur 502" in declaration.last_error and "Nouvel essai" in declaration.last_error
    assert declaration.next_attempt_at == pytest.approx(
        declaration.updated_at + timedelta(seconds=60), abs=timedelta(seconds=5)
    )
    call_command("opco_poll")  # not due yet
    declaration.refresh_from_db()
    assert declaration.attempts == 1 and not sandbox.state.declarations

    with time_machine.travel(declaration.next_attempt_at + timedelta(seconds=1)):
        call_command("opco_poll")

    declaration.refresh_from_db()
    assert (declaration.status, declaration.attempts, declaration.last_error) == (Status.SENT, 2, "")
    assert len(sandbox.state.declarations) == 1


def test_after_the_last_try_the_declaration_fails(
    engaged, sandbox, employer_contact, django_capture_on_commit_callbacks, settings
):
    settings.OPCO_MAX_ATTEMPTS = 2
    sandbox.state.add_fault(status=500, count=5)
    rupture(Dossier.objects.get(pk=engaged.dossier_id), employer_contact, django_capture_on_commit_callbacks)

    with time_machine.travel(Declaration.objects.get().next_attempt_at + timedelta(seconds=1)):
        call_command("opco_poll")

    declaration = Declaration.objects.get()
    assert (declaration.status, declaration.attempts) == (Status.FAILED, 2)
    assert "envoi abandonné" in declaration.last_error
    assert not sandbox.state.declarations


def test_a_refused_key_fails_at_once_and_only_cfa_staff_send_it_again(
    client, engaged, sandbox, employer_contact, cfa_advisor, django_capture_on_commit_callbacks
):
    dossier = Dossier.objects.get(pk=engaged.dossier_id)
    valid_until = sandbox.state.api_keys.pop(API_KEY)

    rupture(dossier, employer_contact, django_capture_on_commit_callbacks)

    failed = Declaration.objects.get()
    assert (failed.status, failed.attempts) == (Status.FAILED, 1)
    assert failed.last_error == "L'OPCO refuse la clé d'API (401) : Clé d'API absente ou inconnue."
    event = DossierEvent.objects.get(dossier=dossier, action=DossierEvent.Action.OPCO_DECLARATION)
    assert event.comment.startswith("Échec de la transmission de la rupture à l'OPCO : L'OPCO refuse")
    retry = reverse("opco:retry", args=[dossier.pk])
    client.force_login(employer_contact)
    page = suivi(client, dossier)
    assert "Rupture : échec de la transmission à l'OPCO" in page and "Relancer la déclaration" not in page
    assert client.post(retry, {"declaration": "rupture"}).status_code == 403
    client.force_login(cfa_advisor)
    assert "Relancer la déclaration" in suivi(client, dossier)

    sandbox.state.api_keys[API_KEY] = valid_until  # the OPCO renewed the key
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(retry, {"declaration": "rupture"}, follow=True)

    assert "Déclaration relancée." in response.content.decode()
    declaration = Declaration.objects.get()
    assert declaration.pk == failed.pk and declaration.status == Status.SENT
    assert list(sandbox.state.declarations) == [str(failed.idempotency_key)]
    response = client.post(retry, {"declaration": "rupture"}, follow=True)
    assert "Seule une déclaration en échec se relance." in response.content.decode()


def test_a_contract_number_the_opco_does_not_know_fails_at_once(
    engaged, sandbox, employer_contact, django_capture_on_commit_callbacks
):
    Deposit.objects.filter(pk=engaged.pk).update(opco_number="20269999999")

    rupture(Dossier.objects.get(pk=engaged.dossier_id), employer_contact, django_capture_on_commit_callbacks)

    declaration = Declaration.objects.get()
    assert (declaration.status, declaration.attempts) == (Status.FAILED, 1)
    assert declaration.last_error.startswith("L'OPCO ne connaît pas ce contrat (404)")


def test_the_opco_refuses_a_declaration_about_a_contract_it_refused(
    client, connection, sandbox, returned_dossier, cfa_advisor, django_capture_on_commit_callbacks
):
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)
    sandbox.state.decide(Deposit.objects.get().opco_number, "REFUSE")

    cancel(dossier, cfa_advisor, django_capture_on_commit_callbacks)

    declaration = Declaration.objects.get()
    assert declaration.status == Status.REJECTED
    assert declaration.errors == [
        {"field": "", "message": "Le contrat est à l'état REFUSE : plus rien à déclarer."}
    ]
    client.force_login(cfa_advisor)
    page = suivi(client, dossier)
    assert "Annulation refusée par l'OPCO" in page and "Le CFA règle la déclaration directement" in page


def test_two_triggers_give_one_declaration_and_one_post(
    connection, engaged, sandbox, employer_contact, django_capture_on_commit_callbacks
):
    posts = []
    original = sandbox.state.declare

    def spy(number, what, body, key):
        posts.append(key)
        return original(number, what, body, key)

    sandbox.state.declare = spy
    dossier = Dossier.objects.get(pk=engaged.dossier_id)
    rupture(dossier, employer_contact, django_capture_on_commit_callbacks)
    event = dossier.events.get(to_status=Dossier.Status.RUPTURED)

    with django_capture_on_commit_callbacks(execute=True):  # the signal heard twice, the task run twice
        services.on_status_changed(Dossier, dossier=dossier, event=event)
        declarations.request_declaration(dossier=dossier)
    declarations.submit_declaration(Declaration.objects.get().pk)

    assert Declaration.objects.count() == 1 and len(posts) == 1
    # The same key sent again (an answer lost on the way) is answered "duplicate", recorded once.
    declaration = Declaration.objects.get()
    with client_for(connection) as client:
        answer = client.declare(
            engaged.opco_number, "rupture", declaration.body, idempotency_key=str(declaration.idempotency_key)
        )
    assert answer["duplicate"] is True and len(sandbox.state.declarations) == 1


def test_nothing_is_told_when_the_opco_is_on_the_manual_route_or_holds_no_contract(
    client,
    connection,
    engaged,
    sandbox,
    formation,
    employer_contact,
    cfa_advisor,
    django_capture_on_commit_callbacks,
):
    # Deposited through the API, then the OPCO moved to "dépôt manuel": the CFA tells it by hand.
    OpcoConnection.objects.filter(pk=connection.pk).update(mode=OpcoConnection.Mode.MANUAL)
    dossier = Dossier.objects.get(pk=engaged.dossier_id)
    rupture(dossier, employer_contact, django_capture_on_commit_callbacks)
    client.force_login(cfa_advisor)
    assert "Rupture non transmise à l'OPCO par l'API (dépôt manuel) : prévenez l'OPCO" in suivi(
        client, dossier
    )
    OpcoConnection.objects.filter(pk=connection.pk).update(mode=OpcoConnection.Mode.API)
    # Never deposited (sent by hand): the OPCO's API holds no number of it.
    by_hand = make_dossier_in_state(Dossier.Status.SENT_TO_OPCO, formation=formation)
    cancel(by_hand, cfa_advisor, django_capture_on_commit_callbacks)

    assert not Declaration.objects.exists()
    assert not sandbox.state.declarations


def test_a_dossier_cancelled_while_the_opco_checks_its_deposit_is_told_once_the_opco_accepts_it(
    connection, sandbox, returned_dossier, cfa_advisor, django_capture_on_commit_callbacks
):
    sandbox.state.job_delay = 3600
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)
    cancel(dossier, cfa_advisor, django_capture_on_commit_callbacks)
    assert not Declaration.objects.exists()  # no contract number at the OPCO yet

    sandbox.state.job_delay = 0
    with django_capture_on_commit_callbacks(execute=True):
        call_command("opco_poll")

    assert Deposit.objects.get().status == Deposit.Status.ACCEPTED
    assert Dossier.objects.get(pk=dossier.pk).status == Dossier.Status.CANCELLED  # not "Envoyé à l'OPCO"
    assert Declaration.objects.get().status == Status.SENT
    assert [entry["type"] for entry in sandbox.state.declarations.values()] == ["annulation"]


def test_a_failed_cancellation_is_written_in_correct_french_in_the_history(
    connection, sandbox, returned_dossier, cfa_advisor, django_capture_on_commit_callbacks
):
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)
    sandbox.state.api_keys.pop(API_KEY)

    cancel(dossier, cfa_advisor, django_capture_on_commit_callbacks)

    assert Declaration.objects.get().status == Status.FAILED
    event = DossierEvent.objects.get(dossier=dossier, action=DossierEvent.Action.OPCO_DECLARATION)
    assert event.comment.startswith("Échec de la transmission de l'annulation à l'OPCO : L'OPCO refuse")


def test_a_cancelled_dossier_leaves_the_opco_queues(
    connection, sandbox, returned_dossier, formation, cfa_advisor, django_capture_on_commit_callbacks
):
    # Issue 16: a contract cancelled before its start leaves every active queue, the OPCO's too.
    queues = {key: condition for key, _, condition in panels.QUEUES}
    valid_until = sandbox.state.api_keys.pop(API_KEY)
    failed = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)
    assert Deposit.objects.get(dossier=failed).status == Deposit.Status.FAILED
    assert list(Dossier.objects.filter(queues["opco_rejected"](date.today()))) == [failed]
    sandbox.state.api_keys[API_KEY] = valid_until
    # Received by the OPCO, then its connection went back to "dépôt manuel": nothing is declared.
    other = make_dossier_in_state(Dossier.Status.VALIDATED, formation=formation)
    other = transitions.return_signed_documents(
        dossier=other,
        files={"signed_cerfa": pdf("CERFA signé"), "signed_convention": pdf("Convention signée")},
        by=cfa_advisor,
    )
    silent = validate(other, cfa_advisor, django_capture_on_commit_callbacks)
    received = Deposit.objects.get(dossier=silent).received_on
    later = received + timedelta(days=panels.DECISION_DAYS + 1)
    assert list(Dossier.objects.filter(queues["opco_silent"](later))) == [silent]
    OpcoConnection.objects.filter(pk=connection.pk).update(mode=OpcoConnection.Mode.MANUAL)

    cancel(failed, cfa_advisor, django_capture_on_commit_callbacks)
    cancel(silent, cfa_advisor, django_capture_on_commit_callbacks)

    assert not Dossier.objects.filter(queues["opco_rejected"](date.today())).exists()
    assert not Dossier.objects.filter(queues["opco_silent"](later)).exists()


def test_relancer_la_declaration_once_the_opco_is_back_on_the_manual_route_says_so(
    client, connection, engaged, sandbox, employer_contact, cfa_advisor, django_capture_on_commit_callbacks
):
    dossier = Dossier.objects.get(pk=engaged.dossier_id)
    sandbox.state.api_keys.pop(API_KEY)
    rupture(dossier, employer_contact, django_capture_on_commit_callbacks)
    assert Declaration.objects.get().status == Status.FAILED
    OpcoConnection.objects.filter(pk=connection.pk).update(mode=OpcoConnection.Mode.MANUAL)
    client.force_login(cfa_advisor)

    response = client.post(reverse("opco:retry", args=[dossier.pk]), {"declaration": "rupture"}, follow=True)

    page = html.unescape(response.content.decode())
    assert "L'OPCO n'est plus relié par l'API (dépôt manuel) : prévenez-le directement." in page
    assert Declaration.objects.get().status == Status.FAILED and not sandbox.state.declarations


def test_two_sends_that_meet_make_one_post_and_write_one_outcome_in_the_history(
    engaged, sandbox, employer_contact, monkeypatch, django_capture_on_commit_callbacks
):
    # The worker's task and `opco_poll` both find the declaration pending: the first holds it while
    # its POST is on its way (backoff.send_lease), so the second leaves it and sends nothing.
    dossier = Dossier.objects.get(pk=engaged.dossier_id)
    original = OpcoClient.declare
    posts, nested = [], []

    def meanwhile(self, *args, **kwargs):
        posts.append(args)
        if not nested:  # the other run, while this POST is on its way
            nested.append(declarations.submit_declaration(Declaration.objects.get().pk))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(OpcoClient, "declare", meanwhile)

    rupture(dossier, employer_contact, django_capture_on_commit_callbacks)

    assert nested[0].status == Status.PENDING and nested[0].attempts == 1  # left to the first run
    assert len(posts) == 1
    declaration = Declaration.objects.get()
    assert (declaration.status, declaration.attempts, declaration.next_attempt_at) == (Status.SENT, 1, None)
    events = DossierEvent.objects.filter(dossier=dossier, action=DossierEvent.Action.OPCO_DECLARATION)
    assert events.count() == 1


def test_a_rupture_recorded_on_an_avenant_still_under_way_is_declared_on_the_engaged_contract(
    engaged, sandbox, employer_contact, formation_manager, cfa_advisor, django_capture_on_commit_callbacks
):
    # R6222-21: the OPCO is told of the rupture of the contract it engaged. The avenant (signed and
    # returned, its own deposit not made yet) carries no number: the amended contract's is quoted.
    from cactus.opco.tests.conftest import returned_avenant

    original = Dossier.objects.get(pk=engaged.dossier_id)
    avenant = returned_avenant(
        original,
        employer_contact=employer_contact,
        formation_manager=formation_manager,
        cfa_advisor=cfa_advisor,
    )
    assert avenant.status == Dossier.Status.DOCUMENTS_RETURNED

    rupture(avenant, employer_contact, django_capture_on_commit_callbacks)

    declaration = Declaration.objects.get()
    assert (declaration.dossier_id, declaration.deposit_id, declaration.status) == (
        avenant.pk,
        engaged.pk,
        Status.SENT,
    )
    [sent] = sandbox.state.declarations.values()
    assert sent["numeroDossier"] == engaged.opco_number
    assert sandbox.state.contracts[engaged.opco_number]["etat"] == "RUPTURE"


def test_a_next_contract_broken_before_its_deposit_quotes_no_earlier_contract(
    engaged, sandbox, employer_contact, cfa_advisor, django_capture_on_commit_callbacks
):
    # A next contract (succession, D6222-29) is a contract of its own: the previous one's number is
    # never quoted for it.
    successor = make_dossier_in_state(
        Dossier.Status.DOCUMENTS_RETURNED,
        formation=Dossier.objects.get(pk=engaged.dossier_id).formation,
        employer_contact=employer_contact,
    )
    Dossier.objects.filter(pk=successor.pk).update(
        previous_version_id=engaged.dossier_id, version_kind=Dossier.VersionKind.NEXT_CONTRACT
    )

    rupture(Dossier.objects.get(pk=successor.pk), employer_contact, django_capture_on_commit_callbacks)

    assert Declaration.objects.count() == 0
    assert sandbox.state.declarations == {}
