"""The demo's step of the life after the signature: the pay floor of D6222-29 on a next contract."""

import html
import io
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from cactus.contracts import demo
from cactus.contracts.models import Rupture
from cactus.dossiers.contract_forms import legal_lines
from cactus.dossiers.models import Dossier

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(cfa_admin, cfa_advisor, formation_manager, employer_contact):
    return {
        "admin": cfa_admin,
        "advisor": cfa_advisor,
        "manager": formation_manager,
        "contact": employer_contact,
    }


@time_machine.travel("2026-12-07 10:00 +0100", tick=False)
def test_the_demo_next_contract_after_the_diploma_is_proposed_at_the_floor_of_d6222_29(people, client):
    following = demo.load_diploma_then_next_contract(people, io.StringIO())

    previous = following.previous_version
    assert (previous.status, previous.formation.title) == (Dossier.Status.RUPTURED, demo.BTS_TITLE)
    # L6222-19: the apprentice ends the contract once the diploma is obtained (after the exams).
    rupture = Rupture.objects.get(dossier=previous)
    assert (rupture.ground, rupture.ruptured_on > previous.formation.end_date) == ("diploma", True)
    assert rupture.trainee_until is None
    fields = following.carried_over["contract_fields"]
    # cerfa §8.3 type 22 (another employer); the BTS reached its 2nd year, ended by the diploma.
    assert (fields["contract_type"], fields["previous_contract_outcome"]) == ("22", "diploma")
    assert (fields["previous_contract_last_year"], fields["first_cycle_year"]) == (2, 1)
    assert following.formation.title == demo.LICENCE_TITLE
    assert following.employer_contact.email == demo.FLOOR_CONTACT

    # D6222-26: 21 years old (born 1 June 2005), 1st year of the licence: 53 % of the SMIC.
    grid = legal_lines(following, smc=None, pay_case={"first_year": 1})
    assert {line.legal.rate for line in grid} == {Decimal("53")}
    # D6222-29 2nd paragraph: another employer pays at least the minimum of the previous contract's
    # last year (2nd year at 21: 61 %). Les données du contrat proposes it from the first proposal.
    proposed = legal_lines(following, smc=None)
    assert {line.legal.rate for line in proposed} == {Decimal("61")}

    client.force_login(people["advisor"])
    page = html.unescape(
        client.get(reverse("dossiers:tab", kwargs={"pk": following.pk, "tab": "suivi"})).content.decode()
    )
    assert "tient compte du contrat précédent (D6222-29, D6222-28-1)" in page


@time_machine.travel("2026-12-07 10:00 +0100", tick=False)
def test_the_demo_step_adds_nothing_the_second_time(people):
    demo.load_demo(people, io.StringIO())
    counts = Dossier.objects.count(), Rupture.objects.count()

    demo.load_demo(people, io.StringIO())

    assert (Dossier.objects.count(), Rupture.objects.count()) == counts == (2, 1)
