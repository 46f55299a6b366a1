"""Every change of a dossier's state is POSTed, signed, to the active endpoints of its scope, and
retried with backoff until the receiver answers 2xx; each attempt is in the delivery log."""

import socket
from datetime import timedelta

import pytest
import time_machine

from cactus.api import services
from cactus.api.models import WebhookAttempt, WebhookDelivery
from cactus.api.tests.receiver import Receiver
from cactus.api.webhooks import RETRY_DELAYS, send_due_webhooks
from cactus.dossiers import transitions
from cactus.dossiers.tests.factories import complete_dossier
from cactus.formations.tests.factories import FormationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready_dossier(formation):
    return complete_dossier(formation=formation)


def endpoint_for(url: str, *, formations=None, by=None):
    return services.create_webhook_endpoint(
        name="Yparéo", url=url, formations=formations or [], all_formations=formations is None, by=by
    )


def request_validation(dossier, capture):
    with capture(execute=True):
        transitions.request_validation(dossier=dossier, by=dossier.employer_contact)


def test_a_state_change_is_posted_signed_to_the_endpoint(ready_dossier, django_capture_on_commit_callbacks):
    with Receiver() as receiver:
        endpoint = endpoint_for(receiver.url)
        receiver.secret = endpoint.secret

        request_validation(ready_dossier, django_capture_on_commit_callbacks)

    [received] = receiver.received
    assert received.signature_valid
    delivery = WebhookDelivery.objects.get()
    assert received.headers["X-Cactus-Event-Id"] == str(delivery.event_id)
    assert received.headers["X-Cactus-Event"] == "dossier.etat_modifie"
    assert received.json == {
        "id": str(delivery.event_id),
        "evenement": "dossier.etat_modifie",
        "date": received.json["date"],
        "dossier": {
            "id": ready_dossier.pk,
            "formation_id": ready_dossier.formation_id,
            "etat_precedent": "draft",
            "etat": "validation_requested",
            "etat_libelle": "Validation demandée",
        },
    }
    assert delivery.state == WebhookDelivery.State.DELIVERED
    [attempt] = delivery.attempt_log.all()
    assert (attempt.number, attempt.status_code, attempt.next_retry_at) == (1, 200, None)
    assert '"recu": true' in attempt.response_excerpt


def test_a_500_then_a_success_gives_two_attempts_in_the_log(
    ready_dossier, django_capture_on_commit_callbacks, client, cfa_admin
):
    with Receiver(statuses=[500]) as receiver:
        endpoint = endpoint_for(receiver.url)
        receiver.secret = endpoint.secret
        request_validation(ready_dossier, django_capture_on_commit_callbacks)

        delivery = WebhookDelivery.objects.get()
        assert delivery.state == WebhookDelivery.State.PENDING
        first_retry = delivery.next_retry_at
        assert send_due_webhooks() == 0  # not before its time
        with time_machine.travel(first_retry + timedelta(seconds=1)):
            assert send_due_webhooks() == 1

    first, second = receiver.received
    assert first.signature_valid and second.signature_valid
    assert first.body == second.body  # the same event, signed again
    assert first.headers["X-Cactus-Event-Id"] == second.headers["X-Cactus-Event-Id"]
    attempts = list(WebhookAttempt.objects.order_by("number").values_list("number", "status_code"))
    assert attempts == [(1, 500), (2, 200)]
    delivery.refresh_from_db()
    assert delivery.state == WebhookDelivery.State.DELIVERED
    assert delivery.attempts == 2
    # The CFA administrator reads the same log on "Accès API".
    client.force_login(cfa_admin)
    page = client.get(f"/acces-api/webhooks/{endpoint.pk}/").content.decode()
    assert "HTTP 500" in page and "HTTP 200" in page and "Livré" in page


def test_a_receiver_that_never_answers_ends_failed_after_the_last_delay(
    ready_dossier, django_capture_on_commit_callbacks
):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{closed.getsockname()[1]}/"  # bound, not listening: refused
        endpoint_for(url)
        request_validation(ready_dossier, django_capture_on_commit_callbacks)
        delivery = WebhookDelivery.objects.get()
        for _ in RETRY_DELAYS:
            delivery.refresh_from_db()
            with time_machine.travel(delivery.next_retry_at + timedelta(seconds=1)):
                send_due_webhooks()

    delivery.refresh_from_db()
    assert delivery.state == WebhookDelivery.State.FAILED
    attempts = list(delivery.attempt_log.order_by("number"))
    assert len(attempts) == len(RETRY_DELAYS) + 1
    assert all(attempt.status_code is None and "ConnectError" in attempt.error for attempt in attempts)
    # Backoff: each wait longer than the one before.
    waits = [attempt.next_retry_at - attempt.created_at for attempt in attempts[:-1]]
    assert waits == sorted(waits) and waits[0] >= timedelta(minutes=1)
    assert attempts[-1].next_retry_at is None


def test_a_body_changed_on_the_way_fails_the_receivers_check(ready_dossier):
    from cactus.api.webhooks import sign

    with Receiver(secret="whsec_test") as receiver:
        signature = sign("whsec_test", "1700000000", b'{"a":1}')
        assert receiver.is_signed(
            {"X-Cactus-Timestamp": "1700000000", "X-Cactus-Signature": signature}, b'{"a":1}'
        )
        assert not receiver.is_signed(
            {"X-Cactus-Timestamp": "1700000000", "X-Cactus-Signature": signature}, b'{"a":2}'
        )
        assert not receiver.is_signed(
            {"X-Cactus-Timestamp": "1700000001", "X-Cactus-Signature": signature}, b'{"a":1}'
        )


def test_only_active_endpoints_of_the_dossiers_scope_are_told(
    ready_dossier, django_capture_on_commit_callbacks
):
    with Receiver() as receiver:
        mine = endpoint_for(receiver.url + "/mine", formations=[ready_dossier.formation])
        endpoint_for(receiver.url + "/other", formations=[FormationFactory()])
        paused = endpoint_for(receiver.url + "/paused")
        services.set_webhook_endpoint_active(endpoint=paused, is_active=False, by=None)
        receiver.secret = mine.secret

        request_validation(ready_dossier, django_capture_on_commit_callbacks)

    assert [delivery.endpoint for delivery in WebhookDelivery.objects.all()] == [mine]
    assert len(receiver.received) == 1 and receiver.received[0].signature_valid


def test_nothing_is_sent_before_the_change_is_committed(ready_dossier, django_capture_on_commit_callbacks):
    with Receiver() as receiver:
        endpoint_for(receiver.url)
        with django_capture_on_commit_callbacks(execute=False):
            transitions.request_validation(dossier=ready_dossier, by=ready_dossier.employer_contact)

    assert receiver.received == []
    assert not WebhookDelivery.objects.exists()


def test_a_delivery_is_not_sent_twice_by_two_runs(ready_dossier, django_capture_on_commit_callbacks):
    from cactus.api.webhooks import deliver_webhook

    with Receiver() as receiver:
        endpoint = endpoint_for(receiver.url)
        receiver.secret = endpoint.secret
        request_validation(ready_dossier, django_capture_on_commit_callbacks)
        delivery = WebhookDelivery.objects.get()

        deliver_webhook.call(delivery.pk)  # a late duplicate of the task

    assert len(receiver.received) == 1
    assert delivery.attempt_log.count() == 1


def test_an_endpoint_switched_off_gets_no_retry_and_gets_it_once_switched_on_again(
    ready_dossier, django_capture_on_commit_callbacks, cfa_admin
):
    with Receiver(statuses=[500]) as receiver:
        endpoint = endpoint_for(receiver.url)
        receiver.secret = endpoint.secret
        request_validation(ready_dossier, django_capture_on_commit_callbacks)
        delivery = WebhookDelivery.objects.get()
        services.set_webhook_endpoint_active(endpoint=endpoint, is_active=False, by=cfa_admin)

        with time_machine.travel(delivery.next_retry_at + timedelta(seconds=1)):
            send_due_webhooks()
        assert len(receiver.received) == 1  # "Webhook désactivé : plus aucun envoi."

        services.set_webhook_endpoint_active(endpoint=endpoint, is_active=True, by=cfa_admin)
        with time_machine.travel(delivery.next_retry_at + timedelta(seconds=1)):
            assert send_due_webhooks() == 1

    assert len(receiver.received) == 2
    delivery.refresh_from_db()
    assert delivery.state == WebhookDelivery.State.DELIVERED
    assert delivery.attempts == 2
