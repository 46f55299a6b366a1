"""What the browser tests share: logging in, filling and validating tab pages."""

import re

from playwright.sync_api import expect

from cactus.accounts.tests.factories import PASSWORD
from cactus.dossiers.tests import tab_data


def log_in(page, base_url: str, email: str, password: str = PASSWORD) -> None:
    page.context.clear_cookies()
    page.goto(f"{base_url}/compte/connexion/")
    page.get_by_label("Courriel").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Valider").click()
    # Wait for the page the login leads to, stylesheet included: a test reading computed styles or
    # a locator on the next page must not race the navigation (a loaded machine lost that race).
    page.wait_for_url(lambda url: "/compte/connexion/" not in url)
    page.wait_for_load_state("load")


def log_out(page) -> None:
    """Press "Se déconnecter" and wait for the login page it leads to: a goto issued before that
    would cancel the logout and go on as the person still logged in."""
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url(lambda url: "/compte/connexion/" in url)


def open_tab(page, base_url: str, dossier, tab: str) -> None:
    page.goto(f"{base_url}/dossiers/{dossier.pk}/{tab}/")


def fill(page, values: dict) -> None:
    """Fill a page as a person would: type in boxes, choose in lists, tick boxes and radio buttons."""
    for name, value in values.items():
        field = page.locator(f'[name="{name}"]')
        kind = field.first.get_attribute("type")
        tag = field.first.evaluate("element => element.tagName")
        if kind == "radio":
            page.locator(f'[name="{name}"][value="{value}"]').check()
        elif kind == "checkbox":
            field.check()
        elif tag == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)


def validate(page, label: str) -> None:
    """Press Valider and see the page saved and its tab checked."""
    page.get_by_role("button", name="Valider").click()
    expect(page.locator(".message.success")).to_be_visible()
    expect(tab_link(page, label).locator(".tab-check")).to_be_visible()


def tab_link(page, label: str):
    return page.get_by_role("navigation", name="Onglets du dossier").get_by_role(
        "link", name=re.compile("^" + re.escape(label))
    )


def go_to_tab(page, label: str) -> None:
    """Click a tab and wait until the page shown is that tab's: what follows (a fill, a reload, a
    check mark) must act on the new page, never on the one the click is leaving."""
    tab_link(page, label).click()
    expect(tab_link(page, label)).to_have_attribute("aria-current", "page")


def enter_employer_tabs(page, base_url: str, dossier) -> None:
    """The contact alternance, logged in, enters Données de base, L'employeur, the contract and the mission."""
    from cactus.dossiers.models import Dossier

    open_tab(page, base_url, dossier, "base")
    fill(page, tab_data.base_values())
    validate(page, "Données de base")
    go_to_tab(page, "L'employeur")
    fill(page, tab_data.for_apprenticeship(tab_data.employer_values()))
    validate(page, "L'employeur")
    go_to_tab(page, "Les données du contrat")
    fill(page, tab_data.contract_values(Dossier.objects.get(pk=dossier.pk)))
    validate(page, "Les données du contrat")
    go_to_tab(page, "La mission")
    fill(page, tab_data.mission_values())
    validate(page, "La mission")


def enter_alternant_tabs(page, base_url: str, dossier) -> None:
    """The alternant, logged in, enters L'alternant (a minor, with her representative) and Vie étudiante."""
    open_tab(page, base_url, dossier, "alternant")
    fill(page, tab_data.for_apprenticeship(tab_data.alternant_values()))
    validate(page, "L'alternant")
    go_to_tab(page, "Vie étudiante")
    fill(page, tab_data.student_life_values())
    validate(page, "Vie étudiante")
