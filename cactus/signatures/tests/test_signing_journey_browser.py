"""End to end, in a real browser: a minor's dossier switched to online signature in Suivi - Info; the
alternant, the legal representative, the employer and the CFA each open their link and sign with the
code read from the SMTP sink; the CERFA carries four valid signatures (pyHanko's validator and
poppler's pdfsig) and the dossier goes "Documents signés retournés", then "Documents validés (CFA)"."""

import re

import pytest

from cactus.dossiers.models import Dossier
from cactus.signatures import pdf, services
from cactus.signatures.models import SigningMode
from cactus.signatures.tests.helpers import bring_to_signature, online_dossier

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, base_url, email, password):
    page.goto(f"{base_url}/compte/connexion/")
    page.get_by_label("Courriel").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Valider").click()


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

    _login(page, live_server.url, dossier.employer_contact.email, PASSWORD)
    page.goto(f"{live_server.url}/dossiers/{dossier.pk}/suivi/")
    page.get_by_role("button", name="Signer en ligne").click()
    page.get_by_text("Mode de signature enregistré : Signature en ligne").wait_for()
    page.get_by_role("button", name="Se déconnecter").click()

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
    _login(page, live_server.url, dossier.employer_contact.email, PASSWORD)
    page.goto(f"{live_server.url}/dossiers/{dossier.pk}/suivi/")
    panel = page.locator("section.signatures-panel")
    assert panel.inner_text().count("signé le") == 4


def test_the_signing_page_fits_a_phone_and_passes_axe(live_server, browser, smtp_sink, signing_ca):
    # Apprentices sign on their phones: no sideways scrolling (WCAG 1.4.10), no serious axe violation,
    # before and after asking for the code.
    from cactus.dossiers.tests import a11y

    dossier = bring_to_signature(online_dossier())
    alternant = services.current_round(dossier).signers.order_by("position").first()
    [body] = [b for b in smtp_sink.bodies_to(alternant.email) if "/signature/" in b][-1:]
    path = re.search(r"http://testserver(/signature/\S+/)", body).group(1)
    page = browser.new_context(viewport=a11y.PHONE).new_page()

    page.goto(live_server.url + path)
    page.get_by_role("heading", name="Signature en ligne").wait_for()
    page.wait_for_function(
        "() => [...document.querySelectorAll('img.pdf-page')].every(i => i.naturalWidth > 0)"
    )
    found = {"page du lien": a11y.problems_of(page)}
    with page.expect_navigation():
        page.get_by_role("button", name="Recevoir mon code de signature").click()
    page.get_by_text("Un code à 6 chiffres vient d'être envoyé").wait_for()
    found["code envoyé"] = a11y.problems_of(page)

    assert not {step: problems for step, problems in found.items() if problems}, found
