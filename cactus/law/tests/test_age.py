from datetime import date

from cactus.law.age import (
    age_on,
    apprenticeship_age_violations,
    is_minor_on,
    needs_legal_representative,
    professionalisation_age_violations,
)

START = date(2024, 9, 2)


def born_years_before(years: int, day: date = START) -> date:
    """A birth date making the alternant exactly `years` old on `day` (birthday that day)."""
    return day.replace(year=day.year - years)


def rules_of(violations) -> list[str]:
    return [violation.rule for violation in violations]


def test_age_counts_whole_years_and_the_birthday_gives_the_new_age():
    # R-1.9 (rules.md): age in whole years between birth date and the reference date.
    assert age_on(date(2006, 3, 15), date(2024, 3, 14)) == 17
    assert age_on(date(2006, 3, 15), date(2024, 3, 15)) == 18


def test_someone_born_on_29_february_comes_of_age_on_28_february_in_a_common_year():
    # R-1.9 (rules.md) and the circulaire ministérielle of 25 July 2013: a person born on
    # 29 February "atteindra sa majorité au dernier jour de février de l'année de son
    # dix-huitième anniversaire qui peut être un 28 février".
    assert age_on(date(2004, 2, 29), date(2022, 2, 27)) == 17
    assert age_on(date(2004, 2, 29), date(2022, 2, 28)) == 18
    assert age_on(date(2004, 2, 29), date(2024, 2, 28)) == 19
    assert age_on(date(2004, 2, 29), date(2024, 2, 29)) == 20


def test_a_17_year_old_is_a_minor_and_an_18_year_old_is_not():
    # R-1.7 (rules.md): minor = under 18 (the legal representative's rule).
    assert is_minor_on(date(2007, 1, 10), date(2025, 1, 9))
    assert not is_minor_on(date(2007, 1, 10), date(2025, 1, 10))


def test_a_minor_at_signature_needs_a_legal_representative_unless_emancipated():
    # R-1.7 (rules.md): minor at the date of conclusion and not emancipated.
    birth = date(2007, 10, 1)
    assert needs_legal_representative(birth_date=birth, conclusion_date=date(2025, 9, 1))
    assert not needs_legal_representative(
        birth_date=birth, conclusion_date=date(2025, 9, 1), is_emancipated=True
    )


def test_the_representative_depends_on_the_signature_date_not_the_start_date():
    # R-1.7 (rules.md): signed at 17, starting at 18 still needs the representative.
    birth = date(2007, 9, 1)
    assert needs_legal_representative(birth_date=birth, conclusion_date=date(2025, 8, 25))
    assert not needs_legal_representative(birth_date=birth, conclusion_date=date(2025, 9, 1))


def test_a_16_year_old_may_start_an_apprenticeship():
    # R-1.1 (rules.md)
    assert apprenticeship_age_violations(birth_date=born_years_before(16), start=START) == []


def test_a_14_year_old_cannot_start_an_apprenticeship():
    # R-1.1 (rules.md): hard error below 15 at the date de début d'exécution.
    violations = apprenticeship_age_violations(birth_date=born_years_before(14), start=START, derogation="11")
    assert rules_of(violations) == ["R-1.1"]
    assert "15 ans" in violations[0].message


def test_a_15_year_old_who_finished_college_may_start_with_derogation_11():
    # and R-1.5 (rules.md)
    violations = apprenticeship_age_violations(
        birth_date=born_years_before(15), start=START, derogation="11", has_completed_college=True
    )
    assert violations == []


def test_a_15_year_old_who_did_not_finish_college_cannot_start():
    # R-1.1 (rules.md)
    violations = apprenticeship_age_violations(birth_date=born_years_before(15), start=START, derogation="11")
    assert rules_of(violations) == ["R-1.1"]


def test_a_15_year_old_needs_the_under_16_derogation():
    # R-1.5 (rules.md): derogation 11 (or 50, cumul) under 16.
    violations = apprenticeship_age_violations(
        birth_date=born_years_before(15), start=START, has_completed_college=True
    )
    assert rules_of(violations) == ["R-1.5"]
    assert violations[0].field == "derogation"
    assert (
        apprenticeship_age_violations(
            birth_date=born_years_before(15), start=START, derogation="50", has_completed_college=True
        )
        == []
    )


def test_the_under_16_derogation_is_refused_from_16():
    # R-1.5 (rules.md): code 11 only if age < 16.
    violations = apprenticeship_age_violations(birth_date=born_years_before(16), start=START, derogation="11")
    assert rules_of(violations) == ["R-1.5"]


def test_the_over_29_derogation_is_refused_before_30():
    # R-1.5 (rules.md): code 12 only if age ≥ 30.
    violations = apprenticeship_age_violations(birth_date=born_years_before(29), start=START, derogation="12")
    assert rules_of(violations) == ["R-1.5"]


def test_a_29_year_old_may_start_the_day_before_turning_30():
    # R-1.2 (rules.md): 29 ans révolus, the contract starts before the 30th birthday.
    birth = date(1994, 9, 3)
    assert age_on(birth, START) == 29
    assert apprenticeship_age_violations(birth_date=birth, start=START) == []


def test_a_30_year_old_without_an_exception_is_refused():
    # and R-1.6 (rules.md): CACTUS refuses from 30, not from 31 as the anchor does.
    violations = apprenticeship_age_violations(birth_date=born_years_before(30), start=START)
    assert rules_of(violations) == ["R-1.2"]


def test_a_30_year_old_with_derogation_12_is_accepted():
    # and R-1.6 (rules.md): derogation 12 covers the cases of the code du travail.
    assert apprenticeship_age_violations(birth_date=born_years_before(30), start=START, derogation="12") == []


def test_derogation_12_stops_at_35_ans_revolus():
    # R-1.3 (rules.md): up to 35 ans révolus.
    assert apprenticeship_age_violations(birth_date=born_years_before(35), start=START, derogation="12") == []
    violations = apprenticeship_age_violations(birth_date=born_years_before(36), start=START, derogation="12")
    assert rules_of(violations) == ["R-1.3"]


def test_derogation_12_needs_the_new_contract_within_a_year_of_the_previous_one():
    # R-1.3 (rules.md): no more than 1 year between the two contracts.
    birth = born_years_before(31)
    assert (
        apprenticeship_age_violations(
            birth_date=birth, start=START, derogation="12", previous_contract_end=date(2023, 9, 2)
        )
        == []
    )
    violations = apprenticeship_age_violations(
        birth_date=birth, start=START, derogation="12", previous_contract_end=date(2023, 9, 1)
    )
    assert rules_of(violations) == ["R-1.3"]


def test_rqth_athletes_and_business_projects_have_no_upper_age_limit():
    # R-1.4 (rules.md)
    birth = born_years_before(45)
    assert apprenticeship_age_violations(birth_date=birth, start=START, is_rqth=True) == []
    assert apprenticeship_age_violations(birth_date=birth, start=START, is_high_level_athlete=True) == []
    assert apprenticeship_age_violations(birth_date=birth, start=START, has_business_project=True) == []


def test_professionalisation_is_open_from_16_to_25():
    # R-1.pro (rules.md §1, contrat de professionnalisation): 16–25 ans révolus.
    assert professionalisation_age_violations(birth_date=born_years_before(16), start=START) == []
    assert professionalisation_age_violations(birth_date=born_years_before(25), start=START) == []
    assert rules_of(professionalisation_age_violations(birth_date=born_years_before(15), start=START)) == [
        "R-1.pro"
    ]


def test_professionalisation_from_26_needs_a_job_seeker_or_social_minimum_or_former_cui():
    # R-1.pro (rules.md §1; cerfa-professionnalisation.md §2)
    birth = born_years_before(28)
    assert rules_of(professionalisation_age_violations(birth_date=birth, start=START)) == ["R-1.pro"]
    assert professionalisation_age_violations(birth_date=birth, start=START, is_job_seeker=True) == []
    assert professionalisation_age_violations(birth_date=birth, start=START, has_social_minimum=True) == []
    assert professionalisation_age_violations(birth_date=birth, start=START, had_cui=True) == []


def test_derogation_12_measures_the_35_years_at_the_date_of_conclusion():
    # R-1.3 (rules.md) and D6222-1 1° (code du travail): "l'âge de l'apprenti au moment de la
    # conclusion du contrat est de trente-cinq ans au plus". Signed at 35, starting at 36: allowed.
    birth = date(1990, 10, 10)
    assert (
        apprenticeship_age_violations(
            birth_date=birth, start=date(2026, 10, 15), conclusion=date(2026, 10, 1), derogation="12"
        )
        == []
    )
    violations = apprenticeship_age_violations(
        birth_date=birth, start=date(2026, 10, 20), conclusion=date(2026, 10, 12), derogation="12"
    )
    assert rules_of(violations) == ["R-1.3"]


def test_derogation_12_needs_the_new_contract_signed_within_a_year_of_the_previous_one():
    # R-1.3 (rules.md) and D6222-1 2°: the contract "doit être souscrit dans un délai maximum d'un
    # an après l'expiration du précédent contrat": the signature counts, not the start.
    birth = born_years_before(31)
    assert (
        apprenticeship_age_violations(
            birth_date=birth,
            start=START,
            conclusion=date(2024, 6, 28),
            derogation="12",
            previous_contract_end=date(2023, 6, 30),
        )
        == []
    )
    violations = apprenticeship_age_violations(
        birth_date=birth,
        start=START,
        conclusion=date(2024, 7, 1),
        derogation="12",
        previous_contract_end=date(2023, 6, 30),
    )
    assert rules_of(violations) == ["R-1.3"]
