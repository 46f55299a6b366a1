from datetime import date

from cactus.law.mentor import mentor_violations

START = date(2025, 9, 1)


def rules_of(violations) -> list[str]:
    return [violation.rule for violation in violations]


def test_a_maitre_d_apprentissage_is_at_least_18_at_the_contract_start():
    # R-1.8 (rules.md)
    assert mentor_violations(scheme="apprenticeship", birth_date=date(2007, 9, 1), contract_start=START) == []
    violations = mentor_violations(
        scheme="apprenticeship", birth_date=date(2007, 9, 2), contract_start=START, field_prefix="mentor1"
    )
    assert rules_of(violations) == ["R-1.8"]
    assert violations[0].field == "mentor1_birth_date"


def test_one_year_of_experience_is_enough_with_a_related_diploma():
    # R6223-22 (cerfa-apprentissage.md §3): 1 year with a diploma of the field, 2 years otherwise.
    birth = date(1980, 1, 1)
    assert (
        mentor_violations(
            scheme="apprenticeship",
            birth_date=birth,
            contract_start=START,
            experience_years=1,
            has_related_diploma=True,
        )
        == []
    )
    violations = mentor_violations(
        scheme="apprenticeship",
        birth_date=birth,
        contract_start=START,
        experience_years=1,
        has_related_diploma=False,
    )
    assert rules_of(violations) == ["R6223-22"]
    assert violations[0].field == "mentor_experience_years"


def test_experience_is_not_checked_when_not_asked():
    assert mentor_violations(scheme="apprenticeship", birth_date=date(1980, 1, 1), contract_start=START) == []


def test_a_tuteur_needs_two_years_of_experience():
    # D6325-6 (cerfa-professionnalisation.md §2, unverified there): 2 years related to the qualification.
    birth = date(1980, 1, 1)
    assert (
        mentor_violations(
            scheme="professionalisation", birth_date=birth, contract_start=START, experience_years=2
        )
        == []
    )
    assert rules_of(
        mentor_violations(
            scheme="professionalisation", birth_date=birth, contract_start=START, experience_years=1
        )
    ) == ["D6325-6"]
