"""The deadline to send the contract: 5 jours ouvrables after the start of the contract.

R-7.1 / R-7.2 / R-7.4 (rules.md): the contract goes to the OPCO (or the DDETS) within 5 jours
ouvrables following the start of execution. The law says so in these words: Code du travail
D6224-1 ("au plus tard dans les cinq jours ouvrables qui suivent le début de l'exécution du
contrat"), and its public-employer twin in the same chapter; the official "what next" sheet shortens it to
"5 jours", the law wins. R-7.5: "jours ouvrables" are Monday to Saturday,
except French public holidays (interpretation to confirm with the CFA). Public holidays come
from the `holidays` library (metropolitan France; Alsace-Moselle's extra days are not counted).
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays

from cactus.dossiers.circuits import circuit_for
from cactus.dossiers.models import Dossier

DEADLINE_WORKING_DAYS = 5
SUNDAY = 6


@lru_cache(maxsize=16)
def _french_holidays(*years: int) -> holidays.HolidayBase:
    return holidays.France(years=years)


def is_working_day(day: date, public_holidays=None) -> bool:
    public_holidays = public_holidays if public_holidays is not None else _french_holidays(day.year)
    return day.weekday() != SUNDAY and day not in public_holidays


def add_working_days(start: date, count: int) -> date:
    """The `count`-th jour ouvrable after `start` (the start day itself does not count)."""
    public_holidays = _french_holidays(start.year, start.year + 1)
    day = start
    remaining = count
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day, public_holidays):
            remaining -= 1
    return day


def working_days_between(today: date, due: date) -> int:
    """Jours ouvrables left from today (excluded) to the due date (included); negative once passed."""
    if today == due:
        return 0
    sign = 1 if due > today else -1
    low, high = sorted((today, due))
    public_holidays = _french_holidays(low.year, high.year)
    count = 0
    day = low
    while day < high:
        day += timedelta(days=1)
        if is_working_day(day, public_holidays):
            count += 1
    return sign * count


@lru_cache(maxsize=4096)
def due_date(contract_start: date | None) -> date | None:
    # Kept per start date: a page of the back office computes 50 (through the holiday calendar),
    # most of them sharing a few start dates; a year of starts is 366 entries.
    if contract_start is None:
        return None
    return add_working_days(contract_start, DEADLINE_WORKING_DAYS)


def latest_start_due_before(today: date) -> date:
    """The latest contract start whose deadline is already passed on `today`.

    The due date grows with the start date, so "late" is `contract_start <= this`, which the
    database can filter on (lists of many dossiers cannot compute each due date in Python).
    """
    start = today - timedelta(days=1)
    while due_date(start) >= today:
        start -= timedelta(days=1)
    return start


def earliest_start_due_on_or_after(day: date) -> date:
    """The earliest contract start whose deadline is `day` or later."""
    start = day - timedelta(days=30)
    while due_date(start) < day:
        start += timedelta(days=1)
    return start


def dossier_due_date(dossier: Dossier) -> date | None:
    """None when the dossier's circuit has no deadline (the CFA closes it by hand)."""
    if not circuit_for(dossier).has_deadline or dossier.is_amendment:
        # An avenant keeps the amended contract's start: its deposit has no deadline computed here.
        return None
    return due_date(dossier.contract_start)
