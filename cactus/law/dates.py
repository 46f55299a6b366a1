"""Contract date windows and durations (rules.md §5 and §6)."""

import calendar
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal

from cactus.law import PROFESSIONALISATION, RuleViolation

# Avenant types whose date d'effet is required (R-6.5; 38 is newer and not in the rule).
AMENDMENT_TYPES_WITH_DATE = {"31", "32", "33", "34", "35", "36", "37"}
# Hours of work in a year, the basis of the training share.
HOURS_PER_YEAR = 1607


def add_months(day: date, months: int) -> date:
    """`day` moved by `months` calendar months, clamped to the end of a shorter month (31/01 + 1 → 28/02)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def whole_months_between(start: date, end: date) -> int:
    """Number of whole months from `start` to `end` inclusive (02/09/2024 → 01/03/2025 is 6 months)."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    while months > 0 and last_day_within(start, months) > end:
        months -= 1
    return max(months, 0)


def contract_date_violations(
    *,
    scheme: str,
    start: date,
    end: date,
    conclusion: date | None = None,
    practical_start: date | None = None,
    training_start: date | None = None,
    exams_end: date | None = None,
    amendment_effective: date | None = None,
    contract_type: str = "",
    derogation: str = "",
    is_rqth: bool = False,
) -> list[RuleViolation]:
    """Check the contract dates and duration.

    `scheme` is "apprenticeship" or "professionalisation" (the values of
    `Dossier.ContractScheme`); `start` the date de début d'exécution; `end` the date de fin du
    contrat (or of the apprenticeship / professionalisation period); `conclusion` the date de
    conclusion (signature); `practical_start` the début de formation pratique chez l'employeur;
    `training_start` the début de formation en CFA; `exams_end` the date prévue de fin des
    épreuves; `amendment_effective` the date d'effet d'avenant; `contract_type` the type de
    contrat ou d'avenant code; `derogation` the type de dérogation code; `is_rqth` the
    alternant's RQTH. Optional dates that are None are not checked (except R-6.5 which requires
    the avenant date for types 31–37). Rules: R-5.1, R-5.2, R-5.4, R-5.5, R-6.1 to R-6.5.
    """
    if end <= start:
        return [
            RuleViolation(
                "R-5.1", "end", "La date de fin du contrat doit être postérieure à sa date de début."
            )
        ]
    # An avenant is signed during the contract: the signature-date windows are the initial contract's.
    signed = None if _is_amendment(contract_type) else conclusion
    violations = []
    if scheme == PROFESSIONALISATION:
        violations += _professionalisation_duration(start, end)
    else:
        violations += _apprenticeship_duration(start, end, derogation=derogation, is_rqth=is_rqth)
        violations += _apprenticeship_windows(
            start=start,
            end=end,
            signed=signed,
            practical_start=practical_start,
            training_start=training_start,
            exams_end=exams_end,
        )
    if signed is not None and signed > start:
        violations.append(
            RuleViolation(
                "R-6.1",
                "conclusion",
                "La date de conclusion (signature) doit précéder ou égaler la date de début d'exécution du contrat.",
            )
        )
    violations += _amendment_violations(start, end, amendment_effective, contract_type)
    return violations


def _is_amendment(contract_type: str) -> bool:
    return contract_type.startswith("3")


def last_day_within(start: date, months: int) -> date:
    """The last day of a period of `months` months starting on `start` (02/09/2024, 6 → 01/03/2025):
    the day before the same day `months` later, or the last day of that month when it lacks the
    day (31/08/2024, 6 → 28/02/2025; 29/02/2024, 12 → 28/02/2025). This is article 641 of the
    code de procédure civile counted from the day before `start`: a period in months "expire le
    jour du dernier mois qui porte le même quantième ... À défaut d'un quantième identique, le
    délai expire le dernier jour du mois"."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    days_in_month = calendar.monthrange(year, month)[1]
    if start.day > days_in_month:
        return date(year, month, days_in_month)
    return date(year, month, start.day) - timedelta(days=1)


def _apprenticeship_duration(
    start: date, end: date, *, derogation: str, is_rqth: bool
) -> list[RuleViolation]:
    if end < last_day_within(start, 6):
        return [
            RuleViolation(
                "R-5.1",
                "end",
                f"Un contrat d'apprentissage dure au moins 6 mois : fin au plus tôt le {last_day_within(start, 6):%d/%m/%Y}.",
            )
        ]
    if end > last_day_within(start, 54):
        return [
            RuleViolation(
                "R-5.2",
                "end",
                f"Un contrat d'apprentissage ne peut dépasser 4 ans et 6 mois : fin au plus tard le {last_day_within(start, 54):%d/%m/%Y}.",
            )
        ]
    if end > last_day_within(start, 48) and not is_rqth:
        return [
            RuleViolation(
                "R-5.1",
                "end",
                "Au-delà de 4 ans, un contrat d'apprentissage n'est possible que pour un alternant reconnu travailleur "
                f"handicapé (RQTH) : fin au plus tard le {last_day_within(start, 48):%d/%m/%Y}.",
            )
        ]
    if end > last_day_within(start, 36) and not is_rqth and derogation not in ("22", "50"):
        return [
            RuleViolation(
                "R-5.1",
                "end",
                "Le contrat dépasse 3 ans : indiquez la dérogation 22 (allongement de la durée) ou 50 (cumul), "
                "avec la convention d'aménagement de durée du CFA.",
            )
        ]
    return []


def _professionalisation_duration(start: date, end: date) -> list[RuleViolation]:
    if end < last_day_within(start, 6):
        return [
            RuleViolation(
                "R-5.4",
                "end",
                "Un contrat (ou une action) de professionnalisation dure au moins 6 mois : "
                f"fin au plus tôt le {last_day_within(start, 6):%d/%m/%Y}.",
            )
        ]
    if end > last_day_within(start, 36):
        return [
            RuleViolation(
                "R-5.4",
                "end",
                "Un contrat (ou une action) de professionnalisation ne peut dépasser 36 mois : "
                f"fin au plus tard le {last_day_within(start, 36):%d/%m/%Y}.",
            )
        ]
    if end > last_day_within(start, 12):
        return [
            RuleViolation(
                "R-5.4",
                "end",
                "Le contrat dépasse 12 mois : vérifiez qu'un accord de branche ou le public concerné permet "
                "cette durée (24 mois, 36 pour certains publics).",
                is_warning=True,
            )
        ]
    return []


def _apprenticeship_windows(
    *,
    start: date,
    end: date,
    signed: date | None,
    practical_start: date | None,
    training_start: date | None,
    exams_end: date | None,
) -> list[RuleViolation]:
    violations = []
    if practical_start is not None:
        latest = min(add_months(start, 3), end)
        if not start <= practical_start <= latest:
            violations.append(
                RuleViolation(
                    "R-6.3",
                    "practical_start",
                    f"La formation pratique chez l'employeur doit commencer entre le {start:%d/%m/%Y} "
                    f"et le {latest:%d/%m/%Y} (au plus 3 mois après le début d'exécution).",
                )
            )
        elif signed is not None and practical_start < signed:
            violations.append(
                RuleViolation(
                    "R-6.3",
                    "practical_start",
                    "La formation pratique chez l'employeur ne peut commencer avant la date de conclusion du contrat.",
                )
            )
    if training_start is not None:
        # L6222-12: the CFA training starts at most 3 months after the start of execution.
        # L6222-12-1: a young person without an employer may begin the cycle at the CFA (stagiaire
        # de la formation professionnelle, 3 months at most) and sign later: the CFA start may
        # precede the date de conclusion and the start of execution by up to 3 months.
        earliest, latest = add_months(start, -3), add_months(start, 3)
        if not earliest <= training_start <= latest:
            violations.append(
                RuleViolation(
                    "R-6.2",
                    "training_start",
                    f"La formation en CFA doit commencer entre le {earliest:%d/%m/%Y} et le {latest:%d/%m/%Y} : "
                    "au plus 3 mois après le début d'exécution du contrat (L6222-12), ou au plus 3 mois avant "
                    "pour un jeune qui a commencé le cycle au CFA sans employeur (L6222-12-1).",
                )
            )
    if exams_end is not None:
        violations += _exams_end_violations(start, end, signed, exams_end)
    return violations


def _exams_end_violations(
    start: date, end: date, signed: date | None, exams_end: date
) -> list[RuleViolation]:
    if not start <= exams_end <= end:
        return [
            RuleViolation(
                "R-6.4",
                "exams_end",
                f"La date prévue de fin des épreuves doit être comprise entre le début ({start:%d/%m/%Y}) "
                f"et la fin ({end:%d/%m/%Y}) du contrat.",
            )
        ]
    if signed is not None and exams_end < signed:
        return [
            RuleViolation(
                "R-6.4",
                "exams_end",
                "La date prévue de fin des épreuves ne peut précéder la date de conclusion du contrat.",
            )
        ]
    if end > add_months(exams_end, 3):
        return [
            RuleViolation(
                "R-5.5",
                "end",
                f"Le contrat ne peut finir plus de 3 mois après la fin des épreuves : fin au plus tard le {add_months(exams_end, 3):%d/%m/%Y}.",
            )
        ]
    if end > add_months(exams_end, 2):
        return [
            RuleViolation(
                "R-5.5",
                "end",
                "Le contrat finit plus de 2 mois après la fin des épreuves : vérifiez la date de fin.",
                is_warning=True,
            )
        ]
    return []


def _amendment_violations(
    start: date, end: date, amendment_effective: date | None, contract_type: str
) -> list[RuleViolation]:
    if contract_type in AMENDMENT_TYPES_WITH_DATE and amendment_effective is None:
        return [
            RuleViolation(
                "R-6.5", "amendment_effective", "Pour un avenant, indiquez la date d'effet de l'avenant."
            )
        ]
    if amendment_effective is not None and not start <= amendment_effective <= end:
        return [
            RuleViolation(
                "R-6.5",
                "amendment_effective",
                f"La date d'effet de l'avenant doit être comprise entre le {start:%d/%m/%Y} et le {end:%d/%m/%Y}.",
            )
        ]
    return []


def _years_between(start: date, end: date) -> Decimal:
    """Contract length in years: whole months / 12 plus the remaining days / 365 (2 years exactly → 2)."""
    months = whole_months_between(start, end)
    remaining_days = (end - last_day_within(start, months)).days
    return Decimal(months) / 12 + Decimal(remaining_days) / 365


def weekly_hours_violations(*, hours: int, minutes: int = 0, is_minor: bool = False) -> list[RuleViolation]:
    """Durée hebdomadaire du travail (R-5.6): at most 40 h, at most 35 h for a minor."""
    total_minutes = hours * 60 + minutes
    if total_minutes > 40 * 60:
        return [
            RuleViolation(
                "R-5.6", "weekly_hours", "La durée hebdomadaire du travail ne peut dépasser 40 heures."
            )
        ]
    if is_minor and total_minutes > 35 * 60:
        return [
            RuleViolation(
                "R-5.6",
                "weekly_hours",
                "L'alternant est mineur : sa durée hebdomadaire de travail ne peut dépasser 35 heures.",
            )
        ]
    return []


def training_hours_violations(*, scheme: str, start: date, end: date, hours: int) -> list[RuleViolation]:
    """Durée de la formation in hours against the contract length (R-5.2, R-5.3, R-5.4).

    Apprenticeship: at least 25 % of the contract duration counted at 1 607 h a year, at most
    9 999 h. Professionalisation: between 15 % and 25 % (advice above 25 %: a branch agreement is
    needed) and at least 150 h.
    """
    if hours > 9999:
        return [
            RuleViolation(
                "R-5.2", "training_hours", "La durée de la formation ne peut dépasser 9 999 heures."
            )
        ]
    contract_hours = Decimal(HOURS_PER_YEAR) * _years_between(start, end)
    share = Decimal(hours) / contract_hours
    if scheme == PROFESSIONALISATION:
        minimum = max(
            Decimal(150), (contract_hours * Decimal("0.15")).quantize(Decimal(1), rounding=ROUND_CEILING)
        )
        if hours < minimum:
            return [
                RuleViolation(
                    "R-5.4",
                    "training_hours",
                    f"La formation doit durer au moins 15 % de la durée du contrat et au moins 150 heures, soit {minimum} heures ici.",
                )
            ]
        if share > Decimal("0.25"):
            return [
                RuleViolation(
                    "R-5.4",
                    "training_hours",
                    "La formation dépasse 25 % de la durée du contrat : c'est possible seulement si un accord de branche le prévoit.",
                    is_warning=True,
                )
            ]
        return []
    minimum = (contract_hours * Decimal("0.25")).quantize(Decimal(1), rounding=ROUND_CEILING)
    if hours < minimum:
        return [
            RuleViolation(
                "R-5.3",
                "training_hours",
                f"La formation en CFA doit représenter au moins 25 % de la durée du contrat (sur la base de 1 607 heures par an), soit {minimum} heures ici.",
            )
        ]
    return []
