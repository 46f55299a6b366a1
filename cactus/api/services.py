"""Every write of the API's back office: tokens and webhook endpoints (created, revoked, paused)."""

from collections.abc import Iterable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from cactus.accounts.models import hash_token
from cactus.api.models import ApiToken, WebhookEndpoint

# `last_used_at` is written at most this often per token: a busy ERP must not write on every call.
LAST_USED_PRECISION = timedelta(minutes=1)


@transaction.atomic
def create_token(
    *, name: str, formations: Iterable = (), all_formations: bool = True, by
) -> tuple[ApiToken, str]:
    """A new token for an organisation; returns it with the raw value, which is never stored."""
    raw = ApiToken.generate()
    token = ApiToken.objects.create(
        name=name,
        prefix=raw[: len("cactus_") + 6],
        hashed_key=hash_token(raw),
        all_formations=all_formations,
        created_by=by,
    )
    if not all_formations:
        token.formations.set(formations)
    return token, raw


@transaction.atomic
def revoke_token(*, token: ApiToken, by) -> ApiToken:
    """The token stops working at once; revoking twice keeps the first date."""
    if token.revoked_at is None:
        token.revoked_at, token.revoked_by = timezone.now(), by
        token.save(update_fields=["revoked_at", "revoked_by"])
    return token


def token_for(raw: str) -> ApiToken | None:
    """The live token with this value, its use recorded (to the minute), or None."""
    token = ApiToken.objects.filter(hashed_key=hash_token(raw), revoked_at__isnull=True).first()
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


@transaction.atomic
def create_webhook_endpoint(
    *, name: str, url: str, formations: Iterable = (), all_formations: bool = True, by
) -> WebhookEndpoint:
    endpoint = WebhookEndpoint(name=name, url=url, all_formations=all_formations, created_by=by)
    endpoint.set_secret(WebhookEndpoint.generate_secret())
    endpoint.save()
    if not all_formations:
        endpoint.formations.set(formations)
    return endpoint


@transaction.atomic
def set_webhook_endpoint_active(*, endpoint: WebhookEndpoint, is_active: bool, by) -> WebhookEndpoint:
    endpoint.is_active, endpoint.changed_by, endpoint.changed_at = is_active, by, timezone.now()
    endpoint.save(update_fields=["is_active", "changed_by", "changed_at"])
    return endpoint
