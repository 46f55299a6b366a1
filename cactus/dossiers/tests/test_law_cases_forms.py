"""The law's special cases on the tab pages: RQTH up to 4 years, saisie simple at 15, successive
contracts, CFA start before the signature, contrat pro majoration. Each test cites its article."""

from datetime import date

import pytest

from cactus.dossiers import services, tabs
from cactus.dossiers.models import Dossier
from cactus.dossiers.tests import tab_data
from cactus.dossiers.tests.test_tab_forms import ADULT_NIR, restart, submit

pytestmark = pytest.mark.django_db

FOUR_YEARS_END = "2030-08-31"  # contract from 01/09/2026
# 2 11 06 13 055 123 + key 49: a girl born in June 2011 in the Bouches-du-Rhône (15 in September 2026).
FIFTEEN_NIR = "211061305512349"


@pytest.fixture
def bts_dossier(started_dossier):
    """A BTS formation (not a licence pro, whose 2nd-year rate D6222-32 would hide the other rules)."""
    started_dossier.formation.diploma_code = "32031212"
    started_dossier.formation.save()
    return started_dossier


def all_rates_at(values: dict, rate: str) -> dict:
    """Every rate at `rate` % and a hiring salary above any minimum (the minima are what is tested)."""
    values = {key: (rate if key.startswith("remuneration-rate_") else value) for key, value in values.items()}
    return values | {"remuneration-hiring_salary": "1900"}


def test_donnees_de_base_accepts_a_four_year_contract_as_advice(started_dossier):
    # R6222-46: up to 4 years for an RQTH apprentice, declared later in L'alternant (was refused).
    values = tab_data.base_values(contract_end=FOUR_YEARS_END)
    forms = tabs.page_forms("base", started_dossier, data=values)
    assert all([form.is_valid() for form in forms]), tabs.form_errors(forms)
    assert any("R6222-46" in warning for warning in forms[0].warnings)


def test_an_rqth_contract_of_four_years_needs_the_prolongation_start_and_pays_it_15_points_more(
    bts_dossier, employer_contact
):
    # R6222-46 (4 years), R6222-47 and R6222-48: year 4 = year-3 percentages + 15 points.
    # Born 14/03/2009: 20 in year 4 (67 % + 15 = 82 %), 21 on 14/03/2030 (78 % + 15 = 93 % from 01/04/2030).
    bts_dossier.formation.end_date = date(2030, 6, 30)
    bts_dossier.formation.save()
    dossier = restart(bts_dossier, employer_contact, contract_end=FOUR_YEARS_END)
    services.submit_page(
        dossier=dossier, key="employer", values=tab_data.employer_values(), by=employer_contact
    )
    services.submit_page(
        dossier=Dossier.objects.get(pk=dossier.pk),
        key="alternant",
        values=tab_data.alternant_values(has_rqth="on"),
        by=dossier.alternant,
    )
    dossier = Dossier.objects.get(pk=dossier.pk)
    values = all_rates_at(tab_data.contract_values(dossier), "100")
    is_valid, errors, _ = submit("contract", dossier, values)
    assert not is_valid
    assert "début de la prolongation" in errors

    values["contract-disability_extension_start"] = "2029-09-01"
    is_valid, errors, forms = submit("contract", dossier, values)
    assert is_valid, errors
    year_4 = [line for line in tabs.page_data(forms)["remuneration_lines"] if line["year"] == 4]
    assert [(line["start"], line["minimum_rate"]) for line in year_4] == [
        (date(2029, 9, 1), 82),
        (date(2030, 4, 1), 93),
    ]


def test_the_prolongation_for_a_handicap_is_refused_without_rqth(bts_dossier, employer_contact):
    # R6222-47: "lorsque l'état de l'apprenti handicapé l'exige" — RQTH declared in L'alternant.
    services.submit_page(
        dossier=bts_dossier, key="employer", values=tab_data.employer_values(), by=employer_contact
    )
    dossier = Dossier.objects.get(pk=bts_dossier.pk)
    values = tab_data.contract_values(dossier, disability_extension_start="2027-03-01")
    is_valid, errors, _ = submit("contract", dossier, values)
    assert not is_valid
    assert "RQTH" in errors


def test_a_new_contract_with_another_employer_after_a_diploma_keeps_the_last_years_minimum(
    bts_dossier, employer_contact
):
    # D6222-29 2nd paragraph: 17 at the end of the previous contract's 2nd year → at least 39 %, not 27 %.
    services.submit_page(
        dossier=bts_dossier, key="employer", values=tab_data.employer_values(), by=employer_contact
    )
    dossier = Dossier.objects.get(pk=bts_dossier.pk)
    values = all_rates_at(tab_data.contract_values(dossier, contract_type="22"), "45")
    is_valid, errors, _ = submit("contract", dossier, values)
    assert not is_valid
    assert "contrat précédent" in errors

    values |= {
        "contract-previous_contract_end": "2026-08-31",
        "contract-previous_contract_last_year": "2",
        "contract-previous_contract_outcome": "diploma",
    }
    is_valid, errors, forms = submit("contract", dossier, values)
    assert is_valid, errors
    assert tabs.page_data(forms)["remuneration_lines"][0]["minimum_rate"] == 39


def test_a_new_contract_with_the_same_employer_after_a_diploma_asks_the_rate_received(
    bts_dossier, employer_contact
):
    # D6222-29 1st paragraph: at least what the apprentice received in the last year.
    services.submit_page(
        dossier=bts_dossier, key="employer", values=tab_data.employer_values(), by=employer_contact
    )
    dossier = Dossier.objects.get(pk=bts_dossier.pk)
    values = all_rates_at(tab_data.contract_values(dossier, contract_type="21"), "45") | {
        "contract-previous_contract_end": "2026-08-31",
        "contract-previous_contract_last_year": "2",
        "contract-previous_contract_outcome": "diploma",
    }
    is_valid, errors, _ = submit("contract", dossier, values)
    assert not is_valid
    assert "D6222-29" in errors

    values["contract-previous_contract_rate"] = "44"
    is_valid, errors, forms = submit("contract", dossier, values)
    assert is_valid, errors
    assert tabs.page_data(forms)["remuneration_lines"][0]["minimum_rate"] == 44


def test_the_conclusion_may_follow_the_start_of_the_cfa_training(bts_dossier, employer_contact):
    # L6222-12-1: the young person began the cycle at the CFA on 20/08/2026 and signs on 25/08/2026.
    bts_dossier.formation.start_date = date(2026, 8, 20)
    bts_dossier.formation.save()
    services.submit_page(
        dossier=bts_dossier, key="employer", values=tab_data.employer_values(), by=employer_contact
    )
    dossier = Dossier.objects.get(pk=bts_dossier.pk)
    values = tab_data.contract_values(dossier, conclusion_date="2026-08-25")
    is_valid, errors, forms = submit("contract", dossier, values)
    assert is_valid, errors
    # D6222-28-1: the contract years count from the start of the cycle (year 2 from 20/08/2027).
    assert tabs.page_data(forms)["remuneration_lines"][-1]["start"] == date(2027, 8, 20)


def test_a_15_year_old_after_the_college_can_be_entered_in_saisie_simple_with_the_derogation(
    dossier, employer_contact
):
    # L6222-1 (15 after the collège), R-1.5 (dérogation 11): the field exists in saisie simple too.
    services.submit_page(
        dossier=dossier,
        key="base",
        values=tab_data.base_values(entry_mode="simple", alternant_birth_date="2011-06-01"),
        by=employer_contact,
    )
    dossier = Dossier.objects.get(pk=dossier.pk)
    values = tab_data.alternant_values(nir=FIFTEEN_NIR, last_class="40", last_diploma_prepared="25")
    is_valid, errors, _ = submit("alternant", dossier, values)
    assert not is_valid
    assert "dérogation 11" in errors

    is_valid, errors, forms = submit("alternant", dossier, values | {"alternant-age_derogation": "11"})
    assert is_valid, errors
    assert tabs.page_data(forms)["alternant_details"]["age_derogation"] == "11"


def test_a_licence_generale_gives_the_contrat_pro_majoration(started_dossier, employer_contact):
    # D6325-15: a qualification at least equal to the bac pro → 80 % from 21 (70 % without).
    dossier = restart(
        started_dossier, employer_contact, scheme="professionalisation", alternant_birth_date="2003-11-20"
    )
    services.submit_page(
        dossier=dossier, key="employer", values=tab_data.employer_values(billing=True), by=employer_contact
    )
    services.submit_page(
        dossier=Dossier.objects.get(pk=dossier.pk),
        key="alternant",
        values=tab_data.alternant_values(
            representative=False, nir=ADULT_NIR, sex="M", highest_diploma="63", last_diploma_prepared="63"
        ),
        by=dossier.alternant,
    )
    dossier = Dossier.objects.get(pk=dossier.pk)
    is_valid, errors, forms = submit("contract", dossier, tab_data.contract_values(dossier))
    assert is_valid, errors
    assert tabs.page_data(forms)["remuneration_lines"][0]["minimum_rate"] == 80


def test_a_15_year_old_with_the_brevet_has_finished_the_college(dossier, employer_contact):
    # L6222-1: the brevet obtained (dernière classe 01, diplôme 25) proves the collège accomplished.
    services.submit_page(
        dossier=dossier,
        key="base",
        values=tab_data.base_values(entry_mode="simple", alternant_birth_date="2011-06-01"),
        by=employer_contact,
    )
    dossier = Dossier.objects.get(pk=dossier.pk)
    values = tab_data.alternant_values(
        nir=FIFTEEN_NIR, last_class="01", last_diploma_prepared="25", highest_diploma="25"
    ) | {"alternant-age_derogation": "11"}
    is_valid, errors, _ = submit("alternant", dossier, values)
    assert is_valid, errors
