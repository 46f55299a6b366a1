"""The rules of each tab page, checked through the page's forms (tabs.page_forms)."""

from decimal import Decimal

import pytest

from cactus.dossiers import services, tabs
from cactus.dossiers.models import Dossier
from cactus.dossiers.tests import tab_data
from cactus.formations.models import Formation
from cactus.referentials.models import CollectiveAgreement

ADULT_NIR = "103111305504270"  # a man born in November 2003 in the Bouches-du-Rhône


def submit(key, dossier, values) -> tuple[bool, str, list]:
    forms = tabs.page_forms(key, dossier, data=values)
    is_valid = all([form.is_valid() for form in forms])
    return is_valid, " ".join(tabs.form_errors(forms)), forms


def restart(dossier, by, **base):
    services.submit_page(dossier=dossier, key="base", values=tab_data.base_values(**base), by=by)
    return Dossier.objects.get(pk=dossier.pk)


# L'employeur ---------------------------------------------------------------------------------


def test_a_private_apprenticeship_employer_needs_no_billing_information_and_keeps_none(started_dossier):
    values = tab_data.employer_values(billing=True)
    is_valid, _, forms = submit("employer", started_dossier, values)
    assert is_valid
    assert tabs.page_data(forms)["employer"]["billing_name"] == ""


@pytest.mark.parametrize(
    "case", [{"employer_type": "22"}, {"monegasque": True}], ids=["public employer", "Monegasque company"]
)
def test_billing_information_is_required_for_a_public_employer_or_a_monegasque_company(started_dossier, case):
    # Guide, "L'EMPLOYEUR": type d'employeur > 20 or entreprise monégasque → informations de facturation.
    is_valid, errors, _ = submit("employer", started_dossier, tab_data.employer_values(**case))
    assert not is_valid
    assert "Raison sociale à facturer" in errors
    assert submit("employer", started_dossier, tab_data.employer_values(billing=True, **case))[0]


def test_billing_information_is_required_for_every_professionalisation_contract(
    started_dossier, employer_contact
):
    dossier = restart(
        started_dossier, employer_contact, scheme="professionalisation", alternant_birth_date="2003-11-20"
    )
    assert not submit("employer", dossier, tab_data.employer_values())[0]
    assert submit("employer", dossier, tab_data.employer_values(billing=True))[0]


def test_a_public_administration_cannot_conclude_a_professionalisation_contract(
    started_dossier, employer_contact
):
    # R-8.2 (rules.md; cerfa-professionnalisation.md §2): only EPIC (30) among public employers.
    dossier = restart(
        started_dossier, employer_contact, scheme="professionalisation", alternant_birth_date="2003-11-20"
    )
    is_valid, errors, _ = submit(
        "employer", dossier, tab_data.employer_values(employer_type="22", billing=True)
    )
    assert not is_valid
    assert "R-8.2" in errors
    assert submit("employer", dossier, tab_data.employer_values(employer_type="30", billing=True))[0]


def test_an_idcc_no_longer_in_force_is_refused(started_dossier):
    # R-14.1 (rules.md): an obsolete convention is refused.
    CollectiveAgreement.objects.filter(idcc="1486").update(is_active=False)
    is_valid, errors, _ = submit("employer", started_dossier, tab_data.employer_values())
    assert not is_valid
    assert "IDCC" in errors or "convention" in errors


def test_a_short_idcc_is_padded_and_filled_from_the_referential(started_dossier):
    # R-14.2 (rules.md): "16" is 0016, Transports routiers, OPCO Mobilités.
    values = tab_data.employer_values() | {"employer-idcc": "16"}
    is_valid, _, forms = submit("employer", started_dossier, values)
    assert is_valid
    employer = tabs.page_data(forms)["employer"]
    assert employer["idcc"] == "0016"
    assert employer["idcc_opco"] == "OPCO Mobilités"


def test_the_phone_and_naf_are_stored_in_their_official_form(started_dossier):
    # R-13.4 (rules.md)
    is_valid, _, forms = submit("employer", started_dossier, tab_data.employer_values())
    employer = tabs.page_data(forms)["employer"]
    assert is_valid
    assert employer["phone"] == "+33491000000"
    assert employer["naf"] == "71.12B"


def test_the_second_mentor_is_all_or_nothing(started_dossier):
    values = tab_data.employer_values(mentor2=False) | {"mentor2-last_name": "Durand"}
    is_valid, errors, _ = submit("employer", started_dossier, values)
    assert not is_valid
    assert "videz tout le bloc du second maître" in errors
    is_valid, _, forms = submit("employer", started_dossier, tab_data.employer_values(mentor2=False))
    assert is_valid
    assert tabs.page_data(forms)["mentors"][2] is None


def test_a_mentor_under_18_at_the_start_is_refused(started_dossier):
    # R-1.8 (rules.md): the maître d'apprentissage is at least 18 at the contract start.
    values = tab_data.employer_values() | {"mentor2-birth_date": "2009-01-01"}
    is_valid, errors, _ = submit("employer", started_dossier, values)
    assert not is_valid
    assert "R-1.8" in errors


def test_the_employer_attests_the_mentors_eligibility(started_dossier):
    values = tab_data.employer_values()
    del values["employer-mentor_eligibility_attested"]
    assert not submit("employer", started_dossier, values)[0]


# L'alternant ---------------------------------------------------------------------------------


def test_a_nir_that_disagrees_with_the_sex_is_refused(started_dossier):
    # R-12.3 (rules.md): 1st digit 2 = woman.
    is_valid, errors, _ = submit("alternant", started_dossier, tab_data.alternant_values(sex="M"))
    assert not is_valid
    assert "R-12.3" in errors


def test_a_nir_with_a_wrong_key_is_refused(started_dossier):
    # R-12.2 (rules.md): key = 97 − (number mod 97).
    nir = tab_data.MINOR_NIR[:-2] + "03"
    is_valid, errors, _ = submit("alternant", started_dossier, tab_data.alternant_values(nir=nir))
    assert not is_valid
    assert "R-12.2" in errors


def test_a_minor_at_the_date_of_conclusion_needs_a_legal_representative(started_dossier):
    # R-1.7 (rules.md)
    is_valid, errors, forms = submit(
        "alternant", started_dossier, tab_data.alternant_values(representative=False)
    )
    assert forms[1].is_shown
    assert not is_valid
    assert "Nom de naissance du représentant légal" in errors


def test_an_emancipated_minor_needs_no_legal_representative(started_dossier):
    # R-1.7 (rules.md): "mineur non émancipé".
    values = tab_data.alternant_values(representative=False) | {"representative-is_emancipated": "on"}
    assert submit("alternant", started_dossier, values)[0]


def test_a_representative_living_elsewhere_gives_an_address(started_dossier):
    values = tab_data.alternant_values()
    del values["representative-representative_same_address"]
    is_valid, errors, _ = submit("alternant", started_dossier, values)
    assert not is_valid
    assert "saisissez son adresse" in errors


def test_minority_is_judged_at_the_date_of_conclusion_not_at_the_start(
    started_dossier, employer_contact, alternant
):
    # R-1.7 (rules.md): 18 on 15/08/2026, contract starts 01/09/2026 but is signed on 01/07/2026.
    dossier = restart(started_dossier, employer_contact, alternant_birth_date="2008-08-15")
    nir = "208081305512301"
    nir = nir[:13] + f"{97 - int(nir[:13]) % 97:02d}"
    assert not submit("alternant", dossier, tab_data.alternant_values(nir=nir))[2][1].is_shown
    services.submit_page(
        dossier=dossier, key="employer", values=tab_data.employer_values(), by=employer_contact
    )
    services.submit_page(
        dossier=dossier, key="contract", values=tab_data.contract_values(dossier), by=employer_contact
    )
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert submit("alternant", dossier, tab_data.alternant_values(nir=nir, representative=False))[2][
        1
    ].is_shown


def test_an_apprentice_of_30_needs_an_exception(started_dossier, employer_contact):
    # R-1.4 (rules.md): no upper limit with an RQTH.
    dossier = restart(started_dossier, employer_contact, alternant_birth_date="1995-06-10")
    nir = "295061305501716"
    is_valid, errors, _ = submit(
        "alternant", dossier, tab_data.alternant_values(nir=nir, representative=False)
    )
    assert not is_valid
    assert "R-1.2" in errors
    values = tab_data.alternant_values(nir=nir, representative=False, has_rqth="on")
    assert submit("alternant", dossier, values)[0]


def test_a_professionalisation_salarie_of_26_must_be_a_job_seeker(started_dossier, employer_contact):
    # cerfa-professionnalisation.md §2: 26 and over only for job seekers or minimum-income beneficiaries.
    dossier = restart(
        started_dossier, employer_contact, scheme="professionalisation", alternant_birth_date="1995-06-10"
    )
    nir = "295061305501716"
    values = tab_data.alternant_values(nir=nir, representative=False)
    assert not submit("alternant", dossier, values)[0]
    assert submit(
        "alternant",
        dossier,
        values
        | {
            "alternant-is_job_seeker": "True",
            "alternant-job_seeker_id": "1234567A",
            "alternant-job_seeker_months": "14",
        },
    )[0]


# Les données du contrat ----------------------------------------------------------------------


@pytest.fixture
def contract_dossier(started_dossier, employer_contact):
    services.submit_page(
        dossier=started_dossier, key="employer", values=tab_data.employer_values(), by=employer_contact
    )
    return Dossier.objects.get(pk=started_dossier.pk)


def test_a_rate_below_the_legal_minimum_is_refused_citing_the_rule(contract_dossier):
    # R-2.10 (rules.md): never below the minimum.
    values = tab_data.contract_values(contract_dossier, rates={"rate_1_1": "26"})
    is_valid, errors, _ = submit("contract", contract_dossier, values)
    assert not is_valid
    assert "R-2.10" in errors


def test_a_rate_above_the_legal_minimum_is_kept(contract_dossier):
    # R-2.10 (rules.md): a higher rate is kept. The formation is a licence pro: minimum 39 % (D6222-32).
    values = tab_data.contract_values(contract_dossier, rates={"rate_1_1": "45.5"})
    is_valid, _, forms = submit("contract", contract_dossier, values)
    assert is_valid
    first = tabs.page_data(forms)["remuneration_lines"][0]
    assert (first["rate"], first["minimum_rate"]) == (Decimal("45.5"), Decimal("39"))
    # 1 823,03 € (SMIC of 01/01/2026) × 45,5 % = 829,4787 → 829,48 € rounded up.
    assert first["amount"] == Decimal("829.48")


def test_the_hiring_salary_cannot_be_below_the_first_periods_minimum(contract_dossier):
    # R-2.11 (rules.md), D6222-32 (licence pro: 2nd-year rate): 39 % of 1 823,03 € = 710,99 €.
    values = tab_data.contract_values(contract_dossier) | {"remuneration-hiring_salary": "400"}
    is_valid, errors, _ = submit("contract", contract_dossier, values)
    assert not is_valid
    assert "710,99 €" in errors


def test_mayotte_uses_its_own_smic(started_dossier, employer_contact):
    # R-2.12 (rules.md), D6222-32: 39 % of 1 415,05 € (Mayotte, 01/01/2026) = 551,8695 → 551,87 €.
    values = tab_data.employer_values() | {"employer-postal_code": "97600", "employer-city": "Mamoudzou"}
    services.submit_page(dossier=started_dossier, key="employer", values=values, by=employer_contact)
    dossier = Dossier.objects.get(pk=started_dossier.pk)
    is_valid, _, forms = submit("contract", dossier, tab_data.contract_values(dossier))
    assert is_valid
    assert tabs.page_data(forms)["remuneration_lines"][0]["amount"] == Decimal("551.87")


def test_the_smc_is_the_base_from_21_when_it_is_higher(started_dossier, employer_contact):
    # R-2.3 (rules.md): 22 years old, SMC 2 000 € → licence pro (D6222-32) 61 % × 2 000 = 1 220,00 €.
    dossier = restart(started_dossier, employer_contact, alternant_birth_date="2004-01-10")
    services.submit_page(
        dossier=dossier, key="employer", values=tab_data.employer_values(), by=employer_contact
    )
    dossier = Dossier.objects.get(pk=dossier.pk)
    values = tab_data.contract_values(dossier, smc="2000") | {"remuneration-hiring_salary": "1220"}
    is_valid, errors, forms = submit("contract", dossier, values)
    assert is_valid, errors
    first = tabs.page_data(forms)["remuneration_lines"][0]
    assert (first["base"], first["amount"]) == ("SMC", Decimal("1220.00"))


def test_an_amendment_needs_the_previous_contract_number_and_its_effective_date(contract_dossier):
    # R-6.5 (rules.md), cerfa-apprentissage.md §4: types 31–37.
    values = tab_data.contract_values(contract_dossier, contract_type="36")
    is_valid, errors, _ = submit("contract", contract_dossier, values)
    assert not is_valid
    assert "numéro du contrat sur lequel il porte" in errors
    assert "R-6.5" in errors
    values |= {
        "contract-previous_contract_number": "013202607000123",
        "contract-amendment_effective_date": "2026-10-01",
    }
    assert submit("contract", contract_dossier, values)[0]


def test_the_under_16_derogation_is_refused_for_a_17_year_old(contract_dossier):
    # R-1.5 (rules.md)
    values = tab_data.contract_values(contract_dossier, derogation_type="11")
    is_valid, errors, _ = submit("contract", contract_dossier, values)
    assert not is_valid
    assert "R-1.5" in errors


def test_a_minor_works_at_most_35_hours_a_week(contract_dossier):
    # R-5.6 (rules.md)
    values = tab_data.contract_values(contract_dossier, weekly_hours="38")
    is_valid, errors, _ = submit("contract", contract_dossier, values)
    assert not is_valid
    assert "R-5.6" in errors


def test_the_contract_is_signed_before_it_starts(contract_dossier):
    # R-6.1 (rules.md)
    values = tab_data.contract_values(contract_dossier, conclusion_date="2026-09-15")
    is_valid, errors, _ = submit("contract", contract_dossier, values)
    assert not is_valid
    assert "R-6.1" in errors


def test_benefits_in_kind_are_detailed_or_cleared(contract_dossier):
    values = tab_data.contract_values(contract_dossier, has_benefits_in_kind="on")
    assert not submit("contract", contract_dossier, values)[0]
    is_valid, _, forms = submit("contract", contract_dossier, values | {"contract-benefit_food": "3.50"})
    assert is_valid
    values = tab_data.contract_values(contract_dossier, benefit_food="3.50")
    assert tabs.page_data(submit("contract", contract_dossier, values)[2])["contract"]["benefit_food"] is None


# Données de base, Vie étudiante, La mission ---------------------------------------------------


def test_a_contract_shorter_than_six_months_is_refused_on_the_base_data(dossier):
    # R-5.1 (rules.md): between 6 months and 3 years.
    is_valid, errors, _ = submit("base", dossier, tab_data.base_values(contract_end="2026-12-31"))
    assert not is_valid
    assert "R-5." in errors


def test_the_base_data_warns_about_the_age_without_blocking(dossier):
    # R-1.2 (rules.md): the exceptions are entered later, in L'alternant.
    is_valid, _, forms = submit("base", dossier, tab_data.base_values(alternant_birth_date="1990-01-01"))
    assert is_valid
    assert any("R-1.2" in warning for warning in forms[0].warnings)


def test_an_accommodation_request_says_what_is_needed(started_dossier):
    values = tab_data.student_life_values() | {"student_life-needs_accommodation": "on"}
    is_valid, errors, _ = submit("student_life", started_dossier, values)
    assert not is_valid
    assert "Décrivez l'aménagement souhaité" in errors


@pytest.mark.parametrize(
    ("mode", "empty_is_valid"),
    [(Formation.MissionMode.OPTIONAL, True), (Formation.MissionMode.REQUIRED, False)],
)
def test_the_mission_is_required_only_when_the_formation_says_so(started_dossier, mode, empty_is_valid):
    Formation.objects.filter(pk=started_dossier.formation_id).update(mission_mode=mode)
    dossier = Dossier.objects.get(pk=started_dossier.pk)
    assert submit("mission", dossier, {})[0] is empty_is_valid
