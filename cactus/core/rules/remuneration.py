"""Minimum remuneration of alternants (rules.md §2, §4; cerfa-professionnalisation.md §2.1).

The SMIC comes from `cactus.referentials.selectors.smic_on`, never from a constant here.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from cactus.core.rules import RuleViolation


class MissingSmic(LookupError):
    """No SMIC is known for the requested day (before the first row of the SMIC table)."""


@dataclass(frozen=True)
class RemunerationPeriod:
    """One line of the CERFA's rémunération block.

    `year` is the contract year (1..4), `rate` the legal minimum in percent of `base` ("SMIC" or
    "SMC"), `amount` the monthly gross minimum at `start`, with the SMIC in force that day,
    rounded up to the cent.
    """

    year: int
    start: date
    end: date
    rate: Decimal
    base: str
    amount: Decimal


def apprenticeship_periods(
    *,
    birth_date: date,
    start: date,
    end: date,
    smc: Decimal | None = None,
    departement: str = "",
    first_year: int = 1,
    floor_rate: Decimal | None = None,
) -> list[RemunerationPeriod]:
    """Legal minimum periods of an apprenticeship contract from `start` to `end` (rules.md §2).

    `smc` is the salaire minimum conventionnel of the job (monthly), used as base from 21 when
    higher than the SMIC (R-2.3, R-2.4); `departement` is the employer's département ("976" uses
    the Mayotte SMIC, R-2.12); `first_year` is the contract year the contract starts in when it
    is shorter than the training cycle (R-2.6, e.g. 2 for a direct entry in the 2nd year);
    `floor_rate` is a minimum carried over from a previous contract (R-2.5) or from the last
    period of an extended contract (R-2.8). Raises MissingSmic before the first known SMIC.
    """
    raise NotImplementedError


def professionalisation_periods(
    *,
    birth_date: date,
    start: date,
    end: date,
    has_professional_qualification: bool = False,
    smc: Decimal | None = None,
    departement: str = "",
) -> list[RemunerationPeriod]:
    """Legal minimum periods of a contrat de professionnalisation (rules.md §4).

    `has_professional_qualification`: the salarié holds a professional qualification of level
    ≥ bac pro (+10 points). 26 and over at the start: max(100 % SMIC, 85 % SMC).
    """
    raise NotImplementedError


def rate_violations(
    *,
    entered_rates: Sequence[Decimal | None],
    legal_periods: Sequence[RemunerationPeriod],
    fields: Sequence[str] = (),
) -> list[RuleViolation]:
    """R-2.10: each entered rate (same order as `legal_periods`) must be ≥ the legal minimum.

    A higher rate is kept. `fields` gives the form field name of each rate (else "").
    A missing rate (None) is reported as missing.
    """
    raise NotImplementedError
