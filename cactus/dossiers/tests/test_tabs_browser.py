"""End to end, in chromium: each party fills its tabs page by page until every tab shows its check mark."""

import pytest
from playwright.sync_api import expect

from cactus.dossiers.models import Dossier
from cactus.dossiers.tests import tab_data
from cactus.dossiers.tests.browser import fill, go_to_tab, log_in, open_tab, tab_link, validate
from cactus.formations.models import Formation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]
ADULT_NIR = "103111305504270"  # a man born in November 2003 in the Bouches-du-Rhône


def test_a_complete_apprenticeship_with_a_minor_and_a_birthday_split(
    live_server, page, dossier, employer_contact, alternant
):
    Formation.objects.filter(pk=dossier.formation_id).update(mission_mode=Formation.MissionMode.REQUIRED)

    log_in(page, live_server.url, employer_contact.email)
    open_tab(page, live_server.url, dossier, "base")
    expect(page.get_by_role("link", name="L'employeur")).to_have_count(0)
    fill(page, tab_data.base_values())
    validate(page, "Données de base")
    for label in ["L'employeur", "L'alternant", "Les données du contrat", "La mission"]:
        expect(tab_link(page, label)).to_be_visible()
    # Vie étudiante holds health data (RGPD art. 9): not offered to the contact alternance.
    expect(page.get_by_role("link", name="Vie étudiante")).to_have_count(0)

    go_to_tab(page, "L'employeur")
    expect(page.locator("#block-billing")).to_be_hidden()
    values = tab_data.for_apprenticeship(tab_data.employer_values(mentor2=True))
    fill(page, {name: value for name, value in values.items() if name != "employer-idcc"})
    # Guide, "L'EMPLOYEUR": type the IDCC and press Tab; the label, branch and OPCO fill themselves.
    page.locator('[name="employer-idcc"]').fill("1486")
    page.locator('[name="employer-idcc"]').press("Tab")
    expect(page.locator('[name="employer-idcc_opco"]')).to_have_value("ATLAS")
    validate(page, "L'employeur")

    go_to_tab(page, "Les données du contrat")
    expect(
        page.get_by_text("les niveaux de rémunération proposés sont les minima légaux", exact=False)
    ).to_be_visible()
    dossier = Dossier.objects.get(pk=dossier.pk)
    rows = page.locator("table.remuneration tbody tr")
    # R-2.2 (rules.md): 18 on 14/03/2027 → the minor's rate until 31/03/2027, the 18–20 rate from 01/04/2027.
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("01/09/2026")
    expect(rows.nth(0)).to_contain_text("31/03/2027")
    # The formation is a licence professionnelle: 2nd-year rates from the start (D6222-32).
    expect(rows.nth(0)).to_contain_text("39 % du SMIC")
    expect(rows.nth(1)).to_contain_text("01/04/2027")
    expect(rows.nth(1)).to_contain_text("51 % du SMIC")
    fill(page, tab_data.contract_values(dossier, rates={"rate_1_1": "20"}))
    page.get_by_role("button", name="Valider").click()
    # below the legal minimum is refused, with the rule cited; nothing is saved.
    expect(page.locator(".error-summary")).to_contain_text("R-2.10")
    fill(page, {"remuneration-rate_1_1": "40"})
    validate(page, "Les données du contrat")
    expect(page.locator('[name="remuneration-rate_1_1"]')).to_have_value("40.00")

    go_to_tab(page, "La mission")
    fill(page, tab_data.mission_values())
    validate(page, "La mission")

    log_in(page, live_server.url, alternant.email)
    open_tab(page, live_server.url, dossier, "alternant")
    # a minor at the date of conclusion needs a legal representative.
    expect(page.get_by_text("Représentant légal", exact=False).first).to_be_visible()
    fill(page, tab_data.for_apprenticeship(tab_data.alternant_values(representative=False)))
    page.get_by_role("button", name="Valider").click()
    expect(page.locator(".error-summary")).to_contain_text("Nom de naissance du représentant légal")
    fill(page, tab_data.for_apprenticeship(tab_data.alternant_values(representative=True)))
    validate(page, "L'alternant")

    go_to_tab(page, "Vie étudiante")
    fill(page, tab_data.student_life_values())
    validate(page, "Vie étudiante")

    for label in [
        "Données de base",
        "L'employeur",
        "L'alternant",
        "Vie étudiante",
        "Les données du contrat",
        "La mission",
    ]:
        expect(tab_link(page, label).locator(".tab-check")).to_be_visible()
    expect(page.get_by_text("Saisie complète", exact=True)).to_be_visible()


def test_a_simple_professionalisation_with_billing_information(
    live_server, page, dossier, employer_contact, alternant
):
    Formation.objects.filter(pk=dossier.formation_id).update(mission_mode=Formation.MissionMode.HIDDEN)

    log_in(page, live_server.url, employer_contact.email)
    open_tab(page, live_server.url, dossier, "base")
    fill(
        page,
        tab_data.base_values(
            entry_mode="simple",
            scheme="professionalisation",
            alternant_first_name="Loïc",
            alternant_birth_date="2003-11-20",
        ),
    )
    validate(page, "Données de base")
    expect(tab_link(page, "Les données du contrat")).to_have_count(0)
    expect(tab_link(page, "La mission")).to_have_count(0)

    go_to_tab(page, "L'employeur")
    # Guide: a contrat de professionnalisation always asks for the billing information.
    expect(page.locator("#block-billing")).to_be_visible()
    fill(page, tab_data.employer_values(mentor2=False))
    page.get_by_role("button", name="Valider").click()
    expect(page.locator(".error-summary")).to_contain_text("Raison sociale à facturer")
    fill(page, tab_data.employer_values(mentor2=False, billing=True))
    validate(page, "L'employeur")

    log_in(page, live_server.url, alternant.email)
    open_tab(page, live_server.url, dossier, "alternant")
    expect(page.get_by_text("Représentant légal")).to_have_count(0)
    fill(page, tab_data.alternant_values(representative=False, nir=ADULT_NIR, sex="M", highest_diploma="54"))
    validate(page, "L'alternant")
    go_to_tab(page, "Vie étudiante")
    fill(page, tab_data.student_life_values())
    validate(page, "Vie étudiante")

    for label in ["Données de base", "L'employeur", "L'alternant", "Vie étudiante"]:
        expect(tab_link(page, label).locator(".tab-check")).to_be_visible()
    expect(page.get_by_text("Saisie complète", exact=True)).to_be_visible()


def test_a_public_employer_is_asked_for_billing_information(
    live_server, page, dossier, employer_contact, alternant
):
    Formation.objects.filter(pk=dossier.formation_id).update(mission_mode=Formation.MissionMode.OPTIONAL)

    log_in(page, live_server.url, employer_contact.email)
    open_tab(page, live_server.url, dossier, "base")
    fill(
        page,
        tab_data.base_values(
            entry_mode="simple", alternant_first_name="Loïc", alternant_birth_date="2003-11-20"
        ),
    )
    validate(page, "Données de base")

    go_to_tab(page, "L'employeur")
    # an unknown IDCC is said at once, and nothing is filled.
    page.locator('[name="employer-idcc"]').fill("0001")
    page.locator('[name="employer-idcc"]').press("Tab")
    expect(page.locator(".idcc-message")).not_to_be_empty()
    expect(page.locator('[name="employer-idcc_opco"]')).to_have_value("")
    page.locator('[name="employer-idcc"]').fill("1486")
    page.locator('[name="employer-idcc"]').press("Tab")
    expect(page.locator(".idcc-message")).to_be_empty()
    expect(page.locator("#block-billing")).to_be_hidden()
    # Guide: a public employer (type d'employeur > 20) completes the billing information.
    page.locator('[name="employer-employer_type"]').select_option("23")
    expect(page.locator("#block-billing")).to_be_visible()
    values = tab_data.for_apprenticeship(
        tab_data.employer_values(employer_type="23", mentor2=False, billing=True)
    )
    fill(page, {name: value for name, value in values.items() if name != "employer-idcc"})
    validate(page, "L'employeur")
    expect(page.locator("#block-billing")).to_be_visible()

    go_to_tab(page, "La mission")
    validate(page, "La mission")

    log_in(page, live_server.url, alternant.email)
    open_tab(page, live_server.url, dossier, "alternant")
    fill(
        page,
        tab_data.for_apprenticeship(tab_data.alternant_values(representative=False, nir=ADULT_NIR, sex="M")),
    )
    validate(page, "L'alternant")
    go_to_tab(page, "Vie étudiante")
    fill(page, tab_data.student_life_values())
    validate(page, "Vie étudiante")

    for label in ["Données de base", "L'employeur", "L'alternant", "Vie étudiante", "La mission"]:
        expect(tab_link(page, label).locator(".tab-check")).to_be_visible()
    expect(page.get_by_text("Saisie complète", exact=True)).to_be_visible()
