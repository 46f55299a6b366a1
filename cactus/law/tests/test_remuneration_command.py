import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def simulate(capsys, *arguments: str) -> dict:
    call_command("remuneration", *arguments)
    return json.loads(capsys.readouterr().out)


def test_example_a_prints_one_period_a_year(capsys):
    # R-2.1 (rules.md §2.2 example A): 759,78 € at hiring.
    output = simulate(capsys, "--naissance", "2006-03-15", "--debut", "2024-09-01", "--fin", "2026-08-31")
    assert output == {
        "periodes": [
            {
                "annee": 1,
                "du": "2024-09-01",
                "au": "2025-08-31",
                "taux": 43,
                "base": "SMIC",
                "montant": "759.78",
            },
            {
                "annee": 2,
                "du": "2025-09-01",
                "au": "2026-08-31",
                "taux": 51,
                "base": "SMIC",
                "montant": "918.92",
            },
        ],
        "salaire_brut_mensuel_embauche": "759.78",
    }


def test_example_b_prints_the_birthday_split(capsys):
    # R-2.2 (rules.md §2.2 example B and issue 3's sample output).
    output = simulate(capsys, "--naissance", "2003-11-20", "--debut", "2024-09-02", "--fin", "2026-08-31")
    assert output["periodes"] == [
        {"annee": 1, "du": "2024-09-02", "au": "2024-11-30", "taux": 43, "base": "SMIC", "montant": "759.78"},
        {"annee": 1, "du": "2024-12-01", "au": "2025-09-01", "taux": 53, "base": "SMIC", "montant": "954.96"},
        {
            "annee": 2,
            "du": "2025-09-02",
            "au": "2026-08-31",
            "taux": 61,
            "base": "SMIC",
            "montant": "1099.10",
        },
    ]
    assert output["salaire_brut_mensuel_embauche"] == "759.78"


def test_example_d_prints_the_smc_base(capsys):
    # R-2.3 (rules.md §2.2 example D): age 22, SMC 2 000 € → 53 % × 2 000 = 1 060,00 €.
    output = simulate(
        capsys,
        "--naissance",
        "2002-01-15",
        "--debut",
        "2024-09-02",
        "--fin",
        "2025-09-01",
        "--smc",
        "2000.00",
    )
    assert output["periodes"] == [
        {"annee": 1, "du": "2024-09-02", "au": "2025-09-01", "taux": 53, "base": "SMC", "montant": "1060.00"}
    ]
    assert output["salaire_brut_mensuel_embauche"] == "1060.00"


def test_example_f_prints_the_mayotte_amount(capsys):
    # R-2.12 (rules.md §2.2 example F): 43 % × 1 415,05 € = 608,48 €.
    output = simulate(
        capsys,
        "--naissance",
        "2006-06-01",
        "--debut",
        "2026-01-01",
        "--fin",
        "2026-12-31",
        "--departement",
        "976",
    )
    assert output["periodes"][0]["montant"] == "608.48"
    assert output["salaire_brut_mensuel_embauche"] == "608.48"


def test_the_professionalisation_scheme_uses_its_own_minima(capsys):
    # R-4 (rules.md §4): 22 with a BTS → 80 %.
    output = simulate(
        capsys,
        "--naissance",
        "2003-09-01",
        "--debut",
        "2026-01-01",
        "--fin",
        "2026-12-31",
        "--dispositif",
        "professionnalisation",
        "--qualification-pro",
    )
    assert output["periodes"][0]["taux"] == 80
    assert output["salaire_brut_mensuel_embauche"] == "1458.43"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--debut", "2024-09-02", "--fin", "2026-08-31"], "Indiquez la date de naissance"),
        (["--naissance", "20/11/2003", "--debut", "2024-09-02", "--fin", "2026-08-31"], "AAAA-MM-JJ"),
        (["--naissance", "2003-11-20", "--debut", "2024-09-02", "--fin", "2024-09-01"], "postérieure"),
        (
            [
                "--naissance",
                "2003-11-20",
                "--debut",
                "2024-09-02",
                "--fin",
                "2026-08-31",
                "--smc",
                "beaucoup",
            ],
            "--smc",
        ),
        (
            [
                "--naissance",
                "2003-11-20",
                "--debut",
                "2024-09-02",
                "--fin",
                "2026-08-31",
                "--dispositif",
                "cdi",
            ],
            "--dispositif",
        ),
        (["--naissance", "2000-01-01", "--debut", "2017-09-01", "--fin", "2018-08-31"], "Aucun SMIC"),
    ],
)
def test_bad_arguments_print_a_french_message_and_exit_with_status_2(capsys, arguments, message):
    with pytest.raises(SystemExit) as exit_info:
        call_command("remuneration", *arguments)
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert captured.out == ""


def rates_of(output: dict) -> list[tuple[int, int]]:
    return [(period["annee"], period["taux"]) for period in output["periodes"]]


def test_an_rqth_prolongation_is_paid_the_last_years_rate_plus_15_points(capsys):
    # R6222-46, R6222-48: 4-year contract, prolongation from 02/09/2027 → 78 % + 15 = 93 % at 23.
    output = simulate(
        capsys,
        *("--naissance", "2004-01-15", "--debut", "2024-09-02", "--fin", "2028-09-01"),
        *("--prolongation-rqth", "2027-09-02"),
    )
    assert rates_of(output)[-2:] == [(3, 78), (4, 93)]


def test_a_prolongation_after_a_failure_keeps_the_last_years_rate(capsys):
    # D6222-28, L6222-11: year 3 of a prolonged 2-year contract stays at 51 % (18–20).
    output = simulate(
        capsys,
        *("--naissance", "2006-09-02", "--debut", "2024-09-02", "--fin", "2027-09-01"),
        *("--prolongation-echec", "2026-09-02"),
    )
    assert rates_of(output) == [(1, 43), (2, 51), (3, 51)]


def test_a_previous_contract_with_another_employer_sets_the_floor(capsys):
    # D6222-29 2nd paragraph (rules.md example E): 51 % instead of 43 %.
    output = simulate(
        capsys,
        *("--naissance", "2005-10-01", "--debut", "2025-09-01", "--fin", "2026-08-31"),
        *("--contrat-precedent-annee", "2", "--contrat-precedent-issue", "diplome"),
        *("--contrat-precedent-employeur", "autre", "--contrat-precedent-fin", "2025-08-31"),
    )
    assert rates_of(output) == [(1, 51)]


def test_a_direct_entry_in_the_second_year_is_paid_as_such(capsys):
    # D6222-28-1: --annee-debut 2 → 61 % at 22.
    output = simulate(
        capsys,
        *("--naissance", "2003-05-05", "--debut", "2025-09-01", "--fin", "2026-08-31", "--annee-debut", "2"),
    )
    assert rates_of(output) == [(2, 61)]


def test_a_same_employer_contract_after_a_diploma_without_the_rate_received_is_refused_in_french(capsys):
    # D6222-29 1st paragraph needs the rate received.
    with pytest.raises(SystemExit):
        call_command(
            "remuneration",
            *("--naissance", "2005-10-01", "--debut", "2025-09-01", "--fin", "2026-08-31"),
            *("--contrat-precedent-annee", "2", "--contrat-precedent-issue", "diplome"),
            *("--contrat-precedent-employeur", "meme"),
        )
    assert "--contrat-precedent-taux" in capsys.readouterr().err
