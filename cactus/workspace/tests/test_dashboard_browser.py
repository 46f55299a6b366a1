"""The dashboard in chromium, on a laptop (1366×768) and a phone (390×844): every chart shows as an
image, its table opens for anyone (screen readers included), the filter works, and the page passes
axe-core (0 serious or critical) with no horizontal scrolling and no script."""

import pprint
import re
from datetime import date

import pytest
import time_machine
from playwright.sync_api import expect

from cactus.dossiers.models import Dossier
from cactus.dossiers.tests import a11y
from cactus.dossiers.tests.browser import log_in
from cactus.dossiers.tests.factories import EmployerFactory
from cactus.dossiers.tests.states import dossier_in
from cactus.formations.tests.factories import FormationFactory
from cactus.workspace import selectors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Status = Dossier.Status
VIEWPORTS = {"laptop": a11y.DESKTOP, "phone": a11y.PHONE, "smallest phone": a11y.SMALLEST}


@pytest.fixture
def autumn(formation):
    traveller = time_machine.travel("2026-10-15 09:00 +0200", tick=True)
    traveller.start()
    for state in (Status.DRAFT, Status.VALIDATED, Status.SENT_TO_OPCO):
        dossier_in(state, formation=formation, contract_start=date(2026, 9, 1))
    other = FormationFactory(title="Licence Logistique")
    dossier_in(Status.VALIDATION_REQUESTED, formation=other)
    EmployerFactory(idcc_opco="OPCO EP", dossier=dossier_in(Status.VALIDATED, formation=other))
    yield {"formation": formation, "other": other}
    traveller.stop()


@pytest.fixture
def new_page(browser):
    """A page in a fresh context, closed at the end (no chart still loading once the database is gone)."""
    contexts = []

    def make(viewport):
        contexts.append(browser.new_context(viewport=viewport))
        return contexts[-1].new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_each_chart_shows_with_its_table_and_the_page_passes_axe(
    live_server, browser, cfa_advisor, autumn, viewport
):
    page = browser.new_context(viewport=VIEWPORTS[viewport]).new_page()
    log_in(page, live_server.url, cfa_advisor.email)

    page.get_by_role("link", name="Tableau de bord").first.click()

    expect(page.get_by_role("heading", name="Tableau de bord", level=1)).to_be_visible()
    images = page.locator(".chart img")
    expect(images).to_have_count(len(selectors.CHARTS))
    for index in range(len(selectors.CHARTS)):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        expect(image).to_have_attribute("alt", re.compile("les chiffres sont dans le tableau"))
        page.wait_for_function("img => img.complete", arg=image.element_handle())
        assert image.evaluate("img => img.naturalWidth > 0"), image.get_attribute("src")
    section = page.locator("#graphique-etats")
    table = section.get_by_role("table", name="Dossiers par état et par formation")
    expect(table).to_be_hidden()
    section.get_by_text("Tableau des données").click()
    expect(table).to_be_visible()
    row = table.get_by_role("row", name=re.compile(autumn["formation"].title))
    expect(row).to_contain_text("1")
    assert page.locator("script").count() == 0
    assert not a11y.problems_of(page), pprint.pformat(a11y.problems_of(page))


def test_the_filter_by_formation_narrows_the_charts_and_their_tables(
    live_server, browser, cfa_advisor, autumn
):
    page = browser.new_context(viewport=a11y.DESKTOP).new_page()
    log_in(page, live_server.url, cfa_advisor.email)
    page.goto(f"{live_server.url}/tableau-de-bord/")

    # Typed, not picked among every formation (4,000 at 10^6 dossiers): a part of its title will do.
    page.get_by_label("Formation", exact=True).fill("logistique")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url(re.compile(r"[?&]formation=logistique"))  # the filtered page, not the one it replaces
    page.wait_for_load_state("networkidle")

    section = page.locator("#graphique-opco")
    section.get_by_text("Tableau des données").click()
    rows = section.get_by_role("table").locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(section.get_by_role("row", name=re.compile("OPCO EP"))).to_contain_text("1")
    expect(page.locator("#graphique-opco img")).to_have_attribute(
        "src", re.compile(r"opco\.svg\?.*formation=")
    )
    with page.expect_download() as download:
        section.get_by_role("link", name=re.compile("Télécharger les données")).click()
    assert download.value.suggested_filename == "tableau-de-bord-opco.csv"
