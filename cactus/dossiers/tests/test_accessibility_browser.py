"""Every page of the guide's journey, for every role, on a phone (390×844) in chromium: no horizontal
scrolling (WCAG 1.4.10, RGAA 10.11), no broken ARIA reference, no serious axe-core violation."""

import pprint
import re

import pytest
from playwright.sync_api import expect

from cactus.accounts.services import create_invitation
from cactus.accounts.tests.factories import UserFactory
from cactus.dossiers.models import Dossier
from cactus.dossiers.tests import a11y
from cactus.dossiers.tests.browser import log_in
from cactus.dossiers.tests.factories import DossierFactory, complete_dossier
from cactus.dossiers.tests.states import dossier_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Status = Dossier.Status
TABS = ["base", "employer", "alternant", "student_life", "contract", "mission", "suivi"]


@pytest.fixture
def journey(formation, alternant, employer_contact):
    """A dossier at each step a person sees: started, complete, asked for validation, validated with documents."""
    cast = {"formation": formation, "alternant": alternant, "employer_contact": employer_contact}
    complete = complete_dossier(**cast)
    return {
        "started": DossierFactory(with_base_data=True, **cast),
        "complete": complete,
        "requested": dossier_in(Status.VALIDATION_REQUESTED, **cast),
        "validated": dossier_in(Status.VALIDATED, **cast),
        "returned": dossier_in(Status.DOCUMENTS_RETURNED, **cast),
    }


def pages_of(role: str, journey: dict) -> list[str]:
    complete, validated = journey["complete"].pk, journey["validated"].pk
    tabs = [f"/dossiers/{complete}/{tab}/" for tab in TABS]
    return {
        "alternant": ["/dossiers/", *tabs, f"/dossiers/{validated}/suivi/", "/compte/rgpd/", "/mentions-legales/"],
        "employer_contact": [
            "/dossiers/",
            *tabs,
            f"/dossiers/{complete}/demande-de-validation/",
            f"/dossiers/{validated}/suivi/",
            f"/dossiers/{journey['started'].pk}/base/",
        ],
        "formation_manager": [
            "/dossiers/",
            "/dossiers/inscrire/",
            "/dossiers/suivi/",
            f"/dossiers/suivi/{journey['requested'].pk}/",
            f"/dossiers/{complete}/base/",
            f"/dossiers/{complete}/suivi/",
        ],
        "cfa_advisor": [
            "/dossiers/suivi/",
            f"/dossiers/suivi/{validated}/",
            f"/dossiers/suivi/{journey['returned'].pk}/",
            f"/dossiers/{complete}/contract/",
        ],
        "cfa_admin": [
            "/dossiers/",
            "/formations/",
            "/formations/nouvelle/",
            f"/formations/{journey['complete'].formation_id}/",
            "/documents/modele-convention/",
            "/compte/double-authentification/activer/",
        ],
    }[role]


def check_pages(page, base: str, paths: list[str]) -> dict:
    found = {}
    for path in paths:
        page.goto(base + path)
        problems = a11y.problems_of(page)
        if problems:
            found[path] = problems
    return found


@pytest.mark.parametrize("role", ["alternant", "employer_contact", "formation_manager", "cfa_advisor", "cfa_admin"])
def test_every_page_of_the_journey_fits_a_phone_and_passes_axe(live_server, browser, journey, role, request):
    user = request.getfixturevalue(role)
    page = browser.new_context(viewport=a11y.PHONE).new_page()
    log_in(page, live_server.url, user.email)

    found = check_pages(page, live_server.url, pages_of(role, journey))
    assert not found, pprint.pformat(found, width=110)
