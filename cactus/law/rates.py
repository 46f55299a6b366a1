"""The law's pay figures as data: the rate grids with the date they apply from, and the majorations.

A new decree is a new row here (a grid with its `since` date), not a change of the engine in
`remuneration.py`. A grid applies to the contracts concluded on or after its `since` date (the
decrees apply to "contrats conclus à compter du ..."); the latest grid whose date is not after
the contract's conclusion is used.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class RateGrid:
    """Minimum rates in percent: `rates[band]` gives the rates of contract years 1, 2, 3...; a
    later year keeps the last rate given (R-2.11)."""

    since: date
    article: str
    rates: dict[int, tuple[Decimal, ...]]

    def rate(self, band: int, year: int) -> Decimal:
        by_year = self.rates[band]
        return by_year[min(max(year, 1), len(by_year)) - 1]


def _percents(*values: int) -> tuple[Decimal, ...]:
    return tuple(Decimal(value) for value in values)


# Apprenticeship bands (D6222-26, D6222-27): 0 = under 18 (the under-16s are paid as the 16–17s),
# 1 = 18 to 20, 2 = 21 to 25, 3 = 26 and over.
APPRENTICESHIP_GRIDS = (
    # Décret 2018-1347 of 28 December 2018, contracts concluded since 1 January 2019.
    RateGrid(
        since=date(2019, 1, 1),
        article="D6222-26",
        rates={
            0: _percents(27, 39, 55),
            1: _percents(43, 51, 67),
            2: _percents(53, 61, 78),
            3: _percents(100, 100, 100),
        },
    ),
)

# Contrat de professionnalisation (D6325-15, D6325-16): 0 = under 21, 1 = 21 to 25; the first rate
# without, the second with a qualification at least equal to the bac pro. 26 and over: D6325-18.
PROFESSIONALISATION_GRIDS = (
    RateGrid(since=date(2004, 10, 1), article="D6325-15", rates={0: _percents(55, 65), 1: _percents(70, 80)}),
)
PROFESSIONALISATION_SMC_SHARE = Decimal(85)  # D6325-18: 26 and over, at least 85 % of the SMC

# R6222-48: an apprenticeship prolonged because of the apprentice's handicap (R6222-47) is paid
# the percentages of the last year of the contract plus 15 points.
DISABILITY_EXTENSION_POINTS = Decimal(15)
# D6222-30: a contract of at most one year for a diploma of the same level, directly related to the
# one already obtained: plus 15 points.
SAME_LEVEL_DIPLOMA_POINTS = Decimal(15)
SAME_LEVEL_DIPLOMA_MAX_MONTHS = 12
# D6222-32 (décret 2020-373, contracts concluded from 1 April 2020): a licence professionnelle is
# paid the 2nd-year rates during the whole contract.
LICENCE_PRO_YEAR = 2
LICENCE_PRO_SINCE = date(2020, 4, 1)


def grid_for(grids: tuple[RateGrid, ...], concluded: date) -> RateGrid:
    """The grid in force for a contract concluded on `concluded` (the oldest one before it)."""
    applicable = [grid for grid in grids if grid.since <= concluded]
    return applicable[-1] if applicable else grids[0]
