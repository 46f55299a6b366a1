"""When to try an OPCO call again, and how the next try is queued (deposits and declarations alike)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone


def retry_delay(attempts: int) -> timedelta:
    """Backoff after the n-th failed try: 1, 2, 4, 8… minutes."""
    return timedelta(seconds=settings.OPCO_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0))


# A task may start a little before its `run_after` (clocks of two machines): still due.
EARLY = timedelta(seconds=5)


def is_due(next_attempt_at: datetime | None, now: datetime) -> bool:
    return next_attempt_at is None or next_attempt_at <= now + EARLY


def send_lease() -> timedelta:
    """How long a send in progress holds its deposit or declaration: `next_attempt_at` is set this
    far ahead when the send starts, so the worker's task and `manage.py opco_poll` (or two polls)
    never send the same one at once; a send that dies half-way (a killed worker) is taken up again
    by the poll once the lease is over. Covers a POST and a GET at their timeout, and the payload."""
    return timedelta(seconds=3 * settings.OPCO_HTTP_TIMEOUT + 60)


def reopen_failed(record) -> bool:
    """A failed deposit or declaration asked again (same key): pending, its attempts counted afresh.
    False (and nothing written) when it has not failed."""
    if record.status != "failed":
        return False
    record.status, record.attempts, record.last_error = "pending", 0, ""
    record.save(update_fields=["status", "attempts", "last_error", "updated_at"])
    return True


def claim(record) -> bool:
    """Start a send of a locked deposit or declaration: False when it is not due (a retry planned
    later, or another run's lease); else its attempt is counted and its lease set, and True."""
    now = timezone.now()
    if not is_due(record.next_attempt_at, now):
        return False
    record.attempts += 1
    record.next_attempt_at = now + send_lease()
    record.save(update_fields=["attempts", "next_attempt_at", "updated_at"])
    return True


def enqueue(task, pk: int, run_after: datetime | None = None) -> None:
    """Queue `task(pk)`, deferred to `run_after` when given; the immediate backend cannot defer:
    `manage.py opco_poll` sends what is due instead."""
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return
        task = task.using(run_after=run_after)
    task.enqueue(pk)
