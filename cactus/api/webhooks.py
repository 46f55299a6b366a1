"""Outgoing webhooks: every change of a dossier's state is POSTed, signed, to the endpoints of its scope.

The body is JSON; `X-Cactus-Signature: sha256=<hex>` is the HMAC-SHA256 of `<timestamp>.<body>`
with the endpoint's secret, `X-Cactus-Timestamp` the Unix time of the attempt and
`X-Cactus-Event-Id` the event's UUID (the same at every attempt, so a receiver drops duplicates).
Signing the timestamp with the body lets a receiver refuse a replayed old request.

A delivery is attempted by the `deliver_webhook` task; a failure (network, timeout, non-2xx) is
logged as a `WebhookAttempt` and retried after a growing delay (RETRY_DELAYS), by the task queue
when its backend can defer a task (the database backend in production), else by
`manage.py send_webhooks` (run it every minute from cron). After the last delay it is marked failed.
"""

import hashlib
import hmac
import json
import time
import uuid
from datetime import timedelta

import httpx
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import default_task_backend, task

from cactus.api.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from cactus.core.outbound import public_transport

EVENT_STATUS_CHANGED = "dossier.etat_modifie"
RETRY_DELAYS = [
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
]
TIMEOUT = httpx.Timeout(10.0, connect=5.0)
EXCERPT = 500
UNREADABLE_SECRET = (
    "Secret du webhook illisible (la clé de chiffrement OPCO_ENCRYPTION_KEY ou SECRET_KEY a changé) : "
    "rien n'a été envoyé ; créez un nouveau webhook et donnez son secret au logiciel qui le reçoit."
)


def sign(secret: str, timestamp: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def on_status_changed(sender, *, dossier, event, **kwargs) -> None:
    """Receiver of dossiers.signals.status_changed (after the commit): one delivery per endpoint."""
    queue_status_changed(dossier=dossier, event=event)


def endpoints_for(formation_id: int):
    return (
        WebhookEndpoint.objects.filter(is_active=True)
        .filter(Q(all_formations=True) | Q(formations__pk=formation_id))
        .distinct()
    )


def queue_status_changed(*, dossier, event) -> list[WebhookDelivery]:
    """Record the event for every active endpoint that sees the dossier, then send each (a task)."""
    payload = {
        "evenement": EVENT_STATUS_CHANGED,
        "date": event.created_at.isoformat(),
        "dossier": {
            "id": dossier.pk,
            "formation_id": dossier.formation_id,
            "etat_precedent": event.from_status,
            "etat": event.to_status,
            "etat_libelle": dossier.status_label,
        },
    }
    deliveries = []
    with transaction.atomic():
        for endpoint in endpoints_for(dossier.formation_id):
            event_id = uuid.uuid4()
            body = json.dumps({"id": str(event_id)} | payload, ensure_ascii=False, separators=(",", ":"))
            deliveries.append(
                WebhookDelivery.objects.create(
                    endpoint=endpoint,
                    event_id=event_id,
                    event=EVENT_STATUS_CHANGED,
                    dossier_id=dossier.pk,
                    body=body,
                    # Due now: if the task is lost (a worker killed), send_webhooks still sends it.
                    next_retry_at=timezone.now(),
                )
            )
    for delivery in deliveries:
        deliver_webhook.enqueue(delivery.pk)
    return deliveries


@task()
def deliver_webhook(delivery_id: int) -> str:
    """One attempt of one delivery, logged; schedules the next one on failure."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update()
            .select_related("endpoint")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.state != WebhookDelivery.State.PENDING:
            return delivery.state if delivery else "missing"
        if delivery.next_retry_at and delivery.next_retry_at > timezone.now():
            return "not due"  # claimed by another run, or its retry is later
        if not delivery.endpoint.is_active:
            return "inactive"  # switched off: kept pending, sent by send_webhooks once switched on
        delivery.attempts += 1
        # Claimed: a second worker (or send_webhooks) does not send it again in the meantime.
        delivery.next_retry_at = timezone.now() + RETRY_DELAYS[0]
        delivery.save(update_fields=["attempts", "next_retry_at"])
    status_code, excerpt, error = post(delivery)
    succeeded = status_code is not None and 200 <= status_code < 300
    now = timezone.now()
    has_retry = not succeeded and delivery.attempts <= len(RETRY_DELAYS)
    next_retry_at = now + RETRY_DELAYS[delivery.attempts - 1] if has_retry else None
    WebhookAttempt.objects.create(
        delivery=delivery,
        number=delivery.attempts,
        status_code=status_code,
        response_excerpt=excerpt,
        error=error,
        next_retry_at=next_retry_at,
        created_at=now,
    )
    if succeeded:
        delivery.state = WebhookDelivery.State.DELIVERED
    elif not has_retry:
        delivery.state = WebhookDelivery.State.FAILED
    delivery.next_retry_at = next_retry_at
    delivery.save(update_fields=["state", "next_retry_at"])
    if has_retry and default_task_backend.supports_defer:
        deliver_webhook.using(run_after=next_retry_at).enqueue(delivery.pk)
    return delivery.state


def post(delivery: WebhookDelivery) -> tuple[int | None, str, str]:
    """POST the delivery's body, signed now; (status code, start of the answer, error)."""
    secret = delivery.endpoint.secret
    if not secret:
        # The encryption key changed (OPCO_ENCRYPTION_KEY or SECRET_KEY): a body signed with "" would
        # be forgeable by anyone, so nothing is sent.
        return None, "", UNREADABLE_SECRET
    body = delivery.body.encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "Cactus-Webhooks/1",
        "X-Cactus-Event": delivery.event,
        "X-Cactus-Event-Id": str(delivery.event_id),
        "X-Cactus-Timestamp": timestamp,
        "X-Cactus-Signature": sign(secret, timestamp, body),
    }
    try:
        with httpx.Client(transport=public_transport(), timeout=TIMEOUT) as client:
            response = client.post(delivery.endpoint.url, content=body, headers=headers)
    except httpx.HTTPError as failure:
        return None, "", f"{type(failure).__name__}: {failure}"[:EXCERPT]
    return response.status_code, response.text[:EXCERPT], ""


def send_due_webhooks(*, now=None) -> int:
    """Attempt every pending delivery whose retry time has come (manage.py send_webhooks)."""
    now = now or timezone.now()
    due = WebhookDelivery.objects.filter(
        state=WebhookDelivery.State.PENDING, next_retry_at__lte=now, endpoint__is_active=True
    )
    ids = list(due.values_list("pk", flat=True)[:500])
    for delivery_id in ids:
        deliver_webhook.enqueue(delivery_id)
    return len(ids)
