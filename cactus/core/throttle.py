"""Throttles of the pages: at most `limit` events per `window` seconds for a key, counted in the shared cache.

One helper for every page that must not be used in a loop ("Mot de passe oublié", the signing code,
the contact alternance's invitation): each key keeps the times of its recent events (a sliding
window, at most `limit` of them), so the refusal can say when the next event will be allowed.

The counter is written with an explicit timeout. `cache.incr` is not used: on the database cache
(production) it rewrites the value with the default timeout (300 s), so an hourly counter forgot
its hits after five minutes. Reading then writing is not atomic across servers; services that need
an exact count (the signing code) call `attempt` under their own row lock.

The API's per-token rate is django-ninja's throttle (cactus/api/auth.py), not this one.
"""

import math
import time
from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone


@dataclass(frozen=True)
class Limit:
    key: str
    limit: int
    window: int  # seconds


def _recent(limit: Limit, now: float) -> list[float]:
    times = cache.get(limit.key)
    if not isinstance(times, list):
        return []
    return [moment for moment in times if moment > now - limit.window]


def _wait(limit: Limit, times: list[float], now: float) -> int:
    """Seconds until `limit` allows one more event (0: now)."""
    if limit.limit <= 0:
        return limit.window
    if len(times) < limit.limit:
        return 0
    # The oldest events that must leave the window before one more fits.
    oldest_to_leave = sorted(times)[len(times) - limit.limit]
    return max(1, math.ceil(oldest_to_leave + limit.window - now))


def wait_seconds(*limits: Limit) -> int:
    """Seconds until every limit allows one more event (0: now); nothing is counted."""
    now = time.time()
    return max((_wait(limit, _recent(limit, now), now) for limit in limits), default=0)


def record(*limits: Limit) -> None:
    """Count one event under each limit."""
    now = time.time()
    for limit in limits:
        times = _recent(limit, now)[-(limit.limit - 1) :] if limit.limit > 1 else []
        cache.set(limit.key, [*times, now], timeout=limit.window)


def attempt(*limits: Limit) -> int:
    """Count one event if every limit allows it and return 0; else count nothing and return the wait."""
    wait = wait_seconds(*limits)
    if wait == 0:
        record(*limits)
    return wait


def available_from(wait: int) -> str:
    """ "à partir de 10:42" (today) or "à partir du 08/12/2026 à 10:42", local time, for a refusal's message."""
    now = timezone.localtime()
    moment = timezone.localtime(now + timedelta(seconds=wait))
    if moment.date() == now.date():
        return f"à partir de {moment:%H:%M}"
    return f"à partir du {moment:%d/%m/%Y à %H:%M}"
