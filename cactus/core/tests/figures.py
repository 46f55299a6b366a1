"""Figures the security suite reports at the end of a run (terminal summary, see conftest.py).

Under pytest-xdist each worker keeps its own counts and the summary shows none: run
`pytest -p no:xdist cactus/core/tests` to read them.
"""

from collections import Counter

FIGURES: Counter = Counter()


def record(name: str, value: int) -> None:
    FIGURES[name] += value
