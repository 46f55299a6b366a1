"""One burst of simultaneous connections at a time across the test run's worker processes.

PostgreSQL accepts 100 connections by default (`max_connections`). The concurrency tests open one
connection per thread (50 at once); `make test` runs two pytest-xdist workers, and two bursts at the
same moment ran out of connections ("sorry, too many clients already"). An exclusive file lock in
the temporary directory makes the workers take turns; outside a burst they run side by side.
"""

import fcntl
import tempfile
import threading
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from django.db import close_old_connections, connection


@contextmanager
def one_burst_at_a_time():
    # Keyed by the server, not the database: each xdist worker has a test database of its own.
    server = f"{connection.settings_dict.get('HOST') or 'local'}-{connection.settings_dict.get('PORT') or ''}"
    path = Path(tempfile.gettempdir()) / f"cactus-test-bursts-{server}.lock"
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def at_once(count: int, attempt: Callable[[int], object]) -> Counter:
    """Run `attempt(index)` in `count` threads released together (one burst at a time across the
    workers); count what each returned, or "crash: <error>" for anything raised, so that a crash
    shows in the assertions. Each thread closes its connection."""
    barrier = threading.Barrier(count)
    outcomes: Counter = Counter()
    lock = threading.Lock()

    def run(index: int) -> None:
        try:
            barrier.wait()
            outcome = attempt(index)
        except Exception as error:  # anything unexpected is a bug the assertions must show
            outcome = f"crash: {error!r}"
        finally:
            close_old_connections()
            connection.close()
        with lock:
            outcomes[outcome] += 1

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    with one_burst_at_a_time():
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    return outcomes
