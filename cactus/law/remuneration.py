"""Minimum remuneration of alternants (rules.md §2, §4; cerfa-professionnalisation.md §2.1).

The rates are the law's tables; the SMIC comes from `cactus.referentials.selectors.smic_on`,
never from a constant here.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal

from cactus.law import APPRENTICESHIP, PROFESSIONALISATION, RuleViolation, rates
from cactus.law.age import age_on
from cactus.law.dates import add_months, last_day_within
from cactus.referentials import codes
from cactus.referentials.selectors import smic_changes_between, smic_on

SMIC = "SMIC"
SMC = "SMC"

# Kept for the callers that read the 2019 grid directly; the grids with their dates are in rates.py.
APPRENTICESHIP_RATES = rates.APPRENTICESHIP_GRIDS[-1].rates
PROFESSIONALISATION_SMC_SHARE = rates.PROFESSIONALISATION_SMC_SHARE

# Outcome of the previous apprenticeship contract (Les données du contrat, types 21 to 23).
DIPLOMA_OBTAINED = "diploma"  # D6222-29: its last year's pay is a floor
EXAM_FAILED = "failure"  # L6222-11 2°, D6222-28: the new contract prolongs it at its last year's rate
OTHER_OUTCOME = "other"  # broken contract, abandon...: no floor (D6222-28-1 may still apply)
# D6325-15: the professional diplomas of the bac's level (bac pro, other title of level 4).
# Level-4 titles "à finalité professionnelle" (D6325-15): bac pro, diplôme de spécialisation
# professionnelle (code 44 of the 10103*14 table) and the other level-4 titles.
PROFESSIONAL_LEVEL_4 = {
    codes.Diploma.BAC_PRO.value,
    codes.Diploma.PROFESSIONAL_SPECIALISATION.value,
    codes.Diploma.OTHER_BAC.value,
}


@dataclass(frozen=True)
class PreviousContract:
    """The apprentice's previous apprenticeship contract, as far as pay is concerned.

    `last_year` is the contract year reached (1..4) — for D6222-30 after a diploma obtained by
    another route, the length in years of that diploma's cycle; `end` its end date (its age band,
    and R-1.3); `outcome` DIPLOMA_OBTAINED, EXAM_FAILED or OTHER_OUTCOME; `same_employer` whether
    the new contract is with the same employer; `rate_received` the rate (% of the SMIC) actually
    paid in its last year, which binds the same employer (D6222-29 1st paragraph).
    """

    last_year: int
    end: date | None = None
    outcome: str = OTHER_OUTCOME
    same_employer: bool = False
    rate_received: Decimal | None = None


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
    conclusion: date | None = None,
    years_from: date | None = None,
    previous_contract: PreviousContract | None = None,
    failure_extension_from: date | None = None,
    disability_extension_from: date | None = None,
    is_same_level_diploma: bool = False,
    is_licence_pro: bool = False,
) -> list[RemunerationPeriod]:
    """Legal minimum periods of an apprenticeship contract from `start` to `end` (rules.md §2).

    - `smc`: salaire minimum conventionnel of the job (monthly), the base from 21 when higher than
      the SMIC (D6222-26 3° and 4°); `departement`: the employer's ("976": Mayotte SMIC, R-2.12);
    - `first_year`: the contract year the contract starts in when it is shorter than the cycle
      (D6222-28-1: direct entry in the 2nd year → 2); `years_from`: the day contract years are
      counted from when the cycle began at the CFA before the contract (L6222-12-1, D6222-28-1);
    - `conclusion`: the date de conclusion, which chooses the rate grid (rates.py);
    - `previous_contract`: D6222-29 floors (diploma obtained), D6222-28 (new contract after a
      failure: the previous last year's rate), D6222-30 with `is_same_level_diploma`;
    - `failure_extension_from`: first day of a prolongation after an exam failure (L6222-11 1°,
      avenant 33): from then on the rate of the last year before it (D6222-28);
    - `disability_extension_from`: first day of the prolongation of R6222-47 (RQTH, up to 4
      years, R6222-46): from then on the last year's percentages + 15 points (R6222-48);
    - `is_licence_pro`: D6222-32, the 2nd-year rates during the whole contract;
    - `floor_rate`: any other minimum the caller knows (R-2.10).
    Raises MissingSmic before the first known SMIC.
    """
    grid = rates.grid_for(rates.APPRENTICESHIP_GRIDS, conclusion or start)
    counted_from = years_from if years_from is not None and years_from < start else start
    previous = previous_contract
    if previous is not None and previous.outcome == EXAM_FAILED:
        # D6222-28: the new contract prolongs the failed one at the rate of its last year.
        first_year = max(first_year, previous.last_year)

    def year_of(day: date) -> int:
        return first_year + _whole_years(counted_from, day)

    def frozen_year(extension_start: date) -> int:
        if extension_start > start:
            return year_of(extension_start - timedelta(days=1))
        return previous.last_year if previous is not None else first_year

    def phase_of(day: date) -> tuple:
        if disability_extension_from is not None and day >= disability_extension_from:
            return ("disability", frozen_year(disability_extension_from))
        if failure_extension_from is not None and day >= failure_extension_from:
            return ("failure", frozen_year(failure_extension_from))
        return ("normal", 0)

    floors = [floor_rate] if floor_rate is not None else []
    floors += _previous_contract_floors(grid, birth_date, start, end, previous, is_same_level_diploma)
    applies_licence_pro = is_licence_pro and (conclusion or start) >= rates.LICENCE_PRO_SINCE

    def rate_and_base(band: int, year: int, phase: tuple, smic: Decimal) -> tuple[Decimal, str]:
        kind, frozen = phase
        paid_year = rates.LICENCE_PRO_YEAR if applies_licence_pro else year
        if kind == "failure":
            rate = grid.rate(band, frozen)
        elif kind == "disability":
            rate = max(
                grid.rate(band, paid_year), grid.rate(band, frozen) + rates.DISABILITY_EXTENSION_POINTS
            )
        else:
            rate = grid.rate(band, paid_year)
        rate = max([rate, *floors])
        # D6222-26 3° and 4°: from 21, the SMC is the base when it is more favourable.
        base = SMC if band >= 2 and smc is not None and smc > smic else SMIC
        return rate, base

    return _periods(
        birth_date=birth_date,
        start=start,
        end=end,
        counted_from=counted_from,
        year_of=year_of,
        band_of_age=_apprenticeship_band,
        phase_of=phase_of,
        breaks=tuple(day for day in (failure_extension_from, disability_extension_from) if day),
        rate_and_base=rate_and_base,
        smc=smc,
        departement=departement,
    )


def _previous_contract_floors(
    grid: rates.RateGrid,
    birth_date: date,
    start: date,
    end: date,
    previous: PreviousContract | None,
    is_same_level_diploma: bool,
) -> list[Decimal]:
    """Minimum rates carried over from the previous contract (D6222-29, D6222-30)."""
    if previous is None:
        return []
    floors = []
    if previous.outcome == DIPLOMA_OBTAINED:
        if previous.same_employer and previous.rate_received is not None:
            # D6222-29 1st paragraph: what the apprentice received in the last year.
            floors.append(previous.rate_received)
        elif previous.end is not None:
            # D6222-29 2nd paragraph: the minimum the apprentice was entitled to in the last year.
            floors.append(
                grid.rate(_apprenticeship_band(_age_paid_on(birth_date, previous.end)), previous.last_year)
            )
    if is_same_level_diploma and end <= last_day_within(start, rates.SAME_LEVEL_DIPLOMA_MAX_MONTHS):
        # D6222-30: the last year of the diploma already obtained, plus 15 points, at today's age.
        band = _apprenticeship_band(age_on(birth_date, start))
        floors.append(grid.rate(band, previous.last_year) + rates.SAME_LEVEL_DIPLOMA_POINTS)
    return floors


def _age_paid_on(birth_date: date, day: date) -> int:
    """The age whose rate was paid on `day`: a birthday counts from the 1st of the next month (D6222-31)."""
    return age_on(birth_date, day.replace(day=1) - timedelta(days=1))


def has_qualification_from_bac_pro(highest_diploma: str) -> bool:
    """D6325-15: "titulaire d'une qualification au moins égale au baccalauréat professionnel ou d'un
    titre ou diplôme à finalité professionnelle de même niveau": a bac pro, a diplôme de
    spécialisation professionnelle or another title of level 4 (codes 41, 44, 49), or any diploma of
    a higher level (5 to 8), general ones included."""
    highest_diploma = codes.current_diploma_code(highest_diploma)
    level = codes.diploma_level(highest_diploma)
    return highest_diploma in PROFESSIONAL_LEVEL_4 or (level.isdigit() and int(level) >= 5)


def professionalisation_periods(
    *,
    birth_date: date,
    start: date,
    end: date,
    has_professional_qualification: bool = False,
    smc: Decimal | None = None,
    departement: str = "",
    conclusion: date | None = None,
) -> list[RemunerationPeriod]:
    """Legal minimum periods of a contrat de professionnalisation (rules.md §4).

    `has_professional_qualification`: the salarié holds a qualification at least equal to the bac
    pro (+10 points, D6325-15; see `has_qualification_from_bac_pro()`). 26 and over at the start:
    max(100 % SMIC, 85 % SMC) (D6325-18). Turning 26 during the contract does not change the
    minimum (the 26+ public is fixed at the start).
    """
    grid = rates.grid_for(rates.PROFESSIONALISATION_GRIDS, conclusion or start)
    is_over_26_at_start = age_on(birth_date, start) >= 26

    def band_of_age(age: int) -> int:
        if is_over_26_at_start:
            return 2
        return 0 if age < 21 else 1

    def rate_and_base(band: int, year: int, phase: tuple, smic: Decimal) -> tuple[Decimal, str]:
        if band == 2:
            if smc is not None and smc * rates.PROFESSIONALISATION_SMC_SHARE / 100 > smic:
                return rates.PROFESSIONALISATION_SMC_SHARE, SMC
            return Decimal(100), SMIC
        return grid.rate(band, 2 if has_professional_qualification else 1), SMIC

    return _periods(
        birth_date=birth_date,
        start=start,
        end=end,
        counted_from=start,
        year_of=lambda day: 1 + _whole_years(start, day),
        band_of_age=band_of_age,
        phase_of=lambda day: ("normal", 0),
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
    counted_from: date,
    year_of: Callable[[date], int],
    band_of_age: Callable[[int], int],
    phase_of: Callable[[date], tuple],
    breaks: tuple[date | None, ...] = (),
    rate_and_base: Callable[[int, int, tuple, Decimal], tuple[Decimal, str]],
    smc: Decimal | None,
    departement: str,
) -> list[RemunerationPeriod]:
    """Cut [start, end] into contract years (R-2.1), each split when a birthday moves the
    alternant into a higher band, from the 1st of the following month (R-2.2, R-2.4, D6222-31),
    even when that 1st falls in the next contract year, and when a prolongation begins."""

    def key_of(day: date) -> tuple:
        return (year_of(day), band_of_age(_paid_age(birth_date, start, day)), phase_of(day))

    candidates = set(_year_starts(counted_from, end)) | set(breaks)
    first_of_month = add_months(start.replace(day=1), 1)
    while first_of_month <= end:
        candidates.add(first_of_month)
        first_of_month = add_months(first_of_month, 1)
    periods = []
    period_start, key = start, key_of(start)
    for day in sorted(candidates):
        if day <= start or day > end or key_of(day) == key:
            continue
        periods.append(_period(key, period_start, day - timedelta(days=1), rate_and_base, smc, departement))
        period_start, key = day, key_of(day)
    periods.append(_period(key, period_start, end, rate_and_base, smc, departement))
    return _merged(periods, departement)


def _merged(periods: list[RemunerationPeriod], departement: str) -> list[RemunerationPeriod]:
    """Join neighbours of the same year, rate and base (a prolongation starting at an unchanged rate),
    keeping every SMIC change inside the joined period (R-3.3), one on the second's first day too."""
    merged: list[RemunerationPeriod] = []
    for period in periods:
        last = merged[-1] if merged else None
        if last and (last.year, last.rate, last.base) == (period.year, period.rate, period.base):
            at_start = [
                SmicChange(
                    start=change.valid_from,
                    smic=change.monthly,
                    rate=period.rate,
                    base=period.base,
                    amount=period.amount,
                )
                for change in smic_changes_between(
                    period.start - timedelta(days=1), period.start, departement
                )
            ]
            merged[-1] = replace(
                last, end=period.end, smic_changes=last.smic_changes + tuple(at_start) + period.smic_changes
            )
        else:
            merged.append(period)
    return merged


def _whole_years(counted_from: date, day: date) -> int:
    """Whole contract years elapsed from `counted_from` to `day` (R-2.1: a year ends the day before
    the anniversary)."""
    years = 0
    while last_day_within(counted_from, 12 * (years + 1)) < day:
        years += 1
    return years


def _year_starts(counted_from: date, end: date) -> list[date]:
    """The days on which a new contract year begins, up to `end` (R-2.1)."""
    days, years = [], 1
    while (day := last_day_within(counted_from, 12 * years) + timedelta(days=1)) <= end:
        days.append(day)
        years += 1
    return days


def _paid_age(birth_date: date, contract_start: date, day: date) -> int:
    """The age whose rate applies on `day`: the age at the contract start (R-2.2: a contract
    starting on the birthday uses the new age), then each new age from the 1st of the month
    following the birthday (D6222-31), i.e. the age on the last day of the previous month."""
    last_day_of_previous_month = day.replace(day=1) - timedelta(days=1)
    return max(age_on(birth_date, contract_start), age_on(birth_date, last_day_of_previous_month))


def _period(
    key: tuple,
    start: date,
    end: date,
    rate_and_base: Callable[[int, int, tuple, Decimal], tuple[Decimal, str]],
    smc: Decimal | None,
    departement: str,
) -> RemunerationPeriod:
    year, band, phase = key
    smic = smic_on(start, departement)
    if smic is None:
        raise MissingSmic(start)
    rate, base = rate_and_base(band, year, phase, smic.monthly)
    changes = []
    for change in smic_changes_between(start, end, departement):
        # a new SMIC above the SMC (or 85 % of it, contrat pro 26+) makes it the base.
        change_rate, change_base = rate_and_base(band, year, phase, change.monthly)
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
