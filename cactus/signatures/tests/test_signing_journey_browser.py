"""End to end, in a real browser: a minor's dossier switched to online signature in Suivi - Info; the
alternant, the legal representative, the employer and the CFA each open their link and sign with the
code read from the SMTP sink; the CERFA carries four valid signatures (pyHanko's validator and
poppler's pdfsig) and the dossier goes "Documents signés retournés", then "Documents validés (CFA)"."""

import re

import pytest
from django.contrib.auth.models import Group

from cactus.accounts.models import CFA_ADMIN_GROUP
from cactus.accounts.tests.factories import UserFactory
from cactus.dossiers.models import Dossier
from cactus.dossiers.tests.browser import log_in, log_out
from cactus.signatures import pdf, services
from cactus.signatures.models import SigningMode
from cactus.signatures.tests.helpers import bring_to_signature, online_dossier

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in_browser(page, base_url, smtp_sink, address):
    [body] = [b for b in smtp_sink.bodies_to(address) if "/signature/" in b][-1:]
    path = re.search(r"http://testserver(/signature/\S+/)", body).group(1)
    page.goto(base_url + path)
    page.get_by_role("heading", name="Signature en ligne").wait_for()
    assert page.locator("img.pdf-page").count() >= 2  # every page of the CERFA
    page.wait_for_function(
        "() => [...document.querySelectorAll('img.pdf-page')].every(i => i.naturalWidth > 0)"
    )
    page.wait_for_load_state("load")
    with page.expect_navigation():
        page.get_by_role("button", name="Recevoir mon code de signature").click()
    try:
        page.get_by_text("Un code à 6 chiffres vient d'être envoyé").wait_for(timeout=5000)
    except Exception:
        page.screenshot(path="/tmp/sig-fail.png", full_page=True)
        raise
    code = re.search(r"code de signature : (\d{6})", smtp_sink.bodies_to(address)[-1]).group(1)
    page.get_by_label("J'ai lu le document et j'accepte de le signer électroniquement.").check()
    page.get_by_label("Code reçu par courriel (6 chiffres)").fill(code)
    page.get_by_role("button", name="Signer", exact=True).click()
    page.get_by_role("heading", name="Signature enregistrée").wait_for()


def test_a_minors_dossier_is_signed_online_by_its_four_signers(
    live_server, page, smtp_sink, signing_ca, settings, tmp_path
):
    from cactus.accounts.tests.factories import PASSWORD

    dossier = online_dossier()
    services.set_formation_default(formation=dossier.formation, mode=SigningMode.PAPER, by=None)
    dossier = bring_to_signature(dossier)
    assert services.current_round(dossier) is None  # paper by default: nothing sent

    log_in(page, live_server.url, dossier.employer_contact.email, PASSWORD)
    page.goto(f"{live_server.url}/dossiers/{dossier.pk}/suivi/")
    page.get_by_role("button", name="Signer en ligne").click()
    page.get_by_text("Mode de signature enregistré : Signature en ligne").wait_for()
    log_out(page)

    signers = list(services.current_round(dossier).signers.order_by("position"))
    assert [s.role for s in signers] == ["alternant", "representative", "employer", "cfa"]
    for signer in signers[:3]:
        _sign_in_browser(page, live_server.url, smtp_sink, signer.email)
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.DOCUMENTS_RETURNED

    _sign_in_browser(page, live_server.url, smtp_sink, signers[3].email)
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.DOCUMENTS_VALIDATED

    stamped = dossier.documents.get(kind="stamped_cerfa")
    with stamped.file.open("rb") as handle:
        content = handle.read()
    reports = pdf.validate(content)
    assert len(reports) == 4 and all(report.is_ok for report in reports), reports
    path = tmp_path / "cerfa-signe.pdf"
    path.write_bytes(content)
    listing = pdf.pdfsig_report(path)
    assert listing.count("Signature is Valid.") == 4
    for field in ("alternant", "representative", "employer", "cfa"):
        assert (
            f"Signature_{['alternant', 'representative', 'employer', 'cfa'].index(field) + 1}_{field}"
            in listing
        )

    # Suivi - Info shows each signer's state to the contact.
    log_in(page, live_server.url, dossier.employer_contact.email, PASSWORD)
    page.goto(f"{live_server.url}/dossiers/{dossier.pk}/suivi/")
    panel = page.locator("section.signatures-panel")
    assert panel.inner_text().count("signé le") == 4


# Each step checked at both sizes on the same page; the steps are taken at 320 px, the last one.
SIZES = [{"width": 390, "height": 844}, {"width": 320, "height": 844}]


def test_every_signing_page_fits_a_phone_and_passes_axe(live_server, browser, smtp_sink, signing_ca):
    # Apprentices sign on their phones: no sideways scrolling (WCAG 1.4.10), no serious axe violation,
    # 24 px targets and a focus ring, at every step: the link, the code sent, a wrong code ("Erreur" in
    # the title), the signature recorded, the link used again, a refusal; then Suivi - Info's panel and
    # the formation's default mode.
    from playwright.sync_api import expect

    from cactus.accounts.tests.factories import PASSWORD
    from cactus.dossiers.tests import a11y

    dossier = bring_to_signature(online_dossier())
    alternant, representative = services.current_round(dossier).signers.order_by("position")[:2]
    page = browser.new_context(viewport=SIZES[0]).new_page()
    found = {}

    def check(step):
        found.update({f"{step} {size}": problems for size, problems in a11y.problems_at(page, SIZES).items()})

    def open_link(address):
        [body] = [b for b in smtp_sink.bodies_to(address) if "/signature/" in b][-1:]
        path = re.search(r"http://testserver(/signature/\S+/)", body).group(1)
        page.goto(live_server.url + path)
        page.wait_for_function(
            "() => [...document.querySelectorAll('img.pdf-page')].every(i => i.naturalWidth > 0)"
        )
        return path

    path = open_link(alternant.email)
    check("page du lien")
    with page.expect_navigation():
        page.get_by_role("button", name="Recevoir mon code de signature").click()
    page.get_by_text("Un code à 6 chiffres vient d'être envoyé").wait_for()
    check("code envoyé")
    page.get_by_label("J'ai lu le document et j'accepte de le signer électroniquement.").check()
    page.get_by_label("Code reçu par courriel (6 chiffres)").fill("000000")
    page.get_by_role("button", name="Signer", exact=True).click()
    expect(page).to_have_title(re.compile("^Erreur – Signature en ligne"))
    check("code faux")
    code = re.search(r"code de signature : (\d{6})", smtp_sink.bodies_to(alternant.email)[-1]).group(1)
    page.get_by_label("J'ai lu le document et j'accepte de le signer électroniquement.").check()
    page.get_by_label("Code reçu par courriel (6 chiffres)").fill(code)
    page.get_by_role("button", name="Signer", exact=True).click()
    page.get_by_role("heading", name="Signature enregistrée").wait_for()
    check("signature enregistrée")
    page.goto(live_server.url + path)
    page.get_by_role("heading", name="Lien de signature inutilisable").wait_for()
    check("lien déjà utilisé")

    open_link(representative.email)
    page.get_by_label("Commentaire (obligatoire)").fill("Le nom du représentant légal est mal orthographié.")
    page.get_by_role("button", name="Refuser de signer").click()
    page.get_by_role("heading", name="Refus enregistré").wait_for()
    check("refus enregistré")

    log_in_as = {"suivi": dossier.employer_contact.email}
    log_in(page, live_server.url, log_in_as["suivi"], PASSWORD)
    page.goto(f"{live_server.url}/dossiers/{dossier.pk}/suivi/")
    expect(page.locator("section.signatures-panel")).to_contain_text("mal orthographié")
    check("Suivi - Info (contact)")
    admin = UserFactory()
    admin.groups.add(Group.objects.get(name=CFA_ADMIN_GROUP))
    found |= {
        f"administrateur {path}": problems
        for path, problems in _pages_of(page, live_server.url, admin.email, dossier).items()
    }

    assert not found, found


def _pages_of(page, base, email, dossier) -> dict:
    from cactus.accounts.tests.factories import PASSWORD
    from cactus.dossiers.tests import a11y

    log_in(page, base, email, PASSWORD)
    return a11y.check_pages(
        page,
        base,
        [
            f"/dossiers/suivi/{dossier.pk}/",
            f"/dossiers/{dossier.pk}/suivi/",
            f"/formations/{dossier.formation_id}/signature/",
        ],
        SIZES,
    )
