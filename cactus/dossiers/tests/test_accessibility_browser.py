"""Every page of the guide's journey, for every role, on a phone (390×844), the smallest one (320 px)
and a laptop (1366×768) in chromium: no horizontal scrolling (WCAG 1.4.10, RGAA 10.11), no broken ARIA reference, no serious
axe-core violation, 24 px targets, a focus ring on every control (a11y.problems_of)."""

import pprint
import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from cactus.accounts.services import create_invitation, get_or_create_user
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
        "alternant": [
            "/dossiers/",
            *tabs,
            f"/dossiers/{validated}/suivi/",
            "/compte/rgpd/",
            "/mentions-legales/",
        ],
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
            "/tableau-de-bord/",
        ],
        "cfa_admin": [
            "/dossiers/",
            "/dossiers/suivi/",
            "/tableau-de-bord/",
            "/acces-api/",
            "/documents/formulaires-officiels/",
            f"/formations/{journey['complete'].formation_id}/signature/",
            "/formations/",
            "/formations/nouvelle/",
            f"/formations/{journey['complete'].formation_id}/",
            "/documents/modele-convention/",
            "/compte/double-authentification/activer/",
            "/compte/double-authentification/equipe/",
        ],
    }[role]


@pytest.mark.parametrize(
    "role", ["alternant", "employer_contact", "formation_manager", "cfa_advisor", "cfa_admin"]
)
def test_every_page_of_the_journey_fits_a_phone_and_passes_axe(live_server, browser, journey, role, request):
    # One login per role; each page loaded once and checked at each of the three sizes.
    user = request.getfixturevalue(role)
    page = browser.new_context(viewport=a11y.PHONE).new_page()
    log_in(page, live_server.url, user.email)

    found = a11y.check_pages(
        page, live_server.url, pages_of(role, journey), [a11y.PHONE, a11y.SMALLEST, a11y.DESKTOP]
    )
    assert not found, pprint.pformat(found, width=110)


def within_width(page, selector: str) -> bool:
    """The element is shown and whole across the window: nothing to scroll sideways to reach it."""
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]


def test_the_pages_before_logging_in_fit_a_phone_and_pass_axe(live_server, browser, db):
    invited = get_or_create_user(email="invitee@entreprise.test")
    _, token = create_invitation(user=invited, by=None)
    page = browser.new_context(viewport=a11y.PHONE).new_page()
    base = live_server.url

    found = a11y.check_pages(
        page,
        base,
        [
            "/compte/connexion/",
            "/compte/mot-de-passe-oublie/",
            "/mentions-legales/",
            f"/compte/invitation/{token}/",
        ],
    )
    page.get_by_label("Choisissez votre mot de passe").fill("court")
    page.get_by_role("button", name="Valider").click()
    expect(page).to_have_title(re.compile("^Erreur – "))
    found |= {"invitation refusée": a11y.problems_of(page)} if a11y.problems_of(page) else {}
    page.goto(f"{base}/compte/connexion/")
    page.get_by_label("Courriel").fill("personne@ailleurs.test")
    page.get_by_label("Mot de passe").fill("mauvais")
    page.get_by_role("button", name="Valider").click()
    expect(page).to_have_title(re.compile("^Erreur – Connexion"))
    found |= {"connexion refusée": a11y.problems_of(page)} if a11y.problems_of(page) else {}

    assert not found, pprint.pformat(found, width=110)


def test_a_refused_tab_page_says_erreur_in_its_title_and_stays_readable_on_a_phone(
    live_server, browser, journey, employer_contact
):
    page = browser.new_context(viewport=a11y.PHONE).new_page()
    log_in(page, live_server.url, employer_contact.email)
    page.goto(f"{live_server.url}/dossiers/{journey['complete'].pk}/contract/")
    page.locator('[name="contract-weekly_hours"]').fill("")
    page.locator('[name="remuneration-rate_1_1"]').fill("1")
    page.get_by_role("button", name="Valider").click()

    expect(page).to_have_title(
        re.compile("^Erreur – Les données du contrat – Dossier de .* \\(Saisie complète\\)")
    )
    expect(page.locator(".error-summary")).to_be_visible()
    # The summary links to the field, and the field is told its message and its help (RGAA 11.10).
    described = page.locator('[name="remuneration-rate_1_1"]').get_attribute("aria-describedby").split()
    assert described == ["id_remuneration-rate_1_1_helptext", "id_remuneration-rate_1_1_error"]
    expect(page.locator("#id_remuneration-rate_1_1_error")).to_contain_text("R-2.10")
    assert a11y.problems_of(page) == {}


def test_the_key_controls_are_on_screen_from_the_smallest_phone_to_a_tablet(
    live_server, browser, journey, employer_contact
):
    base, dossier = live_server.url, journey["validated"]
    page = browser.new_context(viewport=a11y.PHONE).new_page()
    log_in(page, base, employer_contact.email)
    for viewport in (a11y.PHONE, a11y.SMALLEST, a11y.TABLET):
        page.set_viewport_size(viewport)
        for path, selectors in {
            "/dossiers/": ["a.button.edit", "button.link"],
            f"/dossiers/{journey['complete'].pk}/contract/": [
                "nav[aria-label='Onglets du dossier'] li:last-child a",
                "#id_contract-contract_mode",
                "table.remuneration input",
                "button.primary",
            ],
            f"/dossiers/{dossier.pk}/suivi/": ["#etat", "#action-suivante", "#echeance", "#id_signed_cerfa"],
        }.items():
            page.goto(base + path)
            assert a11y.overflow(page) is None, (viewport, path, a11y.overflow(page))
            for selector in selectors:
                assert within_width(page, selector), (viewport, path, selector)
        # The edit button and "Se déconnecter" are targets of 24×24 px at least (WCAG 2.5.8).
        page.goto(base + "/dossiers/")
        for selector in ["a.button.edit", "button.link"]:
            box = page.locator(selector).first.bounding_box()
            assert box["width"] >= 24 and box["height"] >= 24, (selector, box)


FOCUSED = """() => {
  const element = document.activeElement, style = getComputedStyle(element);
  return {name: element.name || element.textContent.trim().slice(0, 40), tag: element.tagName,
          outline: style.outlineStyle, width: parseFloat(style.outlineWidth), shadow: style.boxShadow};
}"""


@pytest.mark.parametrize("viewport", ["laptop", "phone"])
def test_a_keyboard_alone_completes_vie_etudiante_with_a_focus_ring_on_every_control(
    live_server, browser, formation, alternant, employer_contact, viewport
):
    dossier = DossierFactory(
        with_base_data=True, formation=formation, alternant=alternant, employer_contact=employer_contact
    )
    page = browser.new_context(viewport={"laptop": a11y.DESKTOP, "phone": a11y.PHONE}[viewport]).new_page()
    log_in(page, live_server.url, alternant.email)
    page.goto(f"{live_server.url}/dossiers/{dossier.pk}/student_life/")

    # RGAA 12.7: the first Tab reaches "Aller au contenu", Enter skips the header.
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["name"] == "Aller au contenu"
    page.keyboard.press("Enter")
    typed = {
        "student_life-emergency_contact_name": "Françoise Benoît",
        "student_life-emergency_contact_phone": "06 98 76 54 32",
        "student_life-housing": "Chez",  # a closed list picks the option whose name starts with what is typed
    }
    rings = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        rings.append(focused)
        if focused["name"] in typed:
            page.keyboard.type(typed.pop(focused["name"]))
        elif focused["name"] == "student_life-has_driving_licence":
            page.keyboard.press("Space")
        elif focused["tag"] == "BUTTON" and focused["name"] == "Valider":
            page.keyboard.press("Enter")
            break

    expect(page.locator(".message.success")).to_have_text("Vie étudiante : onglet enregistré.")
    saved = Dossier.objects.get(pk=dossier.pk).student_life
    assert (saved.housing, saved.has_driving_licence, saved.emergency_contact_name) == (
        "family",
        True,
        "Françoise Benoît",
    )
    # WCAG 2.4.7: every control reached showed the 3 px ring (yellow, edged dark to be seen on green and white).
    assert [
        ring for ring in rings if ring["outline"] != "solid" or ring["width"] < 3 or ring["shadow"] == "none"
    ] == []


def test_the_checks_find_a_small_target_a_missing_ring_and_a_page_wider_than_a_phone(browser):
    page = browser.new_context(viewport=a11y.PHONE).new_page()
    page.set_content(
        """<html lang="fr"><head><title>Essai</title></head><body><main>
        <button style="width: 20px; height: 20px; padding: 0">x</button>
        <a href="#" class="button" style="display: inline-block; padding: 10px">Sans anneau</a>
        <div style="width: 500px">large</div><img src="data:,"></main></body></html>"""
    )

    assert [line.split()[-1] for line in a11y.small_targets(page)] == ["20×20"]
    assert len(a11y.missing_focus_rings(page)) == 2  # no style sheet: chromium's thin default ring only
    page.add_style_tag(content=":focus-visible { outline: 3px solid #ffbf47; box-shadow: 0 0 0 6px #000; }")
    assert a11y.missing_focus_rings(page) == []
    assert a11y.overflow(page)["scrollWidth"] == 500 + 8  # body's margin
    # An image without a text alternative: axe's critical "image-alt", with the element, found again
    # on the same page (axe injected once).
    assert "image-alt (critical): [['img']]" in a11y.serious_violations(page)
    assert "image-alt (critical): [['img']]" in a11y.serious_violations(page)


def test_a_page_checked_at_several_sizes_is_laid_out_again_at_each_one(browser):
    # A block wider than 320 px only below 350 px (a media query): found at 320 px alone, though the
    # page was loaded at 390 px and checked there first.
    html = """<!doctype html><html lang="fr"><head><title>Essai</title>
    <style>@media (max-width: 350px) { .wide { width: 340px } }</style></head>
    <body style="margin: 0"><main><h1>Essai</h1><p class="wide">Un paragraphe.</p></main></body></html>"""
    page = browser.new_context(viewport=a11y.PHONE).new_page()

    found = a11y.check_pages(
        page, "data:text/html,", [quote(html)], [a11y.PHONE, a11y.SMALLEST, a11y.DESKTOP]
    )

    assert list(found) == [f"{quote(html)} at 320×640"]
    assert list(found[f"{quote(html)} at 320×640"]) == ["overflow"]
