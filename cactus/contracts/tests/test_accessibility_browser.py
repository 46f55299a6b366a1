"""The pages after the signature, for each person who uses them, on the smallest phone (320 px) and a
common one (390×844): avenant, rupture, annulation, the next contract, the versions, the apprentices
without an employer. No sideways scrolling (WCAG 1.4.10), no broken ARIA reference, no serious axe-core
violation, 24 px targets, a focus ring on every control; a refused form says "Erreur" in its title."""

import pprint
import re
from datetime import date

import pytest
import time_machine
from playwright.sync_api import expect

from cactus.accounts.tests.factories import UserFactory
from cactus.contracts import services
from cactus.contracts.grounds import Initiator, Situation
from cactus.core.tests.world import make_dossier_in_state
from cactus.dossiers.models import Dossier
from cactus.dossiers.tests import a11y
from cactus.dossiers.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SIZES = {"320": a11y.SMALLEST, "390": a11y.PHONE}


@pytest.fixture
def after_signature(formation, alternant, employer_contact, cfa_advisor):
    """A contract sent to the OPCO with an avenant in progress, and another one broken (its apprentice
    a trainee of the CFA), on 20 November 2026."""
    traveller = time_machine.travel("2026-11-20 09:00 +0100", tick=True)
    traveller.start()
    cast = {"formation": formation, "employer_contact": employer_contact}
    sent = make_dossier_in_state(Dossier.Status.SENT_TO_OPCO, alternant=alternant, **cast)
    Dossier.objects.filter(pk=sent.pk).update(contract_number="075202609000123")
    amended = make_dossier_in_state(Dossier.Status.SENT_TO_OPCO, alternant=UserFactory(), **cast)
    avenant = services.create_amendment(
        dossier=amended,
        by=employer_contact,
        amendment_type="36",
        effective_on=date(2026, 12, 1),
        previous_number="075202609000124",
    )
    broken = make_dossier_in_state(Dossier.Status.SENT_TO_OPCO, alternant=UserFactory(), **cast)
    services.record_rupture(
        dossier=broken,
        by=cfa_advisor,
        ruptured_on=date(2026, 10, 15),
        initiator=Initiator.EMPLOYER,
        ground="probation",
        situation=Situation.CFA_TRAINEE,
    )
    yield {"sent": sent.pk, "amended": amended.pk, "avenant": avenant.pk, "broken": broken.pk}
    traveller.stop()


def pages_of(role: str, ids: dict) -> list[str]:
    sent, amended, broken = ids["sent"], ids["amended"], ids["broken"]
    return {
        "employer_contact": [
            f"/dossiers/{sent}/suivi/",
            f"/contrats/{sent}/avenant/",
            f"/contrats/{sent}/rupture/",
            f"/contrats/{amended}/versions/",
            f"/dossiers/{ids['avenant']}/suivi/",
            f"/dossiers/{broken}/suivi/",
        ],
        "formation_manager": [f"/contrats/{broken}/nouveau-contrat/", f"/contrats/{amended}/versions/"],
        "cfa_advisor": [
            f"/dossiers/suivi/{sent}/",
            f"/contrats/{sent}/rupture/",
            f"/contrats/{sent}/annulation/",
            f"/dossiers/suivi/{broken}/",
            f"/contrats/{broken}/nouveau-contrat/",
            "/contrats/sans-employeur/",
            f"/contrats/{amended}/versions/",
        ],
    }[role]


@pytest.mark.parametrize("role", ["employer_contact", "formation_manager", "cfa_advisor"])
def test_the_pages_after_the_signature_fit_a_phone_and_pass_axe(
    live_server, browser, after_signature, role, request
):
    # One login per role; each page loaded once and checked at both sizes.
    page = browser.new_context(viewport=a11y.SMALLEST).new_page()
    log_in(page, live_server.url, request.getfixturevalue(role).email)

    found = a11y.check_pages(page, live_server.url, pages_of(role, after_signature), list(SIZES.values()))

    assert not found, pprint.pformat(found, width=110)


def test_a_refused_avenant_says_erreur_in_its_title_and_stays_readable(
    live_server, browser, after_signature, employer_contact
):
    page = browser.new_context(viewport=a11y.SMALLEST).new_page()
    log_in(page, live_server.url, employer_contact.email)
    page.goto(f"{live_server.url}/contrats/{after_signature['sent']}/avenant/")
    page.get_by_role("button", name="Créer un avenant").click()

    expect(page).to_have_title(re.compile("^Erreur – "))
    assert a11y.problems_of(page) == {}
