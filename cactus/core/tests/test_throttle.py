"""The pages' throttles (cactus/core/throttle.py): a sliding window per key, exact under concurrency."""

import time as time_module
from collections import Counter

import pytest
import time_machine
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.management import call_command
from django.db import connection

from cactus.core import throttle
from cactus.core.tests.bursts import at_once

DATABASE_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "cactus_cache"}
}
THREADS = 20

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Threads writing the database cache at once need PostgreSQL; SQLite locks the whole file "
    '("database is locked"). Run with DATABASE_URL=postgres://… to exercise it.',
)


@pytest.fixture
def database_cache(settings, transactional_db):
    settings.CACHES = DATABASE_CACHE
    call_command("createcachetable", verbosity=0)
    yield
    caches["default"].clear()


def fire_at_once(count: int, action) -> Counter:
    """Run `action()` in `count` threads released together; count the results (or the errors)."""
    return at_once(count, lambda index: action())


def allowed(outcomes: Counter) -> int:
    assert all(isinstance(outcome, int) for outcome in outcomes), outcomes
    return outcomes[0]


def test_the_window_slides_and_the_refusal_says_when_the_next_event_fits():
    limit = throttle.Limit("test:slide", 3, 60)
    with time_machine.travel(1_000_000_050, tick=False) as clock:  # 10 s before an epoch's end
        assert throttle.attempt(limit) == 0
        clock.shift(5)
        assert throttle.attempt(limit) == 0
        clock.shift(10)  # the next epoch: the first two events still count
        assert throttle.attempt(limit) == 0
        assert throttle.attempt(limit) == 60 - 15  # the first event leaves the window in 45 s
        assert throttle.wait_seconds(limit) == 45
        clock.shift(45)
        assert throttle.wait_seconds(limit) == 0
        assert throttle.attempt(limit) == 0
        assert throttle.attempt(limit) == 5  # then the second one, 5 s later


def test_record_counts_past_the_limit_and_keeps_the_latest_events():
    limit = throttle.Limit("test:record", 2, 60)
    with time_machine.travel(1_000_000_000, tick=False) as clock:
        for _ in range(3):
            throttle.record(limit)
            clock.shift(10)
        # Events at 0, 10, 20; now 30: the window is full until the one at 10 leaves (at 70).
        assert throttle.wait_seconds(limit) == 40


def test_an_attempt_refused_by_one_limit_counts_under_none():
    hourly, daily = throttle.Limit("test:h", 5, 3600), throttle.Limit("test:d", 1, 86400)
    assert throttle.attempt(hourly, daily) == 0
    assert throttle.attempt(hourly, daily) > 0
    assert throttle.wait_seconds(hourly) == 0
    assert throttle.attempt(hourly) == 0
    assert throttle.attempt(hourly) == 0
    assert throttle.attempt(hourly) == 0
    assert throttle.attempt(hourly) == 0  # 5: the refused attempt took nothing
    assert throttle.attempt(hourly) > 0


def test_a_zero_limit_allows_nothing():
    assert throttle.attempt(throttle.Limit("test:none", 0, 60)) == 60


def test_simultaneous_attempts_on_the_memory_cache_allow_exactly_the_limit(monkeypatch):
    # Reads are slowed so that every thread reads before any writes: the old read-then-write
    # counter let all of them through (each wrote its list with one event more). The class is
    # patched: each thread has a cache object of its own (over the same memory).
    original = LocMemCache.get

    def slow_get(self, *args, **kwargs):
        value = original(self, *args, **kwargs)
        time_module.sleep(0.01)
        return value

    monkeypatch.setattr(LocMemCache, "get", slow_get)  # get_many calls get for each key
    limit = throttle.Limit("test:memory", 5, 3600)

    outcomes = fire_at_once(THREADS, lambda: throttle.attempt(limit))

    assert allowed(outcomes) == 5
    assert throttle.wait_seconds(limit) > 0


def test_the_database_cache_counts_sequentially(database_cache):
    limit = throttle.Limit(f"test:{'x' * 300}", 2, 60)  # a long key is hashed (varchar 255)
    with time_machine.travel(1_000_000_000, tick=False) as clock:
        assert throttle.attempt(limit) == 0
        assert throttle.attempt(limit) == 0
        assert throttle.attempt(limit) == 60
        clock.shift(61)
        assert throttle.attempt(limit) == 0


@postgresql_only
def test_simultaneous_attempts_on_the_database_cache_allow_exactly_the_limit(database_cache):
    limit = throttle.Limit("test:database", 5, 3600)

    outcomes = fire_at_once(THREADS, lambda: throttle.attempt(limit))

    assert allowed(outcomes) == 5
    assert throttle.wait_seconds(limit) > 0


@postgresql_only
def test_once_the_window_has_passed_simultaneous_attempts_still_allow_exactly_the_limit(database_cache):
    # The expired rows of the last window stay in the table: the database cache's `add` on an
    # expired row is an UPDATE that every racing request wins. Slots of a new window are new keys.
    limit = throttle.Limit("test:again", 5, 60)
    with time_machine.travel(1_000_000_000, tick=False) as clock:
        for _ in range(5):
            assert throttle.attempt(limit) == 0
        clock.shift(125)

        outcomes = fire_at_once(THREADS, lambda: throttle.attempt(limit))

    assert allowed(outcomes) == 5
