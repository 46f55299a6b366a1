"""Independent pay cases through Les données du contrat, written from the Code du travail (texts read
on 7 December 2026), not from the engine. SMIC of 01/06/2026: 1 867,02 €; a minimum is rounded up to
the cent. Each test cites its article."""

from datetime import date
from decimal import Decimal

import pytest

from cactus.dossiers import export, services, tabs
from cactus.dossiers.models import AlternantDetails, Dossier
from cactus.dossiers.tests import tab_data
from cactus.dossiers.tests.test_tab_forms import restart, submit
from cactus.formations.models import Formation

pytestmark = pytest.mark.django_db

# 1 07 01 13 055 042 + key 05: a man born in January 2007 in the Bouches-du-Rhône.
NIR_OF_2007 = "107011305504205"


@pytest.fixture
def bts_of_19(started_dossier, employer_contact):
    """A BTS (D6222-26's grid as such) from 01/09/2026 to 31/08/2027 for an alternant born on 20/01/2007
    (19 at the start, 20 during the contract: the 18–20 band throughout)."""
    Formation.objects.filter(pk=started_dossier.formation_id).update(
        diploma_code="32031309", start_date=date(2026, 9, 1)
    )
    started_dossier.formation.refresh_from_db()
    dossier = restart(started_dossier, employer_contact, alternant_birth_date="2007-01-20")
    services.submit_page(
        dossier=dossier, key="employer", values=tab_data.employer_values(), by=employer_contact
    )
    return Dossier.objects.get(pk=dossier.pk)


def minima(forms) -> list[tuple]:
    return [(line["year"], line["minimum_rate"]) for line in tabs.page_data(forms)["remuneration_lines"]]


def test_a_first_year_at_19_is_proposed_43_percent_and_refused_below_it(bts_of_19):
    # D6222-26 2°: 18 to 20, 1st year, 43 % of the SMIC (802,82 €); 42 % is below the legal minimum.
    _, remuneration = tabs.page_forms("contract", bts_of_19)
    assert remuneration.fields["hiring_salary"].initial == Decimal("802.82")
    values = tab_data.contract_values(bts_of_19)
    assert submit("contract", bts_of_19, values)[0]
    rate_field = next(name for name in values if name.startswith("remuneration-rate_"))
    is_valid, errors, _ = submit("contract", bts_of_19, values | {rate_field: "42"})
    assert not is_valid
    assert "43" in errors


def test_a_direct_entry_in_the_second_year_is_paid_as_a_second_year(bts_of_19):
    # D6222-28-1: a contract shorter than the cycle → paid as if the years before it had been done in
    # apprenticeship: the 2nd year of a BTS at 19 is 51 % (952,19 €), not 43 %. The formation is the
    # 2-year cycle that began on 01/09/2025; this alternant joins its 2nd year on 01/09/2026.
    Formation.objects.filter(pk=bts_of_19.formation_id).update(start_date=date(2025, 9, 1))
    bts_of_19.formation.refresh_from_db()
    values = {
        key: value
        for key, value in tab_data.contract_values(bts_of_19).items()
        if not key.startswith("remuneration-")
    } | {"contract-first_cycle_year": "2", "remuneration-hiring_salary": "952.19"}
    is_valid, errors, _ = submit("contract", bts_of_19, values | {"remuneration-rate_2_1": "43"})
    assert not is_valid, "43 % is below the 2nd-year minimum"
    is_valid, errors, forms = submit("contract", bts_of_19, values | {"remuneration-rate_2_1": "51"})
    assert is_valid, errors
    assert minima(forms) == [(2, 51)]


def test_a_new_contract_after_an_exam_failure_is_paid_as_the_last_year_of_the_first(bts_of_19):
    # L6222-11 2° (after a failure, a new contract with another employer, one year at most) and
    # D6222-28: the minimum of the last year of the previous contract — its 2nd year at 19, 51 %
    # (the grid shows it as a 2nd year).
    values = {
        key: value
        for key, value in tab_data.contract_values(bts_of_19, contract_type="22").items()
        if not key.startswith("remuneration-")
    } | {
        "contract-previous_contract_end": "2026-08-31",
        "contract-previous_contract_last_year": "2",
        "contract-previous_contract_outcome": "failure",
        "remuneration-hiring_salary": "952.19",
    }
    is_valid, errors, _ = submit("contract", bts_of_19, values | {"remuneration-rate_2_1": "43"})
    assert not is_valid, "43 % is below the last year's 51 %"
    is_valid, errors, forms = submit("contract", bts_of_19, values | {"remuneration-rate_2_1": "51"})
    assert is_valid, errors
    assert minima(forms) == [(2, 51)]


def test_a_new_contract_with_another_employer_after_the_diploma_keeps_the_last_years_minimum(bts_of_19):
    # D6222-29 2nd paragraph: a bac pro finished on 31/08/2026 in its 3rd year at 19 → at least 67 %
    # (D6222-26 2°), though the 1st year of the new cycle is 43 %.
    values = tab_data.contract_values(bts_of_19, contract_type="22") | {
        "contract-previous_contract_end": "2026-08-31",
        "contract-previous_contract_last_year": "3",
        "contract-previous_contract_outcome": "diploma",
        "remuneration-hiring_salary": "1900",
    }
    values = {key: ("67" if key.startswith("remuneration-rate_") else value) for key, value in values.items()}
    is_valid, errors, forms = submit("contract", bts_of_19, values)
    assert is_valid, errors
    assert minima(forms) == [(1, 67)]


@pytest.mark.parametrize(
    ("highest_diploma", "expected"),
    [("42", 55), ("43", 55), ("41", 65), ("44", 65), ("54", 65), ("63", 65)],
    ids=[
        "bac général",
        "bac techno",
        "bac pro",
        "diplôme de spécialisation professionnelle",
        "BTS",
        "licence",
    ],
)
def test_the_contrat_pro_majoration_follows_the_highest_diploma(
    started_dossier, employer_contact, highest_diploma, expected
):
    # D6325-15: 55 % under 21, "majorées de dix points" with "une qualification au moins égale au
    # baccalauréat professionnel ou […] un titre ou diplôme à finalité professionnelle de même niveau":
    # the bac pro and the diplôme de spécialisation professionnelle (level 4, professional; code 44 of
    # notice 51649#09) count, a general or technological bac does not; a higher diploma is a
    # qualification above the bac pro.
    dossier = restart(
        started_dossier, employer_contact, scheme="professionalisation", alternant_birth_date="2007-01-20"
    )
    services.submit_page(
        dossier=dossier, key="employer", values=tab_data.employer_values(billing=True), by=employer_contact
    )
    services.submit_page(
        dossier=Dossier.objects.get(pk=dossier.pk),
        key="alternant",
        values=tab_data.alternant_values(
            representative=False,
            nir=NIR_OF_2007,
            sex="M",
            highest_diploma=highest_diploma,
            last_diploma_prepared=highest_diploma,
        ),
        by=dossier.alternant,
    )
    dossier = Dossier.objects.get(pk=dossier.pk)
    is_valid, errors, forms = submit("contract", dossier, tab_data.contract_values(dossier))
    assert is_valid, errors
    assert tabs.page_data(forms)["remuneration_lines"][0]["minimum_rate"] == expected


def test_a_diploma_code_of_the_12_table_is_printed_and_shown_as_its_14_code(bts_of_19, employer_contact):
    # Notice 51649#09 (10103*14): 74 « ingénieur, école de commerce » is no longer a code; a dossier
    # entered before keeps it stored, the CERFA data and the form show 79 (bac+5, « autre »).
    services.submit_page(
        dossier=bts_of_19,
        key="alternant",
        values=tab_data.alternant_values(representative=False, nir=NIR_OF_2007, sex="M"),
        by=bts_of_19.alternant,
    )
    AlternantDetails.objects.filter(dossier=bts_of_19).update(
        highest_diploma="74", last_diploma_prepared="71"
    )
    dossier = Dossier.objects.get(pk=bts_of_19.pk)
    data = export.dossier_data(dossier)
    assert (data["apprenti_plus_haut_diplome"], data["apprenti_dernier_diplome_prepare"]) == ("79", "73")
    form = tabs.page_forms("alternant", dossier)[0]
    assert (form.initial["highest_diploma"], form.initial["last_diploma_prepared"]) == ("79", "73")
