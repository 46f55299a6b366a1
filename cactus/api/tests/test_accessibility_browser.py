"""The "Accès API" pages of the CFA administrator at 320 px and 390×844: the list of tokens and webhooks,
a new token (and the page that shows it once), a refused token ("Erreur" in the title), a new webhook and
its deliveries. No sideways scrolling (WCAG 1.4.10), tables as cards, no broken ARIA reference, no
serious axe-core violation, 24 px targets, a focus ring on every control."""

import pprint
import re

import pytest
from playwright.sync_api import expect

from cactus.api import services
from cactus.dossiers.tests import a11y
from cactus.dossiers.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# Each page loaded once and checked at both sizes; the forms are used at 320 px, the last one.
SIZES = [{"width": 390, "height": 844}, {"width": 320, "height": 844}]


def test_the_api_access_pages_fit_a_phone_and_pass_axe(live_server, browser, cfa_admin, formation):
    services.create_token(name="Yparéo", by=cfa_admin)
    services.create_token(name="Région Sud", formations=[formation], all_formations=False, by=cfa_admin)
    endpoint = services.create_webhook_endpoint(
        name="Logiciel de gestion du CFA", url="https://erp.cfa.test/cactus/evenements", by=cfa_admin
    )
    page = browser.new_context(viewport=SIZES[0]).new_page()
    log_in(page, live_server.url, cfa_admin.email)

    found = a11y.check_pages(
        page,
        live_server.url,
        [
            "/acces-api/",
            "/acces-api/jetons/nouveau/",
            "/acces-api/webhooks/nouveau/",
            f"/acces-api/webhooks/{endpoint.pk}/",
        ],
        SIZES,
    )
    page.goto(live_server.url + "/acces-api/jetons/nouveau/")
    page.get_by_role("button", name=re.compile("^(Créer|Valider)")).click()
    expect(page).to_have_title(re.compile("^Erreur – "))
    found |= {f"jeton refusé {size}": problems for size, problems in a11y.problems_at(page, SIZES).items()}
    page.locator('[name="name"]').fill("Ypareo 2")
    page.locator('[name="scope"][value="all"]').check()
    page.get_by_role("button", name=re.compile("^(Créer|Valider)")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jeton")
    found |= {f"jeton créé {size}": problems for size, problems in a11y.problems_at(page, SIZES).items()}

    assert not found, pprint.pformat(found, width=110)
