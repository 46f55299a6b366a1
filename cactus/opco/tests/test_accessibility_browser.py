"""The OPCO panel of Suivi - Info (an engaged contract with its timeline and échéancier, a rejected deposit
with its errors) and the OPCO queues of the back office, for the contact alternance, the alternant and
the conseillère, at 320 px and 390×844: no sideways scrolling (WCAG 1.4.10), tables as cards, no broken
ARIA reference, no serious axe-core violation, 24 px targets, a focus ring on every control."""

import pprint

import pytest
from django.core.management import call_command

from cactus.accounts.tests.factories import UserFactory
from cactus.core.tests.world import make_dossier_in_state
from cactus.dossiers import transitions
from cactus.dossiers.models import Dossier
from cactus.dossiers.tests import a11y
from cactus.dossiers.tests.browser import log_in
from cactus.opco.models import Deposit
from cactus.opco.tests.conftest import pdf, validate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SIZES = {"320": a11y.SMALLEST, "390": a11y.PHONE}


@pytest.fixture
def deposits(
    connection,
    sandbox,
    returned_dossier,
    formation,
    employer_contact,
    cfa_advisor,
    django_capture_on_commit_callbacks,
):
    """One deposit the OPCO rejected (no RNCP code), one it engaged (DECA number, échéancier)."""
    rncp = formation.rncp
    formation.rncp = ""
    formation.save()
    rejected = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)
    formation.rncp = rncp
    formation.save()
    other = make_dossier_in_state(
        Dossier.Status.VALIDATED,
        formation=formation,
        alternant=UserFactory(),
        employer_contact=employer_contact,
    )
    files = {"signed_cerfa": pdf("CERFA signé"), "signed_convention": pdf("Convention signée")}
    other = transitions.return_signed_documents(dossier=other, files=files, by=employer_contact)
    engaged = validate(other, cfa_advisor, django_capture_on_commit_callbacks)
    sandbox.state.decide(Deposit.objects.get(dossier=engaged).opco_number, "ENGAGE")
    call_command("opco_poll")
    assert Deposit.objects.get(dossier=engaged).deca_number
    return {"rejected": rejected.pk, "engaged": engaged.pk}


def pages_of(role: str, ids: dict) -> list[str]:
    rejected, engaged = ids["rejected"], ids["engaged"]
    return {
        "employer_contact": [f"/dossiers/{engaged}/suivi/", f"/dossiers/{rejected}/suivi/"],
        "alternant": [f"/dossiers/{rejected}/suivi/"],
        "cfa_advisor": [
            f"/dossiers/suivi/{engaged}/",
            f"/dossiers/suivi/{rejected}/",
            f"/dossiers/{engaged}/suivi/",
            "/dossiers/suivi/?queue=opco_rejected",
            "/dossiers/suivi/?queue=opco_silent",
        ],
    }[role]


@pytest.mark.parametrize("role", ["employer_contact", "alternant", "cfa_advisor"])
def test_the_opco_panel_and_queues_fit_a_phone_and_pass_axe(live_server, browser, deposits, role, request):
    # One login per role; each page loaded once and checked at both sizes.
    page = browser.new_context(viewport=a11y.SMALLEST).new_page()
    log_in(page, live_server.url, request.getfixturevalue(role).email)

    found = a11y.check_pages(page, live_server.url, pages_of(role, deposits), list(SIZES.values()))

    assert not found, pprint.pformat(found, width=110)
