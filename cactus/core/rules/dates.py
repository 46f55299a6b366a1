"""Contract date windows and durations (rules.md §5 and §6)."""

from datetime import date

from cactus.core.rules import RuleViolation

APPRENTICESHIP = "apprenticeship"
PROFESSIONALISATION = "professionalisation"


def add_months(day: date, months: int) -> date:
    """`day` moved by `months` calendar months, clamped to the end of a shorter month (31/01 + 1 → 28/02)."""
    raise NotImplementedError


def whole_months_between(start: date, end: date) -> int:
    """Number of whole months from `start` to `end` inclusive (02/09/2024 → 01/03/2025 is 6 months)."""
    raise NotImplementedError


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
    raise NotImplementedError


def weekly_hours_violations(*, hours: int, minutes: int = 0, is_minor: bool = False) -> list[RuleViolation]:
    """Durée hebdomadaire du travail (R-5.6): at most 40 h, at most 35 h for a minor."""
    raise NotImplementedError


def training_hours_violations(*, scheme: str, start: date, end: date, hours: int) -> list[RuleViolation]:
    """Durée de la formation in hours against the contract length (R-5.2, R-5.3, R-5.4).

    Apprenticeship: at least 25 % of the contract duration counted at 1 607 h a year, at most
    9 999 h. Professionalisation: between 15 % and 25 % (advice above 25 %: a branch agreement is
    needed) and at least 150 h.
    """
    raise NotImplementedError
