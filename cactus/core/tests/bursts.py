"""One burst of simultaneous connections at a time across the test run's worker processes.

PostgreSQL accepts 100 connections by default (`max_connections`). The concurrency tests open one
connection per thread (50 at once); `make test` runs two pytest-xdist workers, and two bursts at the
same moment ran out of connections ("sorry, too many clients already"). An exclusive file lock in
the temporary directory makes the workers take turns; outside a burst they run side by side.
"""

import fcntl
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.db import connection


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
