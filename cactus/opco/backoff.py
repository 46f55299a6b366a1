"""When to try an OPCO call again, and how the next try is queued (deposits and declarations alike)."""

from datetime import datetime, timedelta

from django.conf import settings


def retry_delay(attempts: int) -> timedelta:
    """Backoff after the n-th failed try: 1, 2, 4, 8… minutes."""
    return timedelta(seconds=settings.OPCO_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0))


def enqueue(task, pk: int, run_after: datetime | None = None) -> None:
    """Queue `task(pk)`, deferred to `run_after` when given; the immediate backend cannot defer:
    `manage.py opco_poll` sends what is due instead."""
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return
        task = task.using(run_after=run_after)
    task.enqueue(pk)
