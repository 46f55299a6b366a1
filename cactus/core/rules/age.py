"""Age limits of the alternant (rules.md §1) and of the professionalisation public."""

from datetime import date

from cactus.core.rules import RuleViolation

# Derogation codes (cerfa-apprentissage.md §8.4).
DEROGATION_UNDER_16 = "11"
DEROGATION_OVER_29 = "12"
DEROGATION_CUMULATIVE = "50"


def age_on(birth_date: date, day: date) -> int:
    """Age in whole years on `day` (R-1.9): the birthday itself counts as the new age."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


def is_minor_on(birth_date: date, day: date) -> bool:
    """True when the person is under 18 on `day`."""
    return age_on(birth_date, day) < 18


def needs_legal_representative(
    *, birth_date: date, conclusion_date: date, is_emancipated: bool = False
) -> bool:
    """R-1.7: a minor at the date of conclusion (signature), not emancipated, needs a legal representative."""
    return is_minor_on(birth_date, conclusion_date) and not is_emancipated


def apprenticeship_age_violations(
    *,
    birth_date: date,
    start: date,
    derogation: str = "",
    has_completed_college: bool = False,
    is_rqth: bool = False,
    is_high_level_athlete: bool = False,
    has_business_project: bool = False,
    previous_contract_end: date | None = None,
) -> list[RuleViolation]:
    """Check the alternant's age at the date de début d'exécution `start` (R-1.1 to R-1.6).

    - `derogation`: type de dérogation code ("" when none);
    - `has_completed_college`: the young person finished the 1st cycle of secondary education
      (dernière classe 40), which allows a start at 15 (R-1.1);
    - `is_rqth`, `is_high_level_athlete`, `has_business_project`: the declarations that remove
      the upper limit (R-1.4);
    - `previous_contract_end`: end of the previous apprenticeship contract, for the 35-year
      exception that needs at most one year between the two contracts (R-1.3).
    """
    raise NotImplementedError


def professionalisation_age_violations(
    *,
    birth_date: date,
    start: date,
    is_job_seeker: bool = False,
    has_social_minimum: bool = False,
    had_cui: bool = False,
) -> list[RuleViolation]:
    """Check the salarié's age for a contrat de professionnalisation (rules.md §1, last paragraph;
    cerfa-professionnalisation.md §2): 16 to 25 ans révolus, 26 and over only for a job seeker
    (`is_job_seeker`), an RSA/ASS/AAH beneficiary (`has_social_minimum`) or a former CUI (`had_cui`)."""
    raise NotImplementedError
