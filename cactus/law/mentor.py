"""Maître d'apprentissage (apprenticeship) and tuteur (professionalisation) eligibility."""

from datetime import date

from cactus.law import PROFESSIONALISATION, RuleViolation
from cactus.law.age import age_on


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
    violations = []
    if birth_date is not None and scheme != PROFESSIONALISATION and age_on(birth_date, contract_start) < 18:
        violations.append(
            RuleViolation(
                "R-1.8",
                f"{field_prefix}_birth_date",
                "Le maître d'apprentissage doit avoir au moins 18 ans à la date de début du contrat.",
            )
        )
    if experience_years is None:
        return violations
    if scheme == PROFESSIONALISATION:
        if experience_years < 2:
            violations.append(
                RuleViolation(
                    "D6325-6",
                    f"{field_prefix}_experience_years",
                    "Le tuteur doit justifier d'au moins 2 ans d'expérience professionnelle en rapport avec la qualification visée.",
                )
            )
        return violations
    required = 1 if has_related_diploma else 2
    if experience_years < required:
        violations.append(
            RuleViolation(
                "R6223-22",
                f"{field_prefix}_experience_years",
                "Le maître d'apprentissage doit justifier d'1 an d'expérience en rapport avec la qualification préparée "
                "s'il a un diplôme du même domaine et d'un niveau au moins équivalent, de 2 ans sinon "
                "(sauf disposition de la convention collective).",
            )
        )
    return violations
