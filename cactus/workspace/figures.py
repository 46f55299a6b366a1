"""The charts' numbers in the cache, stale-while-revalidate: no page view waits for them once they
have been computed.

Each chart's numbers read every dossier of the scope (full scans: ~3.4 s for the five CFA-wide
charts at 10^6 dossiers). They are kept KEEP_SECONDS in the cache per chart and scope (CFA-wide or
one responsable, and the filters), with the time they were computed (`Chart.computed_at`):

- fresh (less than CHART_SECONDS old, computed today): shown as they are;
- stale: shown all the same, and a refresh is queued (`refresh_charts`, a django-tasks task), one
  per chart and scope at a time (a `cache.add` lock, released by the task, expiring by itself
  after LOCK_SECONDS should a worker die);
- missing (cold start: a new scope or filter, a cache emptied): computed in the request.

`manage.py warm_dashboard` (cron, every few minutes, and after a deploy) computes the CFA-wide,
unfiltered charts so that CFA staff never meet a cold start. The page says when its numbers were
computed.
"""

import dataclasses
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone
from django_tasks import task

from cactus.accounts.models import User
from cactus.dossiers.models import Dossier
from cactus.workspace import selectors
from cactus.workspace.selectors import Chart

CHART_SECONDS = 600  # numbers older than this are refreshed (and shown until the refresh lands)
KEEP_SECONDS = 24 * 3600  # how long numbers stay usable as stale ones
LOCK_SECONDS = 120  # one refresh per chart and scope at a time; a dead worker's lock expires


@dataclass(frozen=True)
class Scope:
    """Whose dossiers the charts count: every dossier (`manager_id` None: CFA staff, the cron) or a
    responsable de formation's, narrowed by the filters. Ids only: a task's arguments are JSON."""

    manager_id: int | None = None
    formation_id: int | None = None
    advisor_id: int | None = None

    @classmethod
    def of(cls, user, *, formation=None, advisor=None) -> "Scope":
        return cls(
            manager_id=None if user.is_cfa_staff else user.pk,
            formation_id=formation.pk if formation else None,
            advisor_id=advisor.pk if advisor else None,
        )

    @property
    def key(self) -> str:
        who = "staff" if self.manager_id is None else f"manager:{self.manager_id}"
        return f"{who}:{self.formation_id or ''}:{self.advisor_id or ''}"

    def dossiers(self) -> QuerySet[Dossier]:
        user = None if self.manager_id is None else User.objects.get(pk=self.manager_id)
        return selectors.dashboard_dossiers(user, formation=self.formation_id, advisor=self.advisor_id)


def _cache_key(key: str, scope: Scope) -> str:
    # No day in the key: yesterday's numbers are a stale value like any other (`is_fresh`).
    return f"workspace:figures:{key}:{scope.key}"


def _lock_key(key: str, scope: Scope) -> str:
    return f"workspace:figures-refresh:{key}:{scope.key}"


def is_fresh(chart: Chart, now: datetime) -> bool:
    computed_at = chart.computed_at
    return (
        computed_at is not None
        and now - computed_at < timedelta(seconds=CHART_SECONDS)
        and timezone.localdate(computed_at) == timezone.localdate(now)
    )


def compute(keys, scope: Scope) -> dict[str, Chart]:
    """Compute the charts `keys` of `scope` now and keep them; {key: chart}."""
    dossiers, now = scope.dossiers(), timezone.now()
    today = timezone.localdate(now)
    computed = {
        key: dataclasses.replace(selectors.CHARTS[key](dossiers, today), computed_at=now) for key in keys
    }
    cache.set_many({_cache_key(key, scope): chart for key, chart in computed.items()}, KEEP_SECONDS)
    return computed


@task()
def refresh_charts(keys: list[str], manager_id: int | None, formation_id: int | None, advisor_id: int | None):
    """Compute again those of the charts `keys` that are still stale, then release their locks."""
    scope = Scope(manager_id=manager_id, formation_id=formation_id, advisor_id=advisor_id)
    try:
        found = cache.get_many([_cache_key(key, scope) for key in keys])
        now = timezone.now()
        stale = [
            key
            for key in keys
            if _cache_key(key, scope) not in found or not is_fresh(found[_cache_key(key, scope)], now)
        ]
        if stale:
            compute(stale, scope)
    except User.DoesNotExist:  # the responsable left meanwhile: nothing to refresh
        pass
    finally:
        cache.delete_many([_lock_key(key, scope) for key in keys])


def _queue_refresh(keys: list[str], scope: Scope) -> None:
    locked = [key for key in keys if cache.add(_lock_key(key, scope), True, LOCK_SECONDS)]
    if locked:
        refresh_charts.enqueue(locked, scope.manager_id, scope.formation_id, scope.advisor_id)


def charts(keys, scope: Scope) -> list[Chart]:
    """The charts `keys`, read from the cache in one go: fresh ones as they are, stale ones as they
    are with a refresh queued, missing ones (cold start) computed here."""
    wanted = {key: _cache_key(key, scope) for key in keys}
    found = cache.get_many(wanted.values())
    result = {key: found[cache_key] for key, cache_key in wanted.items() if cache_key in found}
    missing = [key for key in wanted if key not in result]
    if missing:
        result |= compute(missing, scope)
    now = timezone.now()
    stale = [key for key, chart in result.items() if not is_fresh(chart, now)]
    if stale:
        _queue_refresh(stale, scope)
    return [result[key] for key in wanted]


def chart(key: str, scope: Scope) -> Chart:
    return charts([key], scope)[0]


def warm() -> list[Chart]:
    """Compute the CFA-wide, unfiltered charts now (`manage.py warm_dashboard`)."""
    return list(compute(list(selectors.CHARTS), Scope()).values())
