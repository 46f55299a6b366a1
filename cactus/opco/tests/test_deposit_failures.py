"""When the OPCO does not answer well: timeouts and 500s are retried with backoff, then queued; a
refused or expired key stops at once."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cactus.dossiers.models import Dossier
from cactus.opco import services
from cactus.opco.models import Deposit
from cactus.opco.tests.conftest import API_KEY, validate

pytestmark = pytest.mark.django_db
Status = Deposit.Status


def test_a_500_is_retried_later_and_the_next_try_deposits(
    connection, sandbox, returned_dossier, cfa_advisor, django_capture_on_commit_callbacks
):
    sandbox.state.add_fault(status=500)

    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)

    deposit = Deposit.objects.get(dossier=dossier)
    assert deposit.status == Status.PENDING
    assert deposit.attempts == 1
    assert "erreur 500" in deposit.last_error and "Nouvel essai" in deposit.last_error
    assert deposit.next_attempt_at == pytest.approx(
        deposit.updated_at + timedelta(seconds=60), abs=timedelta(seconds=5)
    )

    call_command("opco_poll")  # not due yet: nothing is sent
    deposit.refresh_from_db()
    assert deposit.attempts == 1

    with time_machine.travel(deposit.next_attempt_at + timedelta(seconds=1)):
        call_command("opco_poll")

    deposit.refresh_from_db()
    assert deposit.status == Status.ACCEPTED
    assert deposit.attempts == 2
    assert Dossier.objects.get(pk=dossier.pk).status == Dossier.Status.SENT_TO_OPCO


def test_a_timeout_counts_as_a_network_error_and_the_retry_is_answered_duplicate(
    connection, sandbox, returned_dossier, cfa_advisor, django_capture_on_commit_callbacks, settings
):
    settings.OPCO_HTTP_TIMEOUT = 0.5
    sandbox.state.add_fault(delay=1.5)

    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)

    deposit = Deposit.objects.get(dossier=dossier)
    assert deposit.status == Status.PENDING
    assert "n'a pas répondu à temps" in deposit.last_error
    # The OPCO did get it (only the answer was lost): the retry's Idempotency-Key makes it no second one.
    with time_machine.travel(deposit.next_attempt_at + timedelta(seconds=1)):
        call_command("opco_poll")
    deposit.refresh_from_db()
    assert deposit.status == Status.ACCEPTED
    assert sandbox.state.deposits_received == 1


def test_the_backoff_doubles_at_each_try():
    assert [services.retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [60, 120, 240, 480]


def test_after_the_last_try_the_deposit_fails_and_waits_in_the_rejected_queue(
    connection, sandbox, returned_dossier, cfa_advisor, django_capture_on_commit_callbacks, settings
):
    settings.OPCO_MAX_ATTEMPTS = 3
    sandbox.state.add_fault(status=503, count=10)
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)
    deposit = Deposit.objects.get(dossier=dossier)

    for hours in range(1, 6):
        with time_machine.travel(timezone.now() + timedelta(hours=hours)):
            call_command("opco_poll")

    deposit.refresh_from_db()
    assert deposit.status == Status.FAILED
    assert deposit.attempts == 3
    assert "abandonné" in deposit.last_error
    assert sandbox.state.deposits_received == 0
    assert Dossier.objects.filter(services_queue("opco_rejected")).get() == dossier


def services_queue(key: str):
    from cactus.opco.panels import QUEUES

    return next(condition for name, _, condition in QUEUES if name == key)(timezone.localdate())


def test_an_expired_key_fails_at_once_with_the_opcos_message(
    connection, sandbox, returned_dossier, cfa_advisor, django_capture_on_commit_callbacks
):
    sandbox.state.api_keys[API_KEY] = (date.today() - timedelta(days=1)).isoformat()

    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)

    deposit = Deposit.objects.get(dossier=dossier)
    assert deposit.status == Status.FAILED
    assert deposit.attempts == 1
    assert "(403)" in deposit.last_error and "Clé d'API expirée le" in deposit.last_error
    assert dossier.status == Dossier.Status.DOCUMENTS_VALIDATED


def test_a_failed_deposit_retried_by_the_cfa_reuses_its_key_and_deposits_once(
    connection, sandbox, returned_dossier, cfa_advisor, django_capture_on_commit_callbacks
):
    valid_until = sandbox.state.api_keys[API_KEY]
    sandbox.state.api_keys[API_KEY] = (date.today() - timedelta(days=1)).isoformat()
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)
    failed = Deposit.objects.get(dossier=dossier)

    sandbox.state.api_keys[API_KEY] = valid_until  # the OPCO renewed the key
    with django_capture_on_commit_callbacks(execute=True):
        retried = services.request_deposit(dossier=dossier, by=cfa_advisor)

    assert retried.pk == failed.pk
    retried.refresh_from_db()
    assert retried.status == Status.ACCEPTED
    assert sandbox.state.deposits_received == 1


def test_the_key_check_records_its_end_date(connection, sandbox):
    message = services.check_key(connection)

    connection.refresh_from_db()
    assert connection.key_valid_until == date.fromisoformat(sandbox.state.api_keys[API_KEY])
    assert message == f"Clé valide jusqu'au {connection.key_valid_until:%d/%m/%Y}."


def test_the_key_check_reports_an_unknown_key(connection, sandbox):
    sandbox.state.api_keys.clear()

    assert services.check_key(connection) == (
        "L'OPCO refuse la clé d'API (401) : Clé d'API absente ou inconnue."
    )


def test_an_unreachable_opco_is_reported_by_the_key_check(connection, sandbox):
    sandbox.shutdown()
    sandbox.server_close()

    assert services.check_key(connection).startswith("L'OPCO est injoignable")


def test_with_the_database_backend_the_retry_is_a_task_deferred_by_the_backoff(
    connection, sandbox, returned_dossier, cfa_advisor, django_capture_on_commit_callbacks, settings
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)
    deposit = Deposit.objects.get(dossier=dossier)
    [queued] = DBTaskResult.objects.filter(task_path__endswith="submit_deposit_task")
    assert queued.args_kwargs["args"] == [deposit.pk]

    sandbox.state.add_fault(status=502)
    services.submit_deposit(deposit.pk)  # what the worker runs

    deposit.refresh_from_db()
    assert deposit.status == Status.PENDING
    retry = DBTaskResult.objects.filter(task_path__endswith="submit_deposit_task").exclude(pk=queued.pk).get()
    assert retry.run_after == deposit.next_attempt_at


def test_the_conseillere_retries_a_failed_deposit_from_suivi_info(
    client,
    connection,
    sandbox,
    returned_dossier,
    cfa_advisor,
    employer_contact,
    django_capture_on_commit_callbacks,
):
    valid_until = sandbox.state.api_keys[API_KEY]
    sandbox.state.api_keys[API_KEY] = (date.today() - timedelta(days=1)).isoformat()
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)
    suivi = reverse("dossiers:tab", kwargs={"pk": dossier.pk, "tab": "suivi"})
    client.force_login(employer_contact)
    assert "Relancer le dépôt" not in client.get(suivi).content.decode()  # staff only
    assert client.post(reverse("opco:retry", args=[dossier.pk])).status_code == 403
    client.force_login(cfa_advisor)
    assert "Relancer le dépôt" in client.get(suivi).content.decode()

    sandbox.state.api_keys[API_KEY] = valid_until
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("opco:retry", args=[dossier.pk]), follow=True)

    assert "Dépôt relancé." in response.content.decode()
    assert Deposit.objects.get().status == Status.ACCEPTED
    assert Dossier.objects.get(pk=dossier.pk).status == Dossier.Status.SENT_TO_OPCO


def test_the_task_and_the_poll_meeting_on_a_deposit_send_it_once(
    connection, sandbox, returned_dossier, cfa_advisor, django_capture_on_commit_callbacks, monkeypatch
):
    # The worker's task sends the new deposit while `opco_poll` finds it pending: the first run holds
    # it for the time of its send (backoff.send_lease), the poll leaves it.
    from cactus.opco.client import OpcoClient

    original = OpcoClient.deposit_contract
    posts, polled = [], []

    def meanwhile(self, *args, **kwargs):
        posts.append(args)
        if not polled:
            polled.append(None)
            call_command("opco_poll")
            polled[0] = Deposit.objects.get()
        return original(self, *args, **kwargs)

    monkeypatch.setattr(OpcoClient, "deposit_contract", meanwhile)

    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)

    assert polled[0].status == Status.PENDING and polled[0].attempts == 1
    assert len(posts) == 1 and sandbox.state.deposits_received == 1
    deposit = Deposit.objects.get(dossier=dossier)
    assert deposit.status == Status.ACCEPTED and deposit.next_attempt_at is None


def test_a_send_that_died_half_way_is_taken_up_by_the_poll_once_its_lease_is_over(
    connection, sandbox, returned_dossier, cfa_advisor, django_capture_on_commit_callbacks, monkeypatch
):
    from cactus.opco.backoff import send_lease

    monkeypatch.setattr(services, "_enqueue", lambda *args, **kwargs: None)  # the task is lost
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)
    deposit = Deposit.objects.get(dossier=dossier)
    # A worker took it and died before any answer: attempts counted, lease set.
    started = timezone.now()
    Deposit.objects.filter(pk=deposit.pk).update(attempts=1, next_attempt_at=started + send_lease())

    call_command("opco_poll")
    assert Deposit.objects.get(pk=deposit.pk).status == Status.PENDING  # still held
    with time_machine.travel(started + send_lease() + timedelta(seconds=1)):
        call_command("opco_poll")

    assert Deposit.objects.get(pk=deposit.pk).status == Status.ACCEPTED
    assert sandbox.state.deposits_received == 1
