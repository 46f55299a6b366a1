from cactus.referentials.codes import (
    ContractType,
    DerogationType,
    Diploma,
    EmployerType,
    current_diploma_code,
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


def test_the_diploma_codes_are_the_table_of_the_10103_14_notice():
    # Notice 51649#09 of CERFA 10103*14 (27 June 2025), « Diplômes et titres de l'apprenti »: 44, 75
    # and 76 are new; 61, 71, 72 and 74 of the *12 table are gone.
    assert sorted(Diploma.values) == sorted(
        [
            "80",
            "73",
            "75",
            "76",
            "79",
            "62",
            "63",
            "64",
            "69",
            "54",
            "55",
            "58",
            "41",
            "42",
            "43",
            "44",
            "49",
            "33",
            "34",
            "35",
            "38",
            "25",
            "26",
            "13",
        ]
    )
    assert Diploma("44").label == "Diplôme de spécialisation professionnelle"
    assert Diploma("35").label == "Certificat de spécialisation (ex-Mention complémentaire)"
    assert diploma_level(Diploma.PROFESSIONAL_SPECIALISATION) == "4"


def test_a_code_of_the_12_table_reads_as_the_14_code_of_its_level():
    # Notice 51649#09: the *12 codes a dossier entered before may hold → a *14 code of the same level.
    assert [current_diploma_code(code) for code in ("61", "71", "72", "74")] == ["69", "73", "73", "79"]
    assert current_diploma_code("54") == "54"
    assert current_diploma_code("") == ""
    assert diploma_from_code_diplome("13512345") == Diploma.MASTER
    assert diploma_from_code_diplome("17012345") == Diploma.OTHER_BAC_5
