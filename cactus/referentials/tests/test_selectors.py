from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.exceptions import ValidationError

from cactus.referentials.models import CollectiveAgreement, SmicRate
from cactus.referentials.selectors import lookup_idcc, normalize_idcc, smic_on
from cactus.referentials.validators import validate_idcc

pytestmark = pytest.mark.django_db


def test_the_smic_in_force_is_the_latest_row_on_or_before_the_day():
    # R-3.3 (rules.md): dated table; 01/11/2024 → 1 801,80 €.
    assert smic_on(date(2024, 10, 31)).monthly == Decimal("1766.92")
    assert smic_on(date(2024, 11, 1)).monthly == Decimal("1801.80")


def test_2025_keeps_the_november_2024_smic():
    # rules.md §3: no revaluation on 01/01/2025.
    assert smic_on(date(2025, 6, 1)).monthly == Decimal("1801.80")


def test_a_future_day_gets_the_latest_known_smic():
    # R-3.3 (rules.md): the latest known is the SMIC of 01/06/2026 (1 867,02 €).
    assert smic_on(date(2031, 1, 1)).monthly == Decimal("1867.02")


def test_the_smic_was_revalued_on_1_june_2026_in_metropole_and_mayotte():
    # L3231-5 (automatic revaluation, inflation > 2 %), rules.md §3: +2,41 % on 01/06/2026.
    assert smic_on(date(2026, 5, 31)).monthly == Decimal("1823.03")
    june = smic_on(date(2026, 6, 1))
    assert (june.hourly, june.monthly) == (Decimal("12.31"), Decimal("1867.02"))
    mayotte = smic_on(date(2026, 6, 1), "976")
    assert (mayotte.hourly, mayotte.monthly) == (Decimal("9.56"), Decimal("1449.93"))
    assert smic_on(date(2026, 5, 31), "976").monthly == Decimal("1415.05")


def test_mayotte_has_its_own_smic_and_other_overseas_departements_the_national_one():
    # R-3.1 (rules.md): Mayotte (976) lower; La Réunion (974) national.
    assert smic_on(date(2026, 1, 1), "976").monthly == Decimal("1415.05")
    assert smic_on(date(2026, 1, 1), "974").monthly == Decimal("1823.03")


def test_no_smic_is_known_before_2018():
    # R-3.3 (rules.md): the shipped table starts on 01/01/2018.
    assert smic_on(date(2017, 12, 31)) is None


def test_an_administrator_s_new_smic_row_is_used_from_its_date():
    # R-3.3 (rules.md): the table is maintained by an admin, not hard-coded.
    SmicRate.objects.create(valid_from=date(2027, 1, 1), hourly=Decimal("12.46"), monthly=Decimal("1890.00"))
    assert smic_on(date(2026, 12, 31)).monthly == Decimal("1867.02")
    assert smic_on(date(2027, 1, 1)).monthly == Decimal("1890.00")


def test_idcc_codes_are_padded_to_four_digits():
    # R-14.1 (rules.md): "16" → "0016".
    assert normalize_idcc("16") == "0016"
    assert normalize_idcc(" 1486 ") == "1486"
    assert normalize_idcc("12345") == ""
    assert normalize_idcc("14a6") == ""


def test_a_shipped_idcc_gives_its_label_and_opco():
    # R-14.2 (rules.md): label, branch and OPCO; 1486 → ATLAS, 16 → OPCO Mobilités.
    assert lookup_idcc("1486").opco == "ATLAS"
    transport = lookup_idcc("16")
    assert (transport.idcc, transport.opco) == ("0016", "OPCO Mobilités")
    assert transport.branch == transport.label


def test_the_special_codes_9999_and_9998_are_known_without_opco():
    # and R-14.4 (rules.md): OPCO by activity, not a guess.
    assert lookup_idcc("9999").label == "Sans convention collective"
    assert lookup_idcc("9998").opco == ""


def test_an_obsolete_convention_is_not_looked_up_and_its_validation_says_so():
    # R-14.1 (rules.md): an IDCC no longer in force is an error.
    CollectiveAgreement.objects.filter(idcc="1486").update(is_active=False)
    assert lookup_idcc("1486") is None
    with pytest.raises(ValidationError) as error:
        validate_idcc("1486")
    assert error.value.code == "idcc_obsolete"
    assert "n'est plus en vigueur" in error.value.messages[0]


def test_an_unknown_or_malformed_idcc_is_refused_with_a_message():
    # R-14.1 (rules.md)
    with pytest.raises(ValidationError) as unknown:
        validate_idcc("4242")
    assert unknown.value.code == "idcc_unknown"
    with pytest.raises(ValidationError) as malformed:
        validate_idcc("ABCD")
    assert malformed.value.code == "idcc_format"


def test_validating_an_idcc_returns_the_agreement():
    # R-14.2 (rules.md): the IDCC fills the convention label.
    assert validate_idcc("843").label == "Boulangerie-pâtisserie (entreprises artisanales)"


@pytest.mark.parametrize("territory", [SmicRate.Territory.METROPOLE, SmicRate.Territory.MAYOTTE])
def test_every_shipped_monthly_smic_is_the_hourly_rate_for_35_hours(territory):
    # rules.md §3: the monthly SMIC for 35 h/week = hourly × 35 × 52 / 12; only the hourly rate is
    # set by decree. Mayotte 01/01/2021 (7,74 €) and 01/10/2021 (7,91 €) were shipped with
    # 1 173,27 € and 1 199,08 € instead of 1 173,90 € and 1 199,68 €.
    rows = SmicRate.objects.filter(territory=territory)
    assert rows.count() == 14
    for row in rows:
        expected = (row.hourly * 35 * 52 / 12).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        assert (row.valid_from, row.monthly) == (row.valid_from, expected)
