"""Figures the security suite reports at the end of a run (terminal summary, see conftest.py).

Under pytest-xdist each worker keeps its own counts and the summary shows none: run
`pytest -p no:xdist cactus/core/tests` to read them.
"""

from collections import Counter

FIGURES: Counter = Counter()
NOTES: dict[str, str] = {}


def record(name: str, value: int) -> None:
    """Add to a count (combinations checked, uploads refused, ...)."""
    FIGURES[name] += value


def note(name: str, text: str) -> None:
    """Keep a measured value as text (the last one wins)."""
    NOTES[name] = text
