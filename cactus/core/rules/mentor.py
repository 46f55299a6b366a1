"""Maître d'apprentissage (apprenticeship) and tuteur (professionalisation) eligibility."""

from datetime import date

from cactus.core.rules import RuleViolation


def mentor_violations(
    *,
    scheme: str,
    birth_date: date | None,
    contract_start: date,
    experience_years: int | None = None,
    has_related_diploma: bool | None = None,
    field_prefix: str = "mentor",
) -> list[RuleViolation]:
    """Check one maître d'apprentissage / tuteur.

    `scheme` is "apprenticeship" or "professionalisation"; `contract_start` the date de début
    d'exécution; `experience_years` the years of professional activity related to the
    qualification prepared; `has_related_diploma` whether the mentor holds a diploma of the same
    professional field, of at least the level prepared; None means "not asked" and is not checked.
    Field names in the violations are `<field_prefix>_birth_date` and
    `<field_prefix>_experience_years`. Rules: R-1.8 (age ≥ 18), R6223-22 via
    cerfa-apprentissage.md §3 (1 year with such a diploma, otherwise 2 years), tuteur: 2 years.
    """
    raise NotImplementedError
