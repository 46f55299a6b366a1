"""Throttles of the pages: at most `limit` events per `window` seconds for a key, counted in the shared cache.

One helper for every page that must not be used in a loop ("Mot de passe oublié", the signing code,
the contact alternance's invitation, the API's failed tokens): each key keeps the times of its
recent events (a sliding window, at most `limit` of them), so the refusal can say when the next
event will be allowed.

Safe under concurrency on any cache whose `add` is atomic (the database cache: an INSERT on the
key's primary key; LocMem: its lock). Reading a list then writing it back let every request in
flight read the same list: a client keeping k requests in flight got about k × the limit. Now each
event is one cache entry, a *slot*, taken with `cache.add`, which only one request can win:

- the slots of a key are `{key}:{epoch}:{i}` for i < limit, where epoch = now // window: a slot's
  key is never used again once its window is over. The database cache's `add` on a row that has
  expired but not been deleted yet is a plain UPDATE, which two requests would both win; a fresh
  key is always an INSERT, which only one wins;
- the live events are the slots of this epoch and the previous one whose time is within the
  window; one `get_many` reads them all, so a full window is refused without trying any slot;
- `attempt` takes a free slot of this epoch for each limit, then reads again and gives its slots
  back (deletes them: nobody else can hold a slot it won) if more than `limit` events are live,
  which happens only when requests race across an epoch's boundary. Racing requests may thus
  both be refused, never both allowed: at most `limit` events per window, exactly;
- each entry is written with an explicit timeout (the window and a second: the database cache
  rounds its expiry down to the second). `cache.incr` is not used: on the database cache it
  rewrites the value with the default timeout (300 s), so an hourly counter forgot its hits.

The API's per-token rate is django-ninja's throttle (cactus/api/auth.py), not this one.
"""

import hashlib
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


# The database cache's key column holds 255 characters (with Django's ":1:" prefix) and it swallows
# the error of a longer key: the counter was never written, so the limit never applied (a key that
# holds an e-mail address of up to 254 characters). Longer keys are kept short by a digest.
MAX_KEY_LENGTH = 200

# Rounds of "read, try the free slots" before a refusal when every free slot was won by others.
ROUNDS = 3


def _cache_key(limit: Limit) -> str:
    if len(limit.key) <= MAX_KEY_LENGTH:
        return limit.key
    return f"{limit.key[:100]}:{hashlib.sha256(limit.key.encode()).hexdigest()}"


def _epoch(limit: Limit, now: float) -> int:
    return int(now // limit.window)


def _slots(limit: Limit, epoch: int) -> list[str]:
    base = _cache_key(limit)
    return [f"{base}:{epoch}:{index}" for index in range(max(limit.limit, 0))]


def _read(limits: tuple[Limit, ...], now: float) -> dict[str, object]:
    """Every slot of this epoch and the previous one of each limit, in one `get_many`."""
    keys = []
    for limit in limits:
        epoch = _epoch(limit, now)
        keys += _slots(limit, epoch - 1) + _slots(limit, epoch)
    return cache.get_many(keys) if keys else {}


def _times(limit: Limit, found: dict[str, object], now: float) -> list[float]:
    """The times of the live events of `limit` (within the window)."""
    epoch = _epoch(limit, now)
    keys = _slots(limit, epoch - 1) + _slots(limit, epoch)
    values = (found.get(key) for key in keys)
    return [value for value in values if isinstance(value, float) and value > now - limit.window]


def _wait(limit: Limit, times: list[float], now: float) -> int:
    """Seconds until `limit` allows one more event (0: now)."""
    if limit.limit <= 0:
        return limit.window
    if len(times) < limit.limit:
        return 0
    # The oldest events that must leave the window before one more fits.
    oldest_to_leave = sorted(times)[len(times) - limit.limit]
    return max(1, math.ceil(oldest_to_leave + limit.window - now))


def _waits(limits: tuple[Limit, ...], found: dict[str, object], now: float) -> int:
    return max((_wait(limit, _times(limit, found, now), now) for limit in limits), default=0)


def wait_seconds(*limits: Limit) -> int:
    """Seconds until every limit allows one more event (0: now); nothing is counted."""
    now = time.time()
    return _waits(limits, _read(limits, now), now)


def _take(limit: Limit, found: dict[str, object], now: float, *, cap: bool) -> str | None:
    """Win a free slot of this epoch for `limit` (`cache.add`: one request wins it); its key, or None.

    With `cap`, only as many slots as the previous epoch's live events leave room for.
    """
    epoch = _epoch(limit, now)
    earlier = len(_times(limit, {key: found.get(key) for key in _slots(limit, epoch - 1)}, now))
    room = limit.limit - earlier if cap else limit.limit
    for key in _slots(limit, epoch)[: max(room, 0)]:
        if key not in found and cache.add(key, now, timeout=limit.window + 1):
            return key
    return None


def record(*limits: Limit) -> None:
    """Count one event under each limit, whatever the count (e.g. a failure, counted after the fact).

    A window already full keeps the latest events: the oldest slot of this epoch takes the new time.
    """
    now = time.time()
    found = _read(limits, now)
    for limit in limits:
        if limit.limit <= 0 or _take(limit, found, now, cap=False) is not None:
            continue
        current = _slots(limit, _epoch(limit, now))
        held = {key: found[key] for key in current if isinstance(found.get(key), float)}
        oldest = min(held, key=held.get) if held else current[0]
        cache.set(oldest, now, timeout=limit.window + 1)


def attempt(*limits: Limit) -> int:
    """Count one event if every limit allows it and return 0; else count nothing and return the wait.

    Atomic: of the requests in flight at once, at most the room left in each window is allowed.
    """
    for _ in range(ROUNDS):
        now = time.time()
        found = _read(limits, now)
        wait = _waits(limits, found, now)
        if wait:
            return wait
        taken: list[str] = []
        for limit in limits:
            key = _take(limit, found, now, cap=True)
            if key is None:
                break
            taken.append(key)
        if len(taken) == len(limits) and not _overfull(limits, now):
            return 0
        cache.delete_many(taken)  # given back: no other request can hold a slot this one won
    return max(1, wait_seconds(*limits))


def _overfull(limits: tuple[Limit, ...], now: float) -> bool:
    """More than `limit` live events under one of the limits (read again, this request's included)."""
    found = _read(limits, now)
    return any(len(_times(limit, found, now)) > limit.limit for limit in limits)


def available_from(wait: int) -> str:
    """ "à partir de 10:42" (today) or "à partir du 08/12/2026 à 10:42", local time, for a refusal's message."""
    now = timezone.localtime()
    moment = timezone.localtime(now + timedelta(seconds=wait))
    if moment.date() == now.date():
        return f"à partir de {moment:%H:%M}"
    return f"à partir du {moment:%d/%m/%Y à %H:%M}"
