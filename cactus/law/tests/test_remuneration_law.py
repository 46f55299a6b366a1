"""The pay cases of the Code du travail beyond the plain grid: each test cites its article.

Expected rates are worked out from the articles' text, not from the engine.
"""

from datetime import date
from decimal import Decimal

import pytest

from cactus.law import rates
from cactus.law.remuneration import (
    DIPLOMA_OBTAINED,
    EXAM_FAILED,
    OTHER_OUTCOME,
    PreviousContract,
    apprenticeship_periods,
    has_qualification_from_bac_pro,
    professionalisation_periods,
)

pytestmark = pytest.mark.django_db


def rates_by_period(periods) -> list[tuple]:
    return [(p.year, p.start, p.end, p.rate) for p in periods]


def test_an_rqth_contract_of_four_years_pays_the_prolonged_year_at_the_third_year_rate_plus_15_points():
    # R6222-46 (4 years for an RQTH apprentice), R6222-48: prolongation = last year's % + 15 points.
    # Born 15/01/2004: 20 at the start, 21 on 15/01/2025 (53 % from 01/02/2025, D6222-31).
    periods = apprenticeship_periods(
        birth_date=date(2004, 1, 15),
        start=date(2024, 9, 2),
        end=date(2028, 9, 1),
        disability_extension_from=date(2027, 9, 2),
    )
    assert rates_by_period(periods) == [
        (1, date(2024, 9, 2), date(2025, 1, 31), 43),
        (1, date(2025, 2, 1), date(2025, 9, 1), 53),
        (2, date(2025, 9, 2), date(2026, 9, 1), 61),
        (3, date(2026, 9, 2), date(2027, 9, 1), 78),
        (4, date(2027, 9, 2), date(2028, 9, 1), 93),
    ]


def test_an_rqth_prolongation_never_pays_less_than_the_grid_of_the_year_reached():
    # R6222-48 and D6222-26: a 2-year cycle spread over 3 years; year 3 = max(67 %, 51 % + 15) = 67 %.
    periods = apprenticeship_periods(
        birth_date=date(2006, 9, 2),
        start=date(2024, 9, 2),
        end=date(2027, 9, 1),
        disability_extension_from=date(2026, 9, 2),
    )
    assert [(p.year, p.rate) for p in periods] == [(1, 43), (2, 51), (3, 67)]


def test_a_prolongation_after_an_exam_failure_keeps_the_rate_of_the_last_year():
    # L6222-11 1°, D6222-28: the prorogation is paid at the last year's rate (61 %), not year 3 (78 %).
    # Born 10/03/2005: 21 on 10/03/2026 → 61 % from 01/04/2026 (D6222-31).
    periods = apprenticeship_periods(
        birth_date=date(2005, 3, 10),
        start=date(2024, 9, 2),
        end=date(2027, 9, 1),
        failure_extension_from=date(2026, 9, 2),
    )
    assert rates_by_period(periods) == [
        (1, date(2024, 9, 2), date(2025, 9, 1), 43),
        (2, date(2025, 9, 2), date(2026, 3, 31), 51),
        (2, date(2026, 4, 1), date(2026, 9, 1), 61),
        (3, date(2026, 9, 2), date(2027, 9, 1), 61),
    ]


def test_a_new_contract_with_another_employer_after_a_failure_is_paid_as_the_last_year_of_the_first():
    # L6222-11 2°, D6222-28: failed BTS after 2 years; 1-year contract elsewhere at 19 → 51 %, not 43 %.
    periods = apprenticeship_periods(
        birth_date=date(2005, 10, 1),
        start=date(2025, 9, 1),
        end=date(2026, 8, 31),
        previous_contract=PreviousContract(last_year=2, end=date(2025, 8, 31), outcome=EXAM_FAILED),
    )
    assert [(p.year, p.rate) for p in periods] == [(2, 51)]


def test_a_new_contract_with_the_same_employer_keeps_at_least_the_rate_received():
    # D6222-29 1st paragraph: the rate received in the last year (60 %, above the minimum) is a floor,
    # until the age grid is more favourable (year 2 at 21: 61 %).
    periods = apprenticeship_periods(
        birth_date=date(2005, 1, 10),
        start=date(2025, 9, 1),
        end=date(2027, 8, 31),
        previous_contract=PreviousContract(
            last_year=2,
            end=date(2025, 8, 31),
            outcome=DIPLOMA_OBTAINED,
            same_employer=True,
            rate_received=Decimal(60),
        ),
    )
    assert [(p.year, p.rate) for p in periods] == [(1, 60), (2, 61)]


def test_a_new_contract_with_another_employer_keeps_the_minimum_of_the_last_year():
    # D6222-29 2nd paragraph (rules.md example E): BTS obtained at 19 in year 2 (entitled to 51 %);
    # licence elsewhere at 20 → 51 %, not 43 %.
    periods = apprenticeship_periods(
        birth_date=date(2005, 10, 1),
        start=date(2025, 9, 1),
        end=date(2026, 8, 31),
        previous_contract=PreviousContract(last_year=2, end=date(2025, 8, 31), outcome=DIPLOMA_OBTAINED),
    )
    assert [p.rate for p in periods] == [51]


def test_a_previous_contract_that_did_not_lead_to_the_diploma_sets_no_floor():
    # D6222-29 applies only "lorsque ce dernier a conduit à l'obtention du titre ou du diplôme".
    periods = apprenticeship_periods(
        birth_date=date(2005, 10, 1),
        start=date(2025, 9, 1),
        end=date(2026, 8, 31),
        previous_contract=PreviousContract(last_year=2, end=date(2025, 8, 31), outcome=OTHER_OUTCOME),
    )
    assert [p.rate for p in periods] == [43]


def test_years_count_from_the_start_of_the_cycle_when_the_young_person_began_at_the_cfa_first():
    # L6222-12-1 and D6222-28-1: cycle started 15/09/2025, contract 01/11/2025; year 2 from 15/09/2026.
    periods = apprenticeship_periods(
        birth_date=date(2007, 1, 1),
        start=date(2025, 11, 1),
        end=date(2027, 8, 31),
        years_from=date(2025, 9, 15),
    )
    assert rates_by_period(periods) == [
        (1, date(2025, 11, 1), date(2026, 9, 14), 43),
        (2, date(2026, 9, 15), date(2027, 8, 31), 51),
    ]


def test_a_direct_entry_in_the_second_year_is_paid_as_a_second_year():
    # D6222-28-1: a 1-year contract for the 2nd year of a 2-year cycle, at 22 → 61 %.
    periods = apprenticeship_periods(
        birth_date=date(2003, 5, 5), start=date(2025, 9, 1), end=date(2026, 8, 31), first_year=2
    )
    assert [(p.year, p.rate) for p in periods] == [(2, 61)]


def test_a_same_level_diploma_in_one_year_adds_15_points_to_the_last_year_of_the_first_diploma():
    # D6222-30: CAP obtained after a 2-year cycle, 1-year mention complémentaire at 18: 51 % + 15 = 66 %.
    periods = apprenticeship_periods(
        birth_date=date(2007, 3, 1),
        start=date(2025, 9, 1),
        end=date(2026, 8, 31),
        previous_contract=PreviousContract(last_year=2, outcome=DIPLOMA_OBTAINED),
        is_same_level_diploma=True,
    )
    assert [p.rate for p in periods] == [66]


def test_the_same_level_majoration_needs_a_contract_of_at_most_one_year():
    # D6222-30: "conclu pour une durée inférieure ou égale à un an".
    periods = apprenticeship_periods(
        birth_date=date(2007, 3, 1),
        start=date(2025, 9, 1),
        end=date(2027, 8, 31),
        previous_contract=PreviousContract(last_year=2, outcome=OTHER_OUTCOME),
        is_same_level_diploma=True,
    )
    assert [p.rate for p in periods] == [43, 51]


def test_a_licence_professionnelle_is_paid_the_second_year_rate():
    # D6222-32: at 21 in a 1-year licence pro → 61 % (2nd year), not 53 %.
    periods = apprenticeship_periods(
        birth_date=date(2004, 5, 1), start=date(2025, 9, 1), end=date(2026, 8, 31), is_licence_pro=True
    )
    assert [p.rate for p in periods] == [61]


def test_the_licence_pro_rule_applies_to_contracts_concluded_from_1_april_2020():
    # D6222-32, décret 2020-373 article 3: contracts concluded from the day after its publication.
    periods = apprenticeship_periods(
        birth_date=date(1998, 5, 1),
        start=date(2020, 3, 2),
        end=date(2021, 3, 1),
        is_licence_pro=True,
        conclusion=date(2020, 2, 15),
    )
    assert [p.rate for p in periods] == [53]


def test_the_grid_in_force_is_the_latest_one_dated_before_the_conclusion():
    # Rates as data: a later decree is a new dated grid, chosen by the contract's conclusion.
    later = rates.RateGrid(since=date(2027, 1, 1), article="test", rates={0: (Decimal(30),)})
    grids = (*rates.APPRENTICESHIP_GRIDS, later)
    assert rates.grid_for(grids, date(2026, 12, 31)).article == "D6222-26"
    assert rates.grid_for(grids, date(2027, 1, 1)) is later


@pytest.mark.parametrize(
    ("highest_diploma", "qualifies"),
    [
        ("33", False),  # CAP: below the bac pro
        ("42", False),  # bac général: not professional
        ("43", False),  # bac technologique: not professional
        ("41", True),  # bac pro
        ("44", True),  # diplôme de spécialisation professionnelle (level 4, professional; 10103*14)
        ("49", True),  # other title of the bac's level
        ("74", True),  # *12 code (ingénieur, école de commerce), read as its *14 level (79)
        ("54", True),  # BTS
        ("63", True),  # licence générale: higher than the bac pro
        ("73", True),  # master
        ("80", True),  # doctorat
    ],
)
def test_the_professionalisation_majoration_counts_every_qualification_at_least_equal_to_the_bac_pro(
    highest_diploma, qualifies
):
    # D6325-15: "titulaire d'une qualification au moins égale au baccalauréat professionnel ou d'un
    # titre ou diplôme à finalité professionnelle de même niveau".
    assert has_qualification_from_bac_pro(highest_diploma) is qualifies


def test_a_licence_generale_holder_of_22_gets_80_percent_in_a_contrat_pro():
    # D6325-15: 21 to 25 with a qualification ≥ bac pro → 80 %.
    periods = professionalisation_periods(
        birth_date=date(2003, 1, 1),
        start=date(2025, 9, 1),
        end=date(2026, 8, 31),
        has_professional_qualification=has_qualification_from_bac_pro("63"),
    )
    assert [p.rate for p in periods] == [80]
