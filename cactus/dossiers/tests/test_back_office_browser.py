"""The advisor's work list in chromium, on a laptop (1366×768) and a phone (390×844): she lands on
it after logging in, sorts it by a column, reads the OPCO deadline with the days left, and the page
passes axe-core (0 serious or critical) with no horizontal scrolling."""

import pprint
import re
from datetime import date
from pathlib import Path

import pytest
import time_machine
from playwright.sync_api import expect

from cactus.dossiers.models import Dossier
from cactus.dossiers.tests import a11y
from cactus.dossiers.tests.browser import log_in
from cactus.dossiers.tests.states import dossier_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Status = Dossier.Status
VIEWPORTS = {"laptop": a11y.DESKTOP, "phone": a11y.PHONE, "smallest phone": a11y.SMALLEST}


@pytest.fixture
def september():
    # Thursday 3 September 2026: contracts started on 1 September are due Monday 7.
    traveller = time_machine.travel("2026-09-03 09:00 +0200", tick=True)
    traveller.start()
    yield
    traveller.stop()


@pytest.fixture
def worklist(september, formation):
    return {
        name: dossier_in(
            Status.VALIDATION_REQUESTED, formation=formation, alternant_last_name=name, contract_start=start
        )
        for name, start in [
            ("Bernard", date(2026, 9, 14)),
            ("Albert", date(2026, 9, 1)),
            ("Charles", date(2026, 8, 24)),
        ]
    }


def expect_rows(page, names: list[str]) -> None:
    """Waits for the list to show these alternants in this order: a click on a queue or a sort link
    loads a new page, and the rows must be read from that one, not from the page it replaces."""
    expect(page.locator("table.worklist tbody td.name")).to_have_text(names, use_inner_text=True)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_advisor_lands_on_her_queues_sorts_them_and_reads_the_deadlines(
    live_server, browser, cfa_advisor, worklist, viewport
):
    page = browser.new_context(viewport=VIEWPORTS[viewport]).new_page()

    log_in(page, live_server.url, cfa_advisor.email)

    expect(page).to_have_url(re.compile(r"/dossiers/suivi/$"))
    expect(page.get_by_role("heading", name="Suivi des dossiers")).to_be_visible()
    queue = page.get_by_role("link", name=re.compile("^À valider par la formation"))
    expect(queue.locator(".count")).to_have_text("3")
    queue.click()
    # The queue's most urgent first: Charles started 24 August, due 29 August, 4 jours ouvrables late.
    expect_rows(page, ["CHARLES Marie", "ALBERT Marie", "BERNARD Marie"])
    first = page.locator("table.worklist tbody tr").first
    expect(first.locator("td.deadline")).to_contain_text("29/08/2026")
    expect(first.locator(".days-left.late")).to_have_text("J+4")
    expect(first.locator("td.deadline .visually-hidden")).to_have_text("(dépassée de 4 jours ouvrables)")
    expect(page.locator("table.worklist tbody tr").nth(1).locator(".days-left")).to_have_text("J-3")
    assert not a11y.problems_of(page), pprint.pformat(a11y.problems_of(page))

    header = page.locator("table.worklist thead th", has_text="Alternant")
    if viewport == "laptop":  # the column headers are links
        header.get_by_role("link").click()
    else:  # on a phone the headers are hidden: the list "Trier par" does it
        page.get_by_label("Trier par").select_option("alternant")
        page.get_by_role("button", name="Filtrer").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    expect_rows(page, ["ALBERT Marie", "BERNARD Marie", "CHARLES Marie"])
    if viewport == "laptop":
        header.get_by_role("link").click()
    else:
        page.get_by_label("Trier par").select_option("-alternant")
        page.get_by_role("button", name="Filtrer").click()
    expect(header).to_have_attribute("aria-sort", "descending")
    expect_rows(page, ["CHARLES Marie", "BERNARD Marie", "ALBERT Marie"])
    assert not a11y.problems_of(page), pprint.pformat(a11y.problems_of(page))


def test_on_a_laptop_each_dossier_holds_on_one_line(live_server, browser, cfa_advisor, worklist):
    page = browser.new_context(viewport=a11y.DESKTOP).new_page()
    log_in(page, live_server.url, cfa_advisor.email)

    heights = page.locator("table.worklist tbody tr").evaluate_all(
        "rows => rows.map(row => row.getBoundingClientRect().height)"
    )
    line = page.locator("table.worklist tbody td.name").first.evaluate(
        "cell => parseFloat(getComputedStyle(cell).lineHeight)"
    )

    assert len(heights) == 3 and all(height < 2 * line for height in heights), (heights, line)
    assert a11y.overflow(page) is None


def test_on_a_phone_each_dossier_is_a_card_with_its_labels(live_server, browser, cfa_advisor, worklist):
    page = browser.new_context(viewport=a11y.PHONE).new_page()
    log_in(page, live_server.url, cfa_advisor.email)

    card = page.locator("table.worklist tbody tr").first
    label = card.locator("td.deadline").evaluate("cell => getComputedStyle(cell, '::before').content")

    assert card.evaluate("row => getComputedStyle(row).display") == "block"
    assert label == '"Échéance OPCO : "'
    assert a11y.overflow(page) is None


def test_the_ticked_dossiers_are_exported_alone(live_server, browser, cfa_advisor, worklist):
    page = browser.new_context(viewport=a11y.DESKTOP).new_page()
    log_in(page, live_server.url, cfa_advisor.email)

    page.get_by_label("Sélectionner le dossier de ALBERT Marie").check()
    page.get_by_label("Sélectionner le dossier de CHARLES Marie").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Exporter la sélection en CSV").click()

    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Albert" in text and "Charles" in text and "Bernard" not in text
