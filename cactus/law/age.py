"""Age limits of the alternant (rules.md §1) and of the professionalisation public."""

import calendar
from datetime import date

from cactus.law import RuleViolation

# Derogation codes (cerfa-apprentissage.md §8.4).
DEROGATION_UNDER_16 = "11"
DEROGATION_OVER_29 = "12"
DEROGATION_CUMULATIVE = "50"


def age_on(birth_date: date, day: date) -> int:
    """Age in whole years on `day` (R-1.9): the birthday itself counts as the new age.

    Born on 29 February, the birthday of a common year is the last day of February (circulaire
    ministérielle of 25 July 2013: majority "au dernier jour de février ... qui peut être un
    28 février")."""
    birthday = (birth_date.month, birth_date.day)
    if birthday == (2, 29) and not calendar.isleap(day.year):
        birthday = (2, 28)
    before_birthday = (day.month, day.day) < birthday
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
    conclusion: date | None = None,
) -> list[RuleViolation]:
    """Check the alternant's age at the date de début d'exécution `start` (R-1.1 to R-1.6).

    - `derogation`: type de dérogation code ("" when none);
    - `has_completed_college`: the young person finished the 1st cycle of secondary education
      (dernière classe 40), which allows a start at 15 (R-1.1);
    - `is_rqth`, `is_high_level_athlete`, `has_business_project`: the declarations that remove
      the upper limit (R-1.4);
    - `previous_contract_end`: end of the previous apprenticeship contract, for the 35-year
      exception that needs at most one year between the two contracts (R-1.3);
    - `conclusion`: the date de conclusion (signature). D6222-1 measures the 35-year limit and the
      one-year delay of the derogation at the conclusion; without it, `start` is used.
    """
    age = age_on(birth_date, start)
    violations = []
    if age < 15:
        violations.append(
            RuleViolation(
                "R-1.1",
                "birth_date",
                f"L'alternant aura {age} ans au début du contrat : l'apprentissage n'est possible qu'à partir de 15 ans révolus. Vérifiez la date de naissance ou la date de début.",
            )
        )
    elif age == 15 and not has_completed_college:
        violations.append(
            RuleViolation(
                "R-1.1",
                "birth_date",
                "L'alternant aura 15 ans au début du contrat : c'est possible seulement s'il a achevé le collège (dernière classe « 40 »). Sinon, reportez le début du contrat à ses 16 ans.",
            )
        )
    if age < 16 and derogation not in (DEROGATION_UNDER_16, DEROGATION_CUMULATIVE):
        violations.append(
            RuleViolation(
                "R-1.5",
                "derogation",
                "L'alternant a moins de 16 ans au début du contrat : choisissez le type de dérogation 11 (âge inférieur à 16 ans) ou 50 (cumul de dérogations).",
            )
        )
    if derogation == DEROGATION_UNDER_16 and age >= 16:
        violations.append(
            RuleViolation(
                "R-1.5",
                "derogation",
                f"La dérogation 11 (âge inférieur à 16 ans) ne s'applique pas : l'alternant aura {age} ans au début du contrat. Retirez-la.",
            )
        )
    if derogation == DEROGATION_OVER_29 and age < 30:
        violations.append(
            RuleViolation(
                "R-1.5",
                "derogation",
                f"La dérogation 12 (âge supérieur à 29 ans) ne s'applique pas : l'alternant aura {age} ans au début du contrat. Retirez-la.",
            )
        )
    violations.extend(
        _upper_limit_violations(
            age=age,
            signed=conclusion or start,
            signed_field="conclusion" if conclusion else "start",
            birth_date=birth_date,
            derogation=derogation,
            has_no_limit_case=is_rqth or is_high_level_athlete or has_business_project,
            previous_contract_end=previous_contract_end,
        )
    )
    return violations


def _upper_limit_violations(
    *,
    age: int,
    signed: date,
    signed_field: str,
    birth_date: date,
    derogation: str,
    has_no_limit_case: bool,
    previous_contract_end: date | None,
) -> list[RuleViolation]:
    """R-1.2 (29 ans révolus at the start), R-1.3 (35 ans at the conclusion, signed within a year
    of the previous contract's end: D6222-1), R-1.4 (no limit), R-1.6."""
    if age < 30 or has_no_limit_case:
        return []
    if derogation not in (DEROGATION_OVER_29, DEROGATION_CUMULATIVE):
        return [
            RuleViolation(
                "R-1.2",
                "birth_date",
                f"L'alternant aura {age} ans au début du contrat : l'apprentissage doit commencer avant 30 ans, "
                "sauf RQTH, sportif de haut niveau, projet de création ou de reprise d'entreprise, "
                "ou nouveau contrat dans les cas prévus par le code du travail (dérogation 12).",
            )
        ]
    age_when_signed = age_on(birth_date, signed)
    if age_when_signed > 35:
        return [
            RuleViolation(
                "R-1.3",
                "birth_date",
                f"L'alternant aura {age_when_signed} ans à la conclusion du contrat : la dérogation 12 ne va que jusqu'à 35 ans révolus "
                "(sauf RQTH, sportif de haut niveau ou projet de création ou de reprise d'entreprise).",
            )
        ]
    if previous_contract_end is not None and signed > _one_year_after(previous_contract_end):
        return [
            RuleViolation(
                "R-1.3",
                signed_field,
                "Plus d'un an sépare la fin du précédent contrat d'apprentissage et la conclusion de celui-ci : "
                "la dérogation d'âge 12 n'est possible que si le nouveau contrat est signé dans l'année.",
            )
        ]
    return []


def _one_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


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
    age = age_on(birth_date, start)
    if age < 16:
        return [
            RuleViolation(
                "R-1.pro",
                "birth_date",
                f"Le salarié aura {age} ans au début du contrat : le contrat de professionnalisation est ouvert à partir de 16 ans.",
            )
        ]
    if age >= 26 and not (is_job_seeker or has_social_minimum or had_cui):
        return [
            RuleViolation(
                "R-1.pro",
                "birth_date",
                f"Le salarié aura {age} ans au début du contrat : à partir de 26 ans, le contrat de professionnalisation "
                "n'est ouvert qu'aux demandeurs d'emploi inscrits à France Travail, aux bénéficiaires du RSA, de l'ASS "
                "ou de l'AAH et aux anciens titulaires d'un contrat unique d'insertion (CUI). Indiquez sa situation.",
            )
        ]
    return []
