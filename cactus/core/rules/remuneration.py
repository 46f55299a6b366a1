"""Minimum remuneration of alternants (rules.md §2, §4; cerfa-professionnalisation.md §2.1).

The rates are the law's tables; the SMIC comes from `cactus.referentials.selectors.smic_on`,
never from a constant here.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal

from cactus.core.rules import APPRENTICESHIP, PROFESSIONALISATION, RuleViolation
from cactus.core.rules.age import age_on
from cactus.core.rules.dates import add_months, last_day_within
from cactus.referentials.selectors import smic_changes_between, smic_on

SMIC = "SMIC"
SMC = "SMC"

# D6222-26 (rules.md §2.1): rates by age band (≤ 17, 18–20, 21–25, ≥ 26) and contract year 1–3.
APPRENTICESHIP_RATES = {
    0: (Decimal(27), Decimal(39), Decimal(55)),
    1: (Decimal(43), Decimal(51), Decimal(67)),
    2: (Decimal(53), Decimal(61), Decimal(78)),
    3: (Decimal(100), Decimal(100), Decimal(100)),
}
# rules.md §4: < 21 / 21–25, without or with a professional qualification ≥ bac pro.
PROFESSIONALISATION_RATES = {0: (Decimal(55), Decimal(65)), 1: (Decimal(70), Decimal(80))}
PROFESSIONALISATION_SMC_SHARE = Decimal(85)


class MissingSmic(LookupError):
    """No SMIC is known for the requested day (before the first row of the SMIC table)."""

    def __init__(self, day: date):
        super().__init__(f"Aucun SMIC n'est connu au {day:%d/%m/%Y} : complétez la table des SMIC.")
        self.day = day


@dataclass(frozen=True)
class SmicChange:
    """A SMIC revaluation inside a period (R-3.3): from `start`, the minimum is `amount`."""

    start: date
    smic: Decimal
    rate: Decimal
    base: str
    amount: Decimal


@dataclass(frozen=True)
class RemunerationPeriod:
    """One line of the CERFA's rémunération block.

    `year` is the contract year (1..4), `rate` the legal minimum in percent of `base` ("SMIC" or
    "SMC"), `amount` the monthly gross minimum at `start`, with the SMIC in force that day,
    rounded up to the cent. `smic_changes` lists the SMIC revaluations after `start` and up to
    `end`, each with the minimum from its date: the minimum follows the SMIC in force every month
    (D6222-26 "pourcentage du SMIC"; R-2.11), the rate does not change.
    """

    year: int
    start: date
    end: date
    rate: Decimal
    base: str
    amount: Decimal
    smic_changes: tuple[SmicChange, ...] = ()

    def minimum_on(self, day: date) -> Decimal:
        """The legal monthly minimum on `day` (a day of the period): the amount from the latest
        SMIC change on or before it."""
        amount = self.amount
        for change in self.smic_changes:
            if change.start <= day:
                amount = change.amount
        return amount


def is_smc_relevant(*, birth_date: date, start: date, end: date, scheme: str = APPRENTICESHIP) -> bool:
    """Whether the form should ask for the SMC: apprenticeship, the alternant is 21 by the end of
    the contract (R-2.3, anchor rule); contrat pro, 26 or over at the start (rules.md §4)."""
    if scheme == PROFESSIONALISATION:
        return age_on(birth_date, start) >= 26
    return age_on(birth_date, end) >= 21


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

    def rate_and_base(band: int, year: int, smic: Decimal) -> tuple[Decimal, str]:
        # a 4th year (RQTH) keeps the 3rd-year rates.
        rate = APPRENTICESHIP_RATES[band][min(year, 3) - 1]
        if floor_rate is not None:
            rate = max(rate, floor_rate)
        # from 21, the SMC is the base when it is more favourable.
        base = SMC if band >= 2 and smc is not None and smc > smic else SMIC
        return rate, base

    return _periods(
        birth_date=birth_date,
        start=start,
        end=end,
        first_year=first_year,
        band_of_age=_apprenticeship_band,
        rate_and_base=rate_and_base,
        smc=smc,
        departement=departement,
    )


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
    ≥ bac pro (+10 points). 26 and over at the start: max(100 % SMIC, 85 % SMC). Turning 26
    during the contract does not change the minimum (the 26+ public is fixed at the start).
    """
    is_over_26_at_start = age_on(birth_date, start) >= 26

    def band_of_age(age: int) -> int:
        if is_over_26_at_start:
            return 2
        return 0 if age < 21 else 1

    def rate_and_base(band: int, year: int, smic: Decimal) -> tuple[Decimal, str]:
        if band == 2:
            if smc is not None and smc * PROFESSIONALISATION_SMC_SHARE / 100 > smic:
                return PROFESSIONALISATION_SMC_SHARE, SMC
            return Decimal(100), SMIC
        return PROFESSIONALISATION_RATES[band][1 if has_professional_qualification else 0], SMIC

    return _periods(
        birth_date=birth_date,
        start=start,
        end=end,
        first_year=1,
        band_of_age=band_of_age,
        rate_and_base=rate_and_base,
        smc=smc,
        departement=departement,
    )


def rate_violations(
    *,
    entered_rates: Sequence[Decimal | None],
    legal_periods: Sequence[RemunerationPeriod],
    fields: Sequence[str] = (),
    rule: str = "R-2.10",
) -> list[RuleViolation]:
    """R-2.10: each entered rate (same order as `legal_periods`) must be ≥ the legal minimum.

    A higher rate is kept. `fields` gives the form field name of each rate (else ""). A missing
    rate (None, or fewer rates than periods) is reported as missing. Pass `rule="R-4"` for a
    contrat de professionnalisation.
    """
    violations = []
    for index, period in enumerate(legal_periods):
        entered = entered_rates[index] if index < len(entered_rates) else None
        field = fields[index] if index < len(fields) else ""
        label = f"la période du {period.start:%d/%m/%Y} au {period.end:%d/%m/%Y}"
        if entered is None:
            violations.append(RuleViolation(rule, field, f"Indiquez le taux de rémunération de {label}."))
        elif entered < period.rate:
            violations.append(
                RuleViolation(
                    rule,
                    field,
                    f"Le taux de {label} ne peut être inférieur au minimum légal de {_percent(period.rate)} % "
                    f"du {period.base} ({rule}, rules.md) ; un taux supérieur est possible.",
                )
            )
    return violations


def _percent(rate: Decimal) -> str:
    return f"{rate.normalize():f}".replace(".", ",")


def _apprenticeship_band(age: int) -> int:
    if age <= 17:
        return 0
    if age <= 20:
        return 1
    if age <= 25:
        return 2
    return 3


def _periods(
    *,
    birth_date: date,
    start: date,
    end: date,
    first_year: int,
    band_of_age: Callable[[int], int],
    rate_and_base: Callable[[int, int, Decimal], tuple[Decimal, str]],
    smc: Decimal | None,
    departement: str,
) -> list[RemunerationPeriod]:
    """Cut [start, end] into contract years (R-2.1), each split when a birthday moves the
    alternant into a higher band, from the 1st of the following month (R-2.2, R-2.4, D6222-31),
    even when that 1st falls in the next contract year."""
    periods = []
    elapsed = 0
    year_start = start
    while year_start <= end:
        year = first_year + elapsed
        year_end = min(last_day_within(start, 12 * (elapsed + 1)), end)
        period_start = year_start
        band = band_of_age(_paid_age(birth_date, start, period_start))
        for change in _band_changes_in(birth_date, start, period_start, year_end, band, band_of_age):
            periods.append(
                _period(year, period_start, change - timedelta(days=1), band, rate_and_base, smc, departement)
            )
            period_start, band = change, band_of_age(_paid_age(birth_date, start, change))
        periods.append(_period(year, period_start, year_end, band, rate_and_base, smc, departement))
        elapsed += 1
        year_start = year_end + timedelta(days=1)
    return periods


def _paid_age(birth_date: date, contract_start: date, day: date) -> int:
    """The age whose rate applies on `day`: the age at the contract start (R-2.2: a contract
    starting on the birthday uses the new age), then each new age from the 1st of the month
    following the birthday (D6222-31), i.e. the age on the last day of the previous month."""
    last_day_of_previous_month = day.replace(day=1) - timedelta(days=1)
    return max(age_on(birth_date, contract_start), age_on(birth_date, last_day_of_previous_month))


def _band_changes_in(
    birth_date: date,
    contract_start: date,
    year_start: date,
    year_end: date,
    band: int,
    band_of_age: Callable[[int], int],
) -> list[date]:
    """The 1sts of months within (year_start, year_end] on which the band changes."""
    changes = []
    first_of_month = add_months(year_start.replace(day=1), 1)
    while first_of_month <= year_end:
        new_band = band_of_age(_paid_age(birth_date, contract_start, first_of_month))
        if new_band != band:
            changes.append(first_of_month)
            band = new_band
        first_of_month = add_months(first_of_month, 1)
    return changes


def _period(
    year: int,
    start: date,
    end: date,
    band: int,
    rate_and_base: Callable[[int, int, Decimal], tuple[Decimal, str]],
    smc: Decimal | None,
    departement: str,
) -> RemunerationPeriod:
    smic = smic_on(start, departement)
    if smic is None:
        raise MissingSmic(start)
    rate, base = rate_and_base(band, year, smic.monthly)
    changes = []
    for change in smic_changes_between(start, end, departement):
        # a new SMIC above the SMC (or 85 % of it, contrat pro 26+) makes it the base.
        change_rate, change_base = rate_and_base(band, year, change.monthly)
        changes.append(
            SmicChange(
                start=change.valid_from,
                smic=change.monthly,
                rate=change_rate,
                base=change_base,
                amount=_amount(change_base, smc, change.monthly, change_rate),
            )
        )
    return RemunerationPeriod(
        year=year,
        start=start,
        end=end,
        rate=rate,
        base=base,
        amount=_amount(base, smc, smic.monthly, rate),
        smic_changes=tuple(changes),
    )


def _amount(base: str, smc: Decimal | None, smic: Decimal, rate: Decimal) -> Decimal:
    # base × rate, rounded up to the cent.
    base_amount = smc if base == SMC else smic
    return (base_amount * rate / 100).quantize(Decimal("0.01"), rounding=ROUND_CEILING)
