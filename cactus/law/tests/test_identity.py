from datetime import date

import pytest
from django.core.exceptions import ValidationError

from cactus.core.validators import validate_siret
from cactus.law.identity import (
    nir_violations,
    normalize_phone,
    validate_code_diplome,
    validate_contract_number,
    validate_naf,
    validate_person_name,
    validate_postal_code,
    validate_rncp,
    validate_uai,
)

# A woman born in October 1995 abroad (99), key 93 (python-stdnum's own example).
NIR_ABROAD = "2 95 10 99 126 111 93"


def rules_of(violations) -> list[str]:
    return [violation.rule for violation in violations]


def test_a_nir_matching_sex_birth_date_and_departement_passes():
    # R-12.3 (rules.md)
    assert nir_violations(nir=NIR_ABROAD, sex="F", birth_date=date(1995, 10, 3), birth_departement="99") == []


def test_a_nir_without_its_key_is_accepted():
    # R-12.3 (rules.md): 13 or 15 characters.
    assert nir_violations(nir="2951099126111", sex="F", birth_date=date(1995, 10, 3)) == []


def test_a_nir_with_a_wrong_key_is_refused():
    # R-12.2 (rules.md): key = 97 − (number mod 97).
    assert rules_of(nir_violations(nir="2 95 10 99 126 111 94")) == ["R-12.2"]


def test_a_corsican_nir_uses_19_and_18_for_its_key():
    # R-12.2 (rules.md): 2A → 19, 2B → 18 before computing the key.
    assert nir_violations(nir="253072B07300470", birth_departement="2B") == []
    assert nir_violations(nir="253072A07300443", birth_departement="2A") == []


def test_a_nir_must_start_with_1_or_2_and_have_13_or_15_characters():
    # and R-12.3 (rules.md)
    assert rules_of(nir_violations(nir="395109912611193")) == ["R-12.1"]
    assert rules_of(nir_violations(nir="29510991261")) == ["R-12.1"]
    assert rules_of(nir_violations(nir="2951099X2611193")) == ["R-12.1"]


def test_a_nir_that_contradicts_the_sex_is_refused():
    # R-12.3 (rules.md): 1 = man, 2 = woman.
    violations = nir_violations(nir=NIR_ABROAD, sex="M")
    assert rules_of(violations) == ["R-12.3"]
    assert "sexe" in violations[0].message


def test_a_nir_that_contradicts_the_birth_year_or_month_is_refused():
    # R-12.3 (rules.md): digits 2–3 year, 4–5 month.
    assert rules_of(nir_violations(nir=NIR_ABROAD, birth_date=date(1996, 10, 3))) == ["R-12.3"]
    assert rules_of(nir_violations(nir=NIR_ABROAD, birth_date=date(1995, 11, 3))) == ["R-12.3"]


def test_a_nir_that_contradicts_the_birth_departement_is_refused():
    # R-12.3 (rules.md): digits 6–7 = département de naissance.
    violations = nir_violations(nir=NIR_ABROAD, birth_departement="13")
    assert rules_of(violations) == ["R-12.3"]
    assert "13" in violations[0].message


def test_an_overseas_birth_departement_is_checked_on_three_digits():
    # R-12.1 (rules.md): 97x on 3 digits.
    nir = "1059797412345"
    assert nir_violations(nir=nir, birth_departement="974") == []
    assert rules_of(nir_violations(nir=nir, birth_departement="971")) == ["R-12.3"]


def test_the_uai_check_letter_is_verified():
    # R-13.1 (rules.md): 0561910X, 561 910 mod 23 = 20 → "x".
    assert validate_uai("0561910x") == "0561910X"
    with pytest.raises(ValidationError) as error:
        validate_uai("0561910A")
    assert error.value.code == "uai_key"
    with pytest.raises(ValidationError):
        validate_uai("561910X")


def test_a_naf_code_gets_its_dot():
    # R-13.4 (rules.md): NN.NNL, the dot optional.
    assert validate_naf("6201z") == "62.01Z"
    assert validate_naf("62.01Z") == "62.01Z"
    with pytest.raises(ValidationError):
        validate_naf("620Z")


def test_a_code_diplome_has_eight_characters():
    # R-13.3 (rules.md): NN[0-9A-Z]NNNNN.
    assert validate_code_diplome("32031212") == "32031212"
    assert validate_code_diplome("50u22304") == "50U22304"
    with pytest.raises(ValidationError):
        validate_code_diplome("3203121")


def test_an_rncp_code_is_rncp_and_3_to_5_digits():
    # R-13.2 (rules.md)
    assert validate_rncp("rncp 34029") == "RNCP34029"
    assert validate_rncp("123") == "RNCP123"
    with pytest.raises(ValidationError):
        validate_rncp("RNCP12")


def test_phones_are_stored_as_plus_33_and_nine_digits():
    # R-13.6 (rules.md)
    assert normalize_phone("06 12 34 56 78") == "+33612345678"
    assert normalize_phone("+33 (0)6.12.34.56.78") == "+33612345678"
    assert normalize_phone("0033612345678") == "+33612345678"
    with pytest.raises(ValidationError):
        normalize_phone("12 34 56")
    with pytest.raises(ValidationError):
        normalize_phone("+44 20 7946 0958")


def test_a_contract_number_follows_the_deposit_format():
    # R-13.8 (rules.md): e.g. 02B202212000000.
    assert validate_contract_number("02B202212000000") == "02B202212000000"
    assert validate_contract_number("013 2024 09 NC 0001") == "013202409NC0001"
    with pytest.raises(ValidationError):
        validate_contract_number("02C202212000000")
    with pytest.raises(ValidationError):
        validate_contract_number("013202413000000")


def test_a_postal_code_has_five_digits():
    # R-13.5 (rules.md), format only.
    assert validate_postal_code("13001") == "13001"
    with pytest.raises(ValidationError):
        validate_postal_code("1300")


def test_names_accept_accents_hyphens_and_apostrophes_only():
    # R-13.9 (rules.md)
    assert validate_person_name("  Lefèvre-N'Diaye ") == "Lefèvre-N'Diaye"
    with pytest.raises(ValidationError):
        validate_person_name("Dupont2")
    with pytest.raises(ValidationError):
        validate_person_name("Dupont & fils")


def test_siret_passes_luhn_and_any_changed_digit_breaks_it():
    # and R-11.5 (rules.md): 732 829 320 00074 is valid.
    assert validate_siret("732 829 320 00074") == "73282932000074"
    with pytest.raises(ValidationError):
        validate_siret("73282932000075")


def test_la_poste_sirets_use_the_sum_of_digits_rule():
    # R-11.3 (rules.md): SIREN 356 000 000, sum of the 14 digits multiple of 5.
    assert validate_siret("35600000000042") == "35600000000042"
    with pytest.raises(ValidationError):
        validate_siret("35600000000043")


def test_la_poste_head_office_siret_follows_luhn_like_any_other():
    # and R-11.3 (rules.md): the sum-of-digits exception covers La Poste's establishments;
    # its head office 356 000 000 00048 (digit sum 26) has a valid Luhn key, as python-stdnum's
    # fr.siret knows.
    assert validate_siret("356 000 000 00048") == "35600000000048"


def test_e_mail_addresses_are_checked_and_lowered():
    # R-13.7 (rules.md): RFC-valid, lowercase normalisation.
    from cactus.law.identity import normalize_email

    assert normalize_email(" Prenom.Nom@Entreprise.FR ") == "prenom.nom@entreprise.fr"
    with pytest.raises(ValidationError):
        normalize_email("prenom.nom@")


def test_a_corsican_birth_departement_matches_2a_2b_or_20_before_the_1976_split():
    # and R-12.3 (rules.md): département de naissance 2A / 2B; people born in Corsica
    # before the 1976 split keep "20" in their NIR.
    assert nir_violations(nir="101052A00412301", birth_date=date(2001, 5, 3), birth_departement="2A") == []
    assert rules_of(nir_violations(nir="101052A00412301", birth_departement="2B")) == ["R-12.3"]
    assert rules_of(
        nir_violations(nir="101052000412371", birth_date=date(2001, 5, 3), birth_departement="2A")
    ) == ["R-12.3"]
    assert nir_violations(nir="170052000412385", birth_date=date(1970, 5, 3), birth_departement="2a") == []
