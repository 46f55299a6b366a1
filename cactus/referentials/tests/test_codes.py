from cactus.referentials.codes import (
    ContractType,
    DerogationType,
    Diploma,
    EmployerType,
    diploma_from_code_diplome,
    diploma_level,
    is_public_administration,
    is_public_employer,
)


def test_employer_types_are_11_to_16_and_21_to_30():
    # R-8.1 (rules.md) and cerfa-apprentissage.md §8.1
    assert EmployerType.values == [*map(str, range(11, 17)), *map(str, range(21, 31))]
    assert EmployerType("15").label == "Association"


def test_an_employer_type_above_20_is_public_for_billing():
    # R-8.1 (rules.md): "établissement public (code type d'employeur > 20)".
    assert not is_public_employer("16")
    assert is_public_employer("21")
    assert is_public_employer("30")
    assert not is_public_employer("")


def test_epic_is_public_but_not_a_public_administration():
    # and R-8.2 (rules.md): EPIC follows the OPCO circuit and may hire under contrat pro.
    assert is_public_administration("29")
    assert not is_public_administration("30")
    assert not is_public_administration("12")


def test_contract_and_derogation_codes_match_the_cerfa_lists():
    # rules.md §10: type de contrat 11; 21–23; 31–38. Dérogation 11, 12, 21, 22, 50, 60.
    assert ContractType.values == ["11", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "38"]
    assert DerogationType.values == ["11", "12", "21", "22", "50", "60"]


def test_a_diploma_code_s_first_digit_gives_its_level():
    # R-15.2 (rules.md)
    assert diploma_level(Diploma.BTS) == "5"
    assert diploma_level(Diploma.BAC_PRO) == "4"
    assert diploma_level(Diploma.BREVET) == "0"
    assert diploma_level(Diploma.DOCTORATE) == "8"
    assert diploma_level("x") == ""


def test_the_code_diplome_proposes_the_cerfa_diploma_type():
    # R-13.3 (rules.md) and cerfa-apprentissage.md §8.6: first 3 characters of the CFD.
    assert diploma_from_code_diplome("32031212") == Diploma.BTS
    assert diploma_from_code_diplome("25120001") == Diploma.BUT
    assert diploma_from_code_diplome("56X12345") == Diploma.OTHER_CAP_BEP
    assert diploma_from_code_diplome("99999999") == ""
