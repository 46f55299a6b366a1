"""Independent pay cases, written from the Code du travail (texts read on 7 December 2026) and run
through `manage.py remuneration`, the way a CFA would check a contract by hand.

Expected figures are worked out from the articles and the SMIC, not from the engine: SMIC
1 801,80 € from 01/11/2024, 1 823,03 € from 01/01/2026, 1 867,02 € from 01/06/2026 (Mayotte
1 449,93 €); a minimum is rounded up to the cent, so that what is proposed is never below it
(e.g. 51 % × 1 867,02 = 952,1802 → 952,19 €).
"""

import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def simulate(capsys, **options: str) -> dict:
    arguments = []
    for name, value in options.items():
        arguments += [f"--{name.replace('_', '-')}"] + ([] if value is True else [value])
    call_command("remuneration", *arguments)
    return json.loads(capsys.readouterr().out)


def periods(output: dict) -> list[tuple]:
    return [(p["annee"], p["du"], p["au"], p["taux"], p["base"], p["montant"]) for p in output["periodes"]]


def test_a_19_year_old_starting_on_7_september_2026_is_owed_802_82_euros(capsys):
    # D6222-26 2° (18 to 20, 1st year: 43 % of the SMIC); SMIC of 01/06/2026: 43 % × 1 867,02 € = 802,8186.
    output = simulate(capsys, naissance="2007-03-01", debut="2026-09-07", fin="2027-09-06")
    assert periods(output) == [(1, "2026-09-07", "2027-09-06", 43, "SMIC", "802.82")]
    assert output["salaire_brut_mensuel_embauche"] == "802.82"


def test_an_apprentice_under_16_is_paid_as_a_16_to_17_year_old(capsys):
    # D6222-27: under 16 → the 16–17 rates of D6222-26 1° (27 %, then 39 %); turning 16 changes nothing.
    output = simulate(capsys, naissance="2011-05-10", debut="2026-09-01", fin="2028-08-31")
    assert periods(output) == [
        (1, "2026-09-01", "2027-08-31", 27, "SMIC", "504.10"),
        (2, "2027-09-01", "2028-08-31", 39, "SMIC", "728.14"),
    ]


def test_turning_18_raises_the_rate_from_the_first_of_the_next_month(capsys):
    # D6222-31: majoration "à compter du premier jour du mois suivant le jour où l'apprenti atteint
    # dix-huit ans": 18 on 20/10/2026 → 43 % from 01/11/2026.
    output = simulate(capsys, naissance="2008-10-20", debut="2026-09-01", fin="2027-08-31")
    assert periods(output) == [
        (1, "2026-09-01", "2026-10-31", 27, "SMIC", "504.10"),
        (1, "2026-11-01", "2027-08-31", 43, "SMIC", "802.82"),
    ]


def test_from_21_the_rate_applies_to_the_conventional_minimum_when_it_is_higher(capsys):
    # D6222-26 3°: 21 to 25, 53 % in the 1st year "du salaire minimum conventionnel correspondant à
    # l'emploi occupé" when higher than the SMIC: 53 % × 2 100 € = 1 113 €.
    output = simulate(capsys, naissance="2004-02-15", debut="2026-09-01", fin="2027-08-31", smc="2100")
    assert periods(output) == [(1, "2026-09-01", "2027-08-31", 53, "SMC", "1113.00")]


@pytest.mark.parametrize(
    ("smc", "expected"),
    [(None, (100, "SMIC", "1867.02")), ("2000", (100, "SMC", "2000.00"))],
    ids=["SMIC", "SMC above the SMIC"],
)
def test_from_26_the_apprentice_is_owed_the_smic_or_the_conventional_minimum(capsys, smc, expected):
    # D6222-26 4°: 26 and over, 100 % of the SMIC or of the SMC when higher.
    options = {"smc": smc} if smc else {}
    output = simulate(capsys, naissance="1998-01-10", debut="2026-09-01", fin="2027-08-31", **options)
    assert [(p["taux"], p["base"], p["montant"]) for p in output["periodes"]] == [expected]


def test_mayotte_uses_its_own_smic(capsys):
    # D6222-26 on Mayotte's SMIC of 01/06/2026 (9,56 €/h, 1 449,93 €): 43 % = 623,4699.
    output = simulate(capsys, naissance="2007-03-01", debut="2026-09-07", fin="2027-09-06", departement="976")
    assert output["salaire_brut_mensuel_embauche"] == "623.47"


def test_a_contract_entered_directly_in_the_second_year_is_paid_as_a_second_year(capsys):
    # D6222-28-1: a contract shorter than the cycle (L6222-7-1) → "considéré comme ayant accompli une
    # durée d'apprentissage égale à la différence…": the 2nd year of a BTS at 19 is 51 %, not 43 %.
    output = simulate(capsys, naissance="2007-06-01", debut="2026-09-01", fin="2027-08-31", annee_debut="2")
    assert periods(output) == [(2, "2026-09-01", "2027-08-31", 51, "SMIC", "952.19")]


def test_a_prolongation_after_an_exam_failure_keeps_the_last_years_rate_through_every_smic_change(capsys):
    # L6222-11 1° (prolongation of one year at most after a failure), D6222-28: the prolonged year is
    # paid as the last year before it (61 %, 21–25, year 2), not as a 3rd year (78 %).
    # Year 1 starts on the SMIC of 01/11/2024 and follows each revaluation (53 % × 1 823,03 € =
    # 966,2059; 53 % × 1 867,02 € = 989,5206).
    output = simulate(
        capsys,
        naissance="2004-03-01",
        debut="2025-09-01",
        fin="2028-08-31",
        prolongation_echec="2027-09-01",
    )
    assert periods(output) == [
        (1, "2025-09-01", "2026-08-31", 53, "SMIC", "954.96"),
        (2, "2026-09-01", "2027-08-31", 61, "SMIC", "1138.89"),
        (3, "2027-09-01", "2028-08-31", 61, "SMIC", "1138.89"),
    ]
    assert [(c["du"], c["montant"]) for c in output["periodes"][0]["changements_smic"]] == [
        ("2026-01-01", "966.21"),
        ("2026-06-01", "989.53"),
    ]


@pytest.mark.parametrize(
    ("rate_received", "expected_rate", "expected_amount"),
    [("60", 60, "1120.22"), ("40", 43, "802.82")],
    ids=["rate received above the grid", "grid by age more favourable"],
)
def test_a_new_contract_with_the_same_employer_after_the_diploma(
    capsys, rate_received, expected_rate, expected_amount
):
    # D6222-29 1st paragraph: at least what he received in the last year of the previous contract
    # (which led to the diploma), "sauf quand l'application des rémunérations … en fonction de son âge
    # est plus favorable" (19, 1st year: 43 %).
    output = simulate(
        capsys,
        naissance="2007-01-20",
        debut="2026-09-01",
        fin="2027-08-31",
        contrat_precedent_annee="2",
        contrat_precedent_issue="diplome",
        contrat_precedent_employeur="meme",
        contrat_precedent_taux=rate_received,
    )
    assert [(p["taux"], p["montant"]) for p in output["periodes"]] == [(expected_rate, expected_amount)]


def test_a_new_contract_with_another_employer_after_the_diploma_keeps_the_last_years_minimum(capsys):
    # D6222-29 2nd paragraph: "celle à laquelle il pouvait prétendre lors de la dernière année": a bac
    # pro finished on 31/08/2026 in its 3rd year at 19 → 67 % (D6222-26 2°), though a 1st year is 43 %.
    output = simulate(
        capsys,
        naissance="2007-01-20",
        debut="2026-09-01",
        fin="2027-08-31",
        contrat_precedent_annee="3",
        contrat_precedent_issue="diplome",
        contrat_precedent_employeur="autre",
        contrat_precedent_fin="2026-08-31",
    )
    assert [(p["taux"], p["montant"]) for p in output["periodes"]] == [(67, "1250.91")]


def test_a_previous_contract_that_did_not_lead_to_the_diploma_sets_no_d6222_29_floor(capsys):
    # D6222-29 applies "lorsque ce dernier a conduit à l'obtention du titre ou du diplôme".
    output = simulate(
        capsys,
        naissance="2007-01-20",
        debut="2026-09-01",
        fin="2027-08-31",
        contrat_precedent_annee="3",
        contrat_precedent_issue="autre",
        contrat_precedent_employeur="autre",
        contrat_precedent_fin="2026-08-31",
    )
    assert [p["taux"] for p in output["periodes"]] == [43]


def test_a_licence_professionnelle_is_paid_the_second_year_rate(capsys):
    # D6222-32 (contracts concluded from 01/04/2020): the minimum of the 2nd year of D6222-26 during the
    # whole contract; at 21: 61 %.
    output = simulate(capsys, naissance="2005-05-05", debut="2026-09-01", fin="2027-08-31", licence_pro=True)
    assert periods(output) == [(1, "2026-09-01", "2027-08-31", 61, "SMIC", "1138.89")]


def test_an_rqth_apprentice_on_a_four_year_contract_gets_15_points_in_the_prolonged_year(capsys):
    # R6222-46 (up to 4 years), R6222-47 (the cycle "augmentée d'un an au plus"), R6222-48: "une
    # majoration uniforme de quinze points aux pourcentages correspondant à la dernière année de la
    # durée du contrat": 78 % + 15 = 93 % in year 4. D6222-31: 21 on 01/07/2027 → 53 % from 01/08/2027.
    output = simulate(
        capsys,
        naissance="2006-07-01",
        debut="2026-09-01",
        fin="2030-08-31",
        prolongation_rqth="2029-09-01",
    )
    assert periods(output) == [
        (1, "2026-09-01", "2027-07-31", 43, "SMIC", "802.82"),
        (1, "2027-08-01", "2027-08-31", 53, "SMIC", "989.53"),
        (2, "2027-09-01", "2028-08-31", 61, "SMIC", "1138.89"),
        (3, "2028-09-01", "2029-08-31", 78, "SMIC", "1456.28"),
        (4, "2029-09-01", "2030-08-31", 93, "SMIC", "1736.33"),
    ]


@pytest.mark.parametrize(
    ("birth_date", "qualified", "expected"),
    [
        ("2007-03-01", False, (55, "1026.87")),
        ("2007-03-01", True, (65, "1213.57")),
        ("2004-02-15", False, (70, "1306.92")),
        ("2004-02-15", True, (80, "1493.62")),
    ],
    ids=["19", "19 with a bac pro or more", "22", "22 with a bac pro or more"],
)
def test_the_contrat_de_professionnalisation_minimum_by_age_and_qualification(
    capsys, birth_date, qualified, expected
):
    # D6325-15: under 21, 55 %; 21 and over, 70 %; "majorées de dix points dès lors que le bénéficiaire
    # est titulaire d'une qualification au moins égale au baccalauréat professionnel ou d'un titre ou
    # diplôme à finalité professionnelle de même niveau".
    options = {"qualification_pro": True} if qualified else {}
    output = simulate(
        capsys,
        naissance=birth_date,
        debut="2026-09-07",
        fin="2027-09-06",
        dispositif="professionnalisation",
        **options,
    )
    assert [(p["taux"], p["montant"]) for p in output["periodes"]] == [expected]


@pytest.mark.parametrize(
    ("smc", "expected"),
    [("2400", (85, "SMC", "2040.00")), ("2000", (100, "SMIC", "1867.02"))],
    ids=["85 % of the SMC above the SMIC", "the SMIC above 85 % of the SMC"],
)
def test_a_contrat_pro_from_26_is_owed_the_smic_and_85_percent_of_the_conventional_minimum(
    capsys, smc, expected
):
    # L6325-9 (not below the SMIC) and D6325-18 (not below 85 % of the branch minimum).
    output = simulate(
        capsys,
        naissance="1998-01-10",
        debut="2026-09-07",
        fin="2027-09-06",
        dispositif="professionnalisation",
        smc=smc,
    )
    assert [(p["taux"], p["base"], p["montant"]) for p in output["periodes"]] == [expected]
