from datetime import date
from decimal import Decimal

import pytest

from cactus.contracts import services
from cactus.contracts.grounds import Initiator, Situation
from cactus.dossiers import back_office
from cactus.dossiers import services as dossier_services
from cactus.dossiers.contract_forms import legal_lines
from cactus.dossiers.exceptions import DossierError
from cactus.dossiers.models import Contract, Dossier, RemunerationLine
from cactus.dossiers.tests import tab_data
from cactus.formations.tests.factories import FormationFactory

pytestmark = pytest.mark.django_db


def break_contract(dossier, by, **overrides):
    values = {
        "ruptured_on": date(2026, 10, 15),
        "initiator": Initiator.EMPLOYER,
        "ground": "probation",
        "situation": Situation.CFA_TRAINEE,
    } | overrides
    return services.record_rupture(dossier=dossier, by=by, **values)


def test_after_a_rupture_the_next_contract_carries_the_alternant_and_the_formation_over(
    sent_dossier, cfa_advisor
):
    break_contract(sent_dossier, cfa_advisor)

    created = services.create_next_contract(
        dossier=sent_dossier, by=cfa_advisor, employer_contact_email="rh@autre-employeur.test"
    )

    assert (created.version_kind, created.previous_version, created.formation) == (
        "next_contract",
        sent_dossier,
        sent_dossier.formation,
    )
    assert created.alternant == sent_dossier.alternant
    assert created.employer_contact.email == "rh@autre-employeur.test"
    assert created.alternant_last_name == sent_dossier.alternant_last_name
    assert created.siret == "" and created.contract_start is None  # the new employer enters them
    # cerfa §8.5: situation 8, at the CFA without a contract after a rupture (L6231-2 5°).
    assert created.alternant_details.prior_situation == "8"
    previous = created.carried_over
    assert (previous["employer"], previous["end"], previous["year_reached"]) == (
        sent_dossier.employer.name,
        "2026-10-15",
        1,
    )
    fields = previous["contract_fields"]
    # cerfa §8.3: 23, previous contract broken; D6222-28-1: the same cycle goes on from its year.
    assert fields["contract_type"] == "23"
    assert fields["first_cycle_year"] == sent_dossier.contract.first_cycle_year
    assert fields["previous_contract_number"] == "075202609000123"
    # The apprentice has an employer again: the "sans employeur" queue drops them.
    counts = {
        key: n for key, _, n in back_office.queue_counts(Dossier.objects.all(), date(2026, 12, 1), scope="n1")
    }
    assert counts["without_employer"] == 0


def test_a_next_contract_after_the_diploma_with_another_employer_is_paid_at_least_the_last_years_minimum(
    sent_dossier, cfa_advisor
):
    # D6222-29 al. 2: new contract with another employer, the previous one led to the diploma
    # (rupture L6222-19): at least the minimum of the previous contract's last year.
    Contract.objects.filter(dossier=sent_dossier).update(first_cycle_year=2)
    RemunerationLine.objects.filter(dossier=sent_dossier).update(year=2, rate=Decimal("51.00"))
    break_contract(
        sent_dossier,
        cfa_advisor,
        ruptured_on=date(2027, 7, 1),
        ground="diploma",
        initiator=Initiator.APPRENTICE,
        situation=Situation.NEW_EMPLOYER,  # no six months at the CFA after the diploma (L6222-18-2)
    )
    higher = FormationFactory(
        title="Licence professionnelle", start_date=date(2027, 9, 6), end_date=date(2028, 8, 31)
    )

    created = services.create_next_contract(dossier=sent_dossier, by=cfa_advisor, formation=higher)
    fields = created.carried_over["contract_fields"]
    assert (fields["contract_type"], fields["previous_contract_outcome"]) == ("22", "diploma")
    assert (fields["previous_contract_last_year"], fields["first_cycle_year"]) == (2, 1)
    dossier_services.submit_page(
        dossier=created,
        key="base",
        values=tab_data.base_values(
            contract_start="2027-09-06", contract_end="2028-08-31", siret="35600000000048"
        ),
        by=cfa_advisor,
    )
    created.refresh_from_db()

    lines = legal_lines(created, smc=None)
    # Without the previous contract: 1st year at 18 → 43 % (D6222-26); with it: 51 %.
    assert lines[0].legal.rate == Decimal("51")


def test_one_next_contract_per_contract_and_only_once_it_ended(
    dossier, sent_dossier, cfa_advisor, employer_contact
):
    with pytest.raises(DossierError):
        services.create_next_contract(dossier=dossier, by=cfa_advisor)
    break_contract(sent_dossier, cfa_advisor)
    services.create_next_contract(dossier=sent_dossier, by=cfa_advisor)
    with pytest.raises(DossierError, match="existe déjà"):
        services.create_next_contract(dossier=sent_dossier, by=cfa_advisor)


def test_the_contact_alternance_may_not_create_the_next_contract(
    client, sent_dossier, cfa_advisor, employer_contact
):
    break_contract(sent_dossier, cfa_advisor)
    client.force_login(employer_contact)
    assert client.post(f"/contrats/{sent_dossier.pk}/nouveau-contrat/", {}).status_code == 403
    client.force_login(cfa_advisor)
    response = client.post(
        f"/contrats/{sent_dossier.pk}/nouveau-contrat/",
        {"formation": sent_dossier.formation_id, "employer_contact_email": "rh@autre.test"},
    )
    assert response.status_code == 302
    assert Dossier.objects.filter(previous_version=sent_dossier, version_kind="next_contract").count() == 1
