"""Notifications pushed by an OPCO: HMAC-SHA256 of the raw body with the connection's secret.

The signature header is `X-Signature: sha256=<hex>`; the body carries the notification's `id`
and `timestamp`, so both are covered by the signature. Refused: no signature or a wrong one
(constant-time comparison), a timestamp further than OPCO_WEBHOOK_TOLERANCE_SECONDS from now,
an id already accepted (a replay).
"""

import hashlib
import hmac
import json
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from cactus.opco import services
from cactus.opco.models import Deposit, OpcoConnection, OpcoStateChange, WebhookNotification

SIGNATURE_HEADER = "X-Signature"


class WebhookRefused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def sign(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify_signature(body: bytes, signature: str, secret: str) -> None:
    if not secret:
        raise WebhookRefused(403, "Notifications non configurées pour cet OPCO.")
    if not signature:
        raise WebhookRefused(401, "Signature absente.")
    if not hmac.compare_digest(sign(body, secret).encode(), signature.strip().encode()):
        raise WebhookRefused(401, "Signature invalide.")


def receive(connection: OpcoConnection, body: bytes, signature: str) -> OpcoStateChange | None:
    """Check and apply one notification; raises WebhookRefused with the HTTP status to answer."""
    verify_signature(body, signature, connection.webhook_secret)
    try:
        message = json.loads(body)
    except ValueError as error:
        raise WebhookRefused(400, "Corps JSON illisible.") from error
    if not isinstance(message, dict) or not message.get("id"):
        raise WebhookRefused(400, "Identifiant de notification absent.")
    try:
        sent_at = parse_datetime(str(message.get("timestamp") or ""))
    except ValueError:  # well-formed but not a date ("2026-02-30T10:00:00+00:00")
        sent_at = None
    tolerance = timedelta(seconds=settings.OPCO_WEBHOOK_TOLERANCE_SECONDS)
    if sent_at is None or timezone.is_naive(sent_at) or abs(timezone.now() - sent_at) > tolerance:
        raise WebhookRefused(400, "Horodatage absent ou trop ancien.")
    history = message.get("historique")
    if history is not None and not (isinstance(history, list) and all(isinstance(e, dict) for e in history)):
        raise WebhookRefused(400, "Historique illisible : une liste d'états est attendue.")
    with transaction.atomic():
        try:
            with transaction.atomic():
                WebhookNotification.objects.create(
                    opco=connection.opco, notification_id=str(message["id"])[:100]
                )
        except IntegrityError as error:
            raise WebhookRefused(409, "Notification déjà reçue.") from error
        deposit = (
            Deposit.objects.filter(opco=connection.opco, opco_number=str(message.get("numeroDossier") or ""))
            .exclude(opco_number="")
            .first()
        )
        if deposit is None:
            raise WebhookRefused(404, "Dossier inconnu.")
        changes = services.apply_contract_status(deposit, message, source=OpcoStateChange.Source.WEBHOOK)
    return changes[-1] if changes else None
