"""In chromium: typing the SIRET in L'employeur fills the empty fields from the company register."""

import re

import pytest
from playwright.sync_api import expect

from cactus.dossiers.tests import tab_data
from cactus.dossiers.tests.browser import fill, log_in, open_tab, validate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SIRET = "44306184100013"
CLOSED_SIRET = "55210055400013"


def test_the_siret_fills_the_empty_fields_and_keeps_the_typed_ones(
    live_server, page, started_dossier, employer_contact, company_search
):
    company_search.add(siret=SIRET, nature_juridique="5710", idcc=("1486",), headcount="12")
    log_in(page, live_server.url, employer_contact.email)
    open_tab(page, live_server.url, started_dossier, "employer")
    page.locator('[name="employer-name"]').fill("Mon enseigne")

    siret = page.locator('[name="establishment-siret"]')
    siret.fill(SIRET)
    siret.press("Tab")

    expect(page.locator(".company-message")).to_contain_text(
        "Établissement trouvé : BOULANGERIE DU PORT, MARSEILLE"
    )
    expect(page.locator('[name="employer-name"]')).to_have_value("Mon enseigne")
    expect(page.locator('[name="employer-address_street"]')).to_have_value("BOULEVARD DE LA LIBERATION")
    expect(page.locator('[name="employer-postal_code"]')).to_have_value("13001")
    expect(page.locator('[name="employer-naf"]')).to_have_value("10.71C")
    expect(page.locator('[name="employer-employer_type"]')).to_have_value("12")  # SAS: RCS
    expect(page.locator('[name="employer-idcc_opco"]')).to_have_value(
        "ATLAS"
    )  # through the IDCC script
    expect(page.locator(".company-headcount")).to_contain_text("20 à 49 salariés")


def test_a_closed_establishment_is_said_at_once(
    live_server, page, started_dossier, employer_contact, company_search
):
    company_search.add(siret=CLOSED_SIRET, closed_on="2019-12-31")
    log_in(page, live_server.url, employer_contact.email)
    open_tab(page, live_server.url, started_dossier, "employer")

    siret = page.locator('[name="establishment-siret"]')
    siret.fill(CLOSED_SIRET)
    siret.press("Tab")

    expect(page.locator(".company-message")).to_have_text("Cet établissement est fermé depuis le 31/12/2019.")
    expect(page.locator('[name="employer-name"]')).to_have_value("")


def test_offline_as_in_the_demo_the_employer_types_the_company_and_valider_saves_it(
    live_server, page, started_dossier, employer_contact
):
    # No COMPANY_SEARCH_URL (the tests' default, and `make run`'s with DEBUG): only the checksum is checked.
    log_in(page, live_server.url, employer_contact.email)
    open_tab(page, live_server.url, started_dossier, "employer")
    siret = page.locator('[name="establishment-siret"]')
    siret.fill(SIRET)
    siret.press("Tab")

    expect(page.locator(".company-message")).to_have_text(
        "La recherche de l'entreprise n'est pas activée sur ce serveur : "
        "saisissez les informations de l'entreprise."
    )
    expect(page.locator(".company-message")).not_to_have_class(re.compile(r"\berror\b"))
    fill(page, tab_data.for_apprenticeship(tab_data.employer_values()) | {"establishment-siret": SIRET})
    validate(page, "L'employeur")


def test_a_register_that_fails_says_so_and_never_blocks_the_employer(
    live_server, page, started_dossier, employer_contact, company_search
):
    company_search.add(siret=SIRET)
    company_search.failing.add(SIRET)
    log_in(page, live_server.url, employer_contact.email)
    open_tab(page, live_server.url, started_dossier, "employer")
    siret = page.locator('[name="establishment-siret"]')
    siret.fill(SIRET)
    siret.press("Tab")

    expect(page.locator(".company-message")).to_contain_text("La recherche de l'entreprise est indisponible")
    expect(page.locator('[name="employer-name"]')).to_be_editable()
    fill(page, tab_data.for_apprenticeship(tab_data.employer_values()) | {"establishment-siret": SIRET})
    validate(page, "L'employeur")
