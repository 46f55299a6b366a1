from datetime import date

from cactus.law.dates import (
    add_months,
    contract_date_violations,
    last_day_within,
    training_hours_violations,
    weekly_hours_violations,
    whole_months_between,
)

START = date(2024, 9, 2)
END = date(2026, 8, 31)


def violations_for(**overrides):
    arguments = {"scheme": "apprenticeship", "start": START, "end": END, "conclusion": date(2024, 7, 1)}
    return contract_date_violations(**(arguments | overrides))


def rules_of(violations) -> list[str]:
    return [violation.rule for violation in violations]


def test_adding_months_clamps_to_the_end_of_a_shorter_month():
    # and R-6.3 (rules.md): the ± 3 months windows end on the last day of a shorter month.
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 9, 2), -3) == date(2024, 6, 2)


def test_whole_months_count_the_end_day_inclusive():
    # R-5.2 (rules.md): contract length in whole months, end day included.
    assert whole_months_between(date(2024, 9, 2), date(2025, 3, 1)) == 6
    assert whole_months_between(date(2024, 9, 2), date(2025, 2, 28)) == 5


def test_a_well_dated_two_year_apprenticeship_passes():
    # to R-6.4 (rules.md): every window respected, nothing reported.
    assert (
        violations_for(
            practical_start=START,
            training_start=date(2024, 9, 16),
            exams_end=date(2026, 7, 1),
        )
        == []
    )


def test_the_end_must_follow_the_start():
    # R-5.1 (rules.md)
    assert rules_of(violations_for(end=START)) == ["R-5.1"]


def test_an_apprenticeship_lasts_at_least_six_months():
    # R-5.1 (rules.md): between 6 months and 3 years.
    assert violations_for(end=date(2025, 3, 1)) == []
    assert rules_of(violations_for(end=date(2025, 2, 28))) == ["R-5.1"]


def test_beyond_three_years_an_apprenticeship_needs_derogation_22_or_rqth():
    # R-5.1 (rules.md): extension by derogation 22 (or 50), up to 4 years for RQTH.
    end = date(2028, 3, 1)
    assert rules_of(violations_for(end=end)) == ["R-5.1"]
    assert violations_for(end=end, derogation="22") == []
    assert violations_for(end=end, is_rqth=True) == []


def test_beyond_four_years_only_rqth_and_never_beyond_54_months():
    # and R-5.2 (rules.md): 4 years for RQTH, anchor maximum 54 months.
    assert rules_of(violations_for(end=date(2029, 3, 1), derogation="22")) == ["R-5.1"]
    assert violations_for(end=date(2029, 3, 1), is_rqth=True) == []
    assert rules_of(violations_for(end=date(2029, 3, 2), is_rqth=True)) == ["R-5.2"]


def test_a_professionalisation_contract_lasts_6_to_36_months_with_a_warning_beyond_12():
    # R-5.4 (rules.md): 6–12 months, extendable to 24 and 36.
    assert violations_for(scheme="professionalisation", end=date(2025, 9, 1)) == []
    assert violations_for(scheme="professionalisation", end=date(2025, 3, 1)) == []
    too_short = violations_for(scheme="professionalisation", end=date(2025, 2, 28))
    assert rules_of(too_short) == ["R-5.4"] and not too_short[0].is_warning
    long = violations_for(scheme="professionalisation", end=date(2026, 9, 1))
    assert rules_of(long) == ["R-5.4"] and long[0].is_warning
    assert violations_for(scheme="professionalisation", end=date(2027, 9, 1))[0].is_warning
    too_long = violations_for(scheme="professionalisation", end=date(2027, 9, 2))
    assert rules_of(too_long) == ["R-5.4"] and not too_long[0].is_warning


def test_the_contract_is_signed_before_it_starts():
    # R-6.1 (rules.md): date de conclusion ≤ date de début d'exécution.
    assert violations_for(conclusion=START) == []
    violations = violations_for(conclusion=date(2024, 9, 3))
    assert rules_of(violations) == ["R-6.1"]
    assert violations[0].field == "conclusion"


def test_cfa_training_starts_within_three_months_of_the_contract_start():
    # and R-6.7 (rules.md): contract 02/09/2024 ⇒ CFA start 02/06/2024–02/12/2024.
    conclusion = date(2024, 5, 1)
    assert violations_for(conclusion=conclusion, training_start=date(2024, 6, 2)) == []
    assert violations_for(conclusion=conclusion, training_start=date(2024, 12, 2)) == []
    assert rules_of(violations_for(conclusion=conclusion, training_start=date(2024, 6, 1))) == ["R-6.2"]
    assert rules_of(violations_for(conclusion=conclusion, training_start=date(2024, 12, 3))) == ["R-6.2"]


def test_cfa_training_may_start_before_the_signature_when_the_young_person_began_without_employer():
    # L6222-12-1 (R-6.2 corrected): a young person begins the cycle at the CFA and signs within 3
    # months; the date de conclusion may follow the CFA start (the old rule refused this).
    violations = violations_for(conclusion=date(2024, 8, 1), training_start=date(2024, 7, 15))
    assert violations == []


def test_cfa_training_may_start_more_than_three_months_before_the_practical_training():
    # L6222-12 (since 2019 both starts are measured from the start of execution, not from each
    # other): CFA 02/06/2024, employer 02/12/2024 are both within their windows.
    violations = violations_for(
        conclusion=date(2024, 5, 1), training_start=date(2024, 6, 2), practical_start=date(2024, 12, 2)
    )
    assert violations == []


def test_cfa_training_more_than_three_months_before_the_start_is_refused_citing_both_articles():
    # L6222-12-1: the stagiaire status before a contract lasts 3 months at most.
    [violation] = violations_for(conclusion=date(2024, 8, 1), training_start=date(2024, 6, 1))
    assert violation.field == "training_start"
    assert "L6222-12-1" in violation.message and "02/06/2024" in violation.message


def test_practical_training_starts_within_three_months_after_the_start():
    # and R-6.7 (rules.md): in-company start 02/09/2024–02/12/2024.
    assert violations_for(practical_start=date(2024, 12, 2)) == []
    assert rules_of(violations_for(practical_start=date(2024, 9, 1))) == ["R-6.3"]
    assert rules_of(violations_for(practical_start=date(2024, 12, 3))) == ["R-6.3"]


def test_exams_end_falls_within_the_contract():
    # R-6.4 (rules.md)
    assert rules_of(violations_for(exams_end=date(2026, 9, 1))) == ["R-6.4"]
    assert rules_of(violations_for(exams_end=date(2024, 9, 1))) == ["R-6.4"]


def test_the_contract_ends_at_most_three_months_after_the_exams_with_a_warning_after_two():
    # R-5.5 (rules.md): block at +3 months, warn after +2 months.
    assert violations_for(exams_end=date(2026, 7, 1)) == []
    warning = violations_for(exams_end=date(2026, 6, 30))
    assert rules_of(warning) == ["R-5.5"] and warning[0].is_warning
    error = violations_for(exams_end=date(2026, 5, 30))
    assert violations_for(exams_end=date(2026, 5, 31))[0].is_warning
    assert rules_of(error) == ["R-5.5"] and not error[0].is_warning


def test_an_avenant_needs_its_effective_date_within_the_contract():
    # R-6.5 (rules.md): required for types 31–37, between start and end.
    assert rules_of(violations_for(contract_type="36")) == ["R-6.5"]
    assert violations_for(contract_type="36", amendment_effective=date(2025, 1, 1)) == []
    assert rules_of(violations_for(contract_type="36", amendment_effective=date(2026, 9, 1))) == ["R-6.5"]


def test_an_avenant_may_be_signed_after_the_contract_started():
    # R-6.1 (rules.md) applies to the initial contract only.
    assert (
        violations_for(contract_type="36", conclusion=date(2025, 1, 1), amendment_effective=date(2025, 1, 1))
        == []
    )


def test_weekly_hours_are_capped_at_40_and_at_35_for_a_minor():
    # R-5.6 (rules.md)
    assert weekly_hours_violations(hours=40) == []
    assert [v.rule for v in weekly_hours_violations(hours=40, minutes=1)] == ["R-5.6"]
    assert weekly_hours_violations(hours=35, is_minor=True) == []
    assert [v.rule for v in weekly_hours_violations(hours=36, is_minor=True)] == ["R-5.6"]


def test_cfa_training_is_at_least_a_quarter_of_a_two_year_contract():
    # R-5.3 (rules.md): 2-year contract ⇒ ≥ 803,5 h (1 607 h a year).
    start, end = date(2024, 9, 1), date(2026, 8, 31)
    assert [
        v.rule for v in training_hours_violations(scheme="apprenticeship", start=start, end=end, hours=803)
    ] == ["R-5.3"]
    assert training_hours_violations(scheme="apprenticeship", start=start, end=end, hours=804) == []


def test_training_never_exceeds_9999_hours():
    # R-5.2 (rules.md): durée de formation ≤ 9 999 h.
    violations = training_hours_violations(scheme="apprenticeship", start=START, end=END, hours=10000)
    assert [v.rule for v in violations] == ["R-5.2"]


def test_professionalisation_training_is_at_least_150_hours_and_15_percent():
    # R-5.4 (rules.md): 15–25 % of the duration, ≥ 150 h.
    start, end = date(2025, 9, 1), date(2026, 2, 28)  # 6 months: 15 % is 120,5 h, so 150 h rules
    assert [
        v.rule
        for v in training_hours_violations(scheme="professionalisation", start=start, end=end, hours=149)
    ] == ["R-5.4"]
    assert training_hours_violations(scheme="professionalisation", start=start, end=end, hours=150) == []
    twelve_months_end = date(2026, 8, 31)  # 15 % of 1 607 h = 241,05 h
    assert (
        training_hours_violations(scheme="professionalisation", start=start, end=twelve_months_end, hours=242)
        == []
    )
    assert (
        training_hours_violations(scheme="professionalisation", start=start, end=twelve_months_end, hours=241)
        != []
    )


def test_professionalisation_training_above_a_quarter_is_only_a_warning():
    # R-5.4 (rules.md): a branch agreement may go above 25 %.
    violations = training_hours_violations(
        scheme="professionalisation", start=date(2025, 9, 1), end=date(2026, 8, 31), hours=500
    )
    assert [v.rule for v in violations] == ["R-5.4"] and violations[0].is_warning


def test_a_period_starting_on_a_day_the_last_month_lacks_runs_to_the_end_of_that_month():
    # and R-2.1 (rules.md): a period of N months ends the day before the same day N months
    # later; when that month lacks the day (31/02, 29/02 in a common year) it ends on the last day
    # of that month (article 641 of the code de procédure civile: "à défaut d'un quantième
    # identique, le délai expire le dernier jour du mois").
    assert last_day_within(date(2024, 8, 31), 6) == date(2025, 2, 28)
    assert last_day_within(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert last_day_within(date(2024, 9, 2), 6) == date(2025, 3, 1)
    assert whole_months_between(date(2024, 8, 31), date(2025, 2, 27)) == 5
    assert whole_months_between(date(2024, 8, 31), date(2025, 2, 28)) == 6


def test_an_apprenticeship_starting_on_31_august_lasts_until_the_end_of_february_at_least():
    # R-5.1 (rules.md): at least 6 months; 31/08/2024 → 27/02/2025 is 5 months and 28 days.
    start = date(2024, 8, 31)
    too_short = contract_date_violations(scheme="apprenticeship", start=start, end=date(2025, 2, 27))
    assert rules_of(too_short) == ["R-5.1"]
    assert "28/02/2025" in too_short[0].message
    assert contract_date_violations(scheme="apprenticeship", start=start, end=date(2025, 2, 28)) == []
