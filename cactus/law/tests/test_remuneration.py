from datetime import date
from decimal import Decimal

import pytest

from cactus.law.remuneration import (
    MissingSmic,
    RemunerationPeriod,
    apprenticeship_periods,
    is_smc_relevant,
    professionalisation_periods,
    rate_violations,
)

pytestmark = pytest.mark.django_db


def lines(periods: list[RemunerationPeriod]) -> list[tuple]:
    return [(p.year, p.start, p.end, p.rate, p.base, p.amount) for p in periods]


def test_example_a_no_band_change_keeps_one_period_a_year():
    # R-2.11 (rules.md §2.2 example A): 43 % then 51 %, SMIC in force at each period start.
    periods = apprenticeship_periods(
        birth_date=date(2006, 3, 15), start=date(2024, 9, 1), end=date(2026, 8, 31)
    )
    assert lines(periods) == [
        (1, date(2024, 9, 1), date(2025, 8, 31), 43, "SMIC", Decimal("759.78")),
        (2, date(2025, 9, 1), date(2026, 8, 31), 51, "SMIC", Decimal("918.92")),
    ]


def test_example_b_a_birthday_changes_the_rate_from_the_first_of_the_next_month():
    # R-2.2 (rules.md §2.2 example B): 21 on 20/11/2024 → 53 % from 01/12/2024.
    periods = apprenticeship_periods(
        birth_date=date(2003, 11, 20), start=date(2024, 9, 2), end=date(2026, 8, 31)
    )
    assert lines(periods) == [
        (1, date(2024, 9, 2), date(2024, 11, 30), 43, "SMIC", Decimal("759.78")),
        (1, date(2024, 12, 1), date(2025, 9, 1), 53, "SMIC", Decimal("954.96")),
        (2, date(2025, 9, 2), date(2026, 8, 31), 61, "SMIC", Decimal("1099.10")),
    ]


def test_a_contract_year_ends_the_day_before_the_anniversary_of_the_start():
    # R-2.1 (rules.md): start 02/09/2024 → year 1 ends 01/09/2025.
    periods = apprenticeship_periods(
        birth_date=date(2006, 1, 10), start=date(2024, 9, 2), end=date(2025, 12, 31)
    )
    assert [(p.start, p.end) for p in periods] == [
        (date(2024, 9, 2), date(2025, 9, 1)),
        (date(2025, 9, 2), date(2025, 12, 31)),
    ]


def test_a_contract_starting_on_the_birthday_uses_the_new_age_from_day_one():
    # R-2.2 (rules.md): special case of the anchor.
    periods = apprenticeship_periods(
        birth_date=date(2003, 9, 2), start=date(2024, 9, 2), end=date(2025, 9, 1)
    )
    assert [(p.rate, p.start) for p in periods] == [(53, date(2024, 9, 2))]


def test_example_c_from_26_the_rate_is_100_percent_every_year():
    # R-2.4 (rules.md §2.2 example C)
    periods = apprenticeship_periods(
        birth_date=date(1997, 5, 10), start=date(2025, 10, 1), end=date(2027, 9, 30)
    )
    assert [(p.year, p.rate, p.base, p.amount) for p in periods] == [
        (1, 100, "SMIC", Decimal("1801.80")),
        (2, 100, "SMIC", Decimal("1823.03")),
    ]


def test_turning_26_during_a_year_splits_it_like_any_band_change():
    # R-2.4 (rules.md)
    periods = apprenticeship_periods(
        birth_date=date(2000, 3, 10), start=date(2025, 9, 1), end=date(2026, 8, 31)
    )
    assert [(p.start, p.rate) for p in periods] == [(date(2025, 9, 1), 53), (date(2026, 4, 1), 100)]


def test_example_d_the_smc_is_the_base_from_21_when_it_is_higher():
    # R-2.3 (rules.md §2.2 example D): 53 % × 2 000 = 1 060,00 € on the SMC.
    periods = apprenticeship_periods(
        birth_date=date(2002, 1, 15), start=date(2024, 9, 2), end=date(2025, 9, 1), smc=Decimal("2000")
    )
    assert lines(periods) == [(1, date(2024, 9, 2), date(2025, 9, 1), 53, "SMC", Decimal("1060.00"))]


def test_before_21_the_smc_is_ignored():
    # R-2.3 (rules.md §2.2 example D): at 20 the apprentice stays on the SMIC.
    periods = apprenticeship_periods(
        birth_date=date(2004, 10, 15), start=date(2024, 9, 2), end=date(2025, 9, 1), smc=Decimal("2000")
    )
    assert [(p.rate, p.base) for p in periods] == [(43, "SMIC")]


def test_an_smc_below_the_smic_keeps_the_smic():
    # R-2.3 (rules.md): SMC only if more favourable.
    periods = apprenticeship_periods(
        birth_date=date(2002, 1, 15), start=date(2024, 9, 2), end=date(2025, 9, 1), smc=Decimal("1700")
    )
    assert [(p.base, p.amount) for p in periods] == [("SMIC", Decimal("936.47"))]


def test_example_f_mayotte_uses_its_own_smic():
    # and R-3.1 (rules.md §2.2 example F): 43 % × 1 415,05 = 608,48 €.
    periods = apprenticeship_periods(
        birth_date=date(2006, 6, 1), start=date(2026, 1, 1), end=date(2026, 12, 31), departement="976"
    )
    assert [(p.rate, p.amount) for p in periods] == [(43, Decimal("608.48"))]


@pytest.mark.parametrize(
    ("birth_date", "first_year", "amount"),
    [
        (date(2009, 6, 1), 1, "492.22"),
        (date(2009, 6, 1), 2, "710.99"),
        (date(2009, 6, 1), 3, "1002.67"),
        (date(2006, 6, 1), 1, "783.91"),
        (date(2006, 6, 1), 2, "929.75"),
        (date(2006, 6, 1), 3, "1221.44"),
        (date(2003, 6, 1), 1, "966.21"),
        (date(2003, 6, 1), 2, "1112.05"),
        (date(2003, 6, 1), 3, "1421.97"),
        (date(1996, 6, 1), 1, "1823.03"),
    ],
)
def test_example_g_2026_grid_is_rounded_up_to_the_cent(birth_date, first_year, amount):
    # and R-2.6 (rules.md §2.2 example G): SMIC 1 823,03 €, amounts rounded up.
    periods = apprenticeship_periods(
        birth_date=birth_date, start=date(2026, 2, 1), end=date(2026, 3, 31), first_year=first_year
    )
    assert periods[0].amount == Decimal(amount)
    assert periods[0].year == first_year


def test_a_fourth_year_keeps_the_third_year_rate():
    # R-2.11 (rules.md): year 4 reuses year-3 rates.
    periods = apprenticeship_periods(
        birth_date=date(2006, 1, 10), start=date(2025, 9, 1), end=date(2029, 8, 31)
    )
    assert [(p.year, p.rate) for p in periods][-1] == (4, 78)


def test_a_floor_from_a_previous_contract_raises_the_minimum():
    # R-2.5 (rules.md §2.2 example E): BTS obtained at 51 % ⇒ new contract ≥ 51 %, not 43 %.
    periods = apprenticeship_periods(
        birth_date=date(2004, 10, 10), start=date(2024, 9, 2), end=date(2025, 9, 1), floor_rate=Decimal(51)
    )
    assert [p.rate for p in periods] == [51]


def test_amounts_of_future_periods_use_the_latest_known_smic():
    # R-3.3 (rules.md): the latest known value for later dates.
    periods = apprenticeship_periods(
        birth_date=date(2013, 10, 10), start=date(2030, 9, 2), end=date(2031, 9, 1)
    )
    assert periods[0].amount == Decimal("492.22")


def test_a_contract_before_the_smic_table_cannot_be_computed():
    # R-3.3 (rules.md): the table starts in 2018.
    with pytest.raises(MissingSmic):
        apprenticeship_periods(birth_date=date(2000, 1, 10), start=date(2017, 9, 1), end=date(2018, 8, 31))


def test_a_rate_below_the_minimum_is_refused_citing_the_rule_and_a_higher_one_is_kept():
    # R-2.10 (rules.md): never lower than the minimum, higher is fine.
    periods = apprenticeship_periods(
        birth_date=date(2003, 11, 20), start=date(2024, 9, 2), end=date(2026, 8, 31)
    )
    violations = rate_violations(
        entered_rates=[Decimal(43), Decimal(50), Decimal(70)],
        legal_periods=periods,
        fields=["rate_11", "rate_12", "rate_21"],
    )
    assert [(v.rule, v.field) for v in violations] == [("R-2.10", "rate_12")]
    assert "53 %" in violations[0].message and "R-2.10" in violations[0].message


def test_a_missing_rate_is_reported():
    # R-2.10 (rules.md)
    periods = apprenticeship_periods(
        birth_date=date(2006, 3, 15), start=date(2024, 9, 1), end=date(2026, 8, 31)
    )
    violations = rate_violations(entered_rates=[Decimal(43)], legal_periods=periods)
    assert [v.message for v in violations] == [
        "Indiquez le taux de rémunération de la période du 01/09/2025 au 31/08/2026."
    ]


def test_professionalisation_under_21_without_professional_qualification_is_55_percent():
    # R-4 (rules.md §4; cerfa-professionnalisation.md §2.1 worked example): 1 002,67 €.
    periods = professionalisation_periods(
        birth_date=date(2005, 9, 1), start=date(2026, 1, 1), end=date(2026, 6, 30)
    )
    assert [(p.rate, p.base, p.amount) for p in periods] == [(55, "SMIC", Decimal("1002.67"))]


def test_professionalisation_at_22_with_a_bts_is_80_percent():
    # R-4 (cerfa-professionnalisation.md §2.1 worked example): 1 458,43 €.
    periods = professionalisation_periods(
        birth_date=date(2003, 9, 1),
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        has_professional_qualification=True,
    )
    assert [(p.rate, p.amount) for p in periods] == [(80, Decimal("1458.43"))]


def test_professionalisation_from_26_is_the_higher_of_the_smic_and_85_percent_of_the_smc():
    # R-4 (cerfa-professionnalisation.md §2.1 worked example): max(1 823,03; 0,85 × 2 300) = 1 955,00 €.
    periods = professionalisation_periods(
        birth_date=date(1997, 9, 1), start=date(2026, 1, 1), end=date(2026, 12, 31), smc=Decimal("2300")
    )
    assert [(p.rate, p.base, p.amount) for p in periods] == [(85, "SMC", Decimal("1955.00"))]
    without_smc = professionalisation_periods(
        birth_date=date(1997, 9, 1), start=date(2026, 1, 1), end=date(2026, 12, 31)
    )
    assert [(p.rate, p.base) for p in without_smc] == [(100, "SMIC")]


def test_professionalisation_rate_rises_the_month_after_the_21st_birthday():
    # R-4 (rules.md §4): band change from the 1st of the month after the 21st birthday.
    periods = professionalisation_periods(
        birth_date=date(2005, 6, 15), start=date(2026, 1, 1), end=date(2026, 12, 31)
    )
    assert [(p.start, p.end, p.rate) for p in periods] == [
        (date(2026, 1, 1), date(2026, 6, 30), 55),
        (date(2026, 7, 1), date(2026, 12, 31), 70),
    ]


def test_professionalisation_turning_26_keeps_the_young_rate():
    # R-4 (cerfa-professionnalisation.md §2.1): the 26+ public is fixed at the start (documented choice).
    periods = professionalisation_periods(
        birth_date=date(2000, 6, 15), start=date(2026, 1, 1), end=date(2026, 12, 31)
    )
    assert [p.rate for p in periods] == [70]


def test_the_smc_is_asked_when_the_apprentice_reaches_21_before_the_end():
    # R-2.3 (rules.md): anchor shows the SMC field when age at contract end ≥ 21.
    start, end = date(2024, 9, 2), date(2026, 8, 31)
    assert is_smc_relevant(birth_date=date(2005, 8, 31), start=start, end=end)
    assert not is_smc_relevant(birth_date=date(2005, 9, 1), start=start, end=end)


def test_the_smc_is_asked_for_a_professionalisation_contract_from_26():
    # R-4 (rules.md §4): 85 % of the SMC from 26.
    start, end = date(2026, 1, 1), date(2026, 12, 31)
    assert is_smc_relevant(birth_date=date(2000, 1, 1), start=start, end=end, scheme="professionalisation")
    assert not is_smc_relevant(
        birth_date=date(2000, 1, 2), start=start, end=end, scheme="professionalisation"
    )


def test_a_birthday_just_before_a_contract_anniversary_raises_the_rate_only_the_first_of_the_next_month():
    # R-2.2 (rules.md) and D6222-31 (code du travail, in force since 01/04/2020): the rates "sont
    # majorés à compter du premier jour du mois suivant le jour où l'apprenti atteint dix-huit ans
    # ou vingt et un ans ou vingt-six ans", also when the birthday falls in the last days of a
    # contract year: 21 on 10/09/2025, year 2 from 15/09/2025 → 51 % (18–20) until 30/09/2025.
    periods = apprenticeship_periods(
        birth_date=date(2004, 9, 10), start=date(2024, 9, 15), end=date(2026, 9, 14)
    )
    assert [(p.year, p.start, p.end, p.rate) for p in periods] == [
        (1, date(2024, 9, 15), date(2025, 9, 14), 43),
        (2, date(2025, 9, 15), date(2025, 9, 30), 51),
        (2, date(2025, 10, 1), date(2026, 9, 14), 61),
    ]


def test_turning_26_a_few_days_before_the_anniversary_gives_100_percent_from_the_next_month():
    # R-2.4 (rules.md) and D6222-31: 26 on 20/09/2025, year 2 from 25/09/2025 → 61 % (21–25)
    # until 30/09/2025, then 100 %.
    periods = apprenticeship_periods(
        birth_date=date(1999, 9, 20), start=date(2024, 9, 25), end=date(2026, 9, 24)
    )
    assert [(p.year, p.start, p.end, p.rate) for p in periods] == [
        (1, date(2024, 9, 25), date(2025, 9, 24), 53),
        (2, date(2025, 9, 25), date(2025, 9, 30), 61),
        (2, date(2025, 10, 1), date(2026, 9, 24), 100),
    ]


def test_a_contract_starting_a_few_days_after_the_birthday_uses_the_age_at_the_start():
    # R-2.2 (rules.md): the band of the first period is the age at the date de début d'exécution
    # (anchor), D6222-31 governs the changes during the contract.
    periods = apprenticeship_periods(
        birth_date=date(2006, 9, 5), start=date(2024, 9, 16), end=date(2025, 9, 15)
    )
    assert [(p.start, p.rate) for p in periods] == [(date(2024, 9, 16), 43)]


def test_a_contract_starting_on_29_february_has_its_first_year_end_on_28_february():
    # R-2.1 (rules.md): a contract year is 12 months counted as article 641 of the code de
    # procédure civile counts a period (the last day of February when it lacks the 29th), so
    # year 2 of a contract starting on 29/02/2024 starts on 01/03/2025.
    periods = apprenticeship_periods(
        birth_date=date(2000, 6, 10), start=date(2024, 2, 29), end=date(2026, 2, 28)
    )
    assert [(p.year, p.start, p.end) for p in periods] == [
        (1, date(2024, 2, 29), date(2025, 2, 28)),
        (2, date(2025, 3, 1), date(2026, 2, 28)),
    ]


def test_born_on_29_february_the_new_rate_starts_on_1_march_in_a_common_year():
    # R-2.2 (rules.md), D6222-31 and: born 29/02/2004, 21 on 28/02/2025 (last day of
    # February, circulaire of 25 July 2013) → 53 % from 01/03/2025.
    periods = apprenticeship_periods(
        birth_date=date(2004, 2, 29), start=date(2024, 9, 2), end=date(2025, 9, 1)
    )
    assert [(p.start, p.end, p.rate) for p in periods] == [
        (date(2024, 9, 2), date(2025, 2, 28), 43),
        (date(2025, 3, 1), date(2025, 9, 1), 53),
    ]
