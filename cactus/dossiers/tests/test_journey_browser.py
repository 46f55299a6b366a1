"""The whole private-apprenticeship journey of the guide, in a real browser, with real SMTP: on a phone
(390×844) and on a laptop (1366×768), every person's window that size."""

import re
from pathlib import Path

import pytest
import time_machine
from playwright.sync_api import expect

from cactus.documents.tests.pdfs import pdf_bytes
from cactus.dossiers import services
from cactus.dossiers.models import Dossier, DossierEvent
from cactus.dossiers.tests import a11y
from cactus.dossiers.tests.browser import enter_alternant_tabs, enter_employer_tabs, log_in
from cactus.dossiers.tests.factories import complete_dossier
from cactus.notifications.models import OutgoingEmail

CONTACT = "contact@entreprise.test"
CONTACT_PASSWORD = "Jerome-Lefevre-2026!"
VIEWPORTS = {"phone": a11y.PHONE, "laptop": a11y.DESKTOP}


def link_in(body: str) -> str:
    return re.search(r"http://\S+", body).group(0)


def fits(page) -> None:
    """Nothing to scroll sideways to (WCAG 1.4.10), on the phone as on the laptop."""
    assert a11y.overflow(page) is None, (page.url, a11y.overflow(page))


def pdf_file(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_bytes(pdf_bytes(text))
    return str(path)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_private_apprenticeship_journey(
    viewport,
    live_server,
    browser,
    smtp_sink,
    formation,
    formation_manager,
    cfa_advisor,
    alternant,
    settings,
    tmp_path,
):
    settings.CACTUS_BASE_URL = live_server.url
    base = live_server.url
    size = VIEWPORTS[viewport]
    # Freeze the date only (the browser and the server run in real time): 3 September 2026.
    traveller = time_machine.travel("2026-09-03 09:00 +0200", tick=True)
    traveller.start()
    try:
        # 1. The formation registers the alternant and enters the contact alternance's e-mail.
        dossier = services.register_alternant(
            formation=formation,
            alternant_email=alternant.email,
            employer_contact_email=CONTACT,
            by=formation_manager,
        )
        [invitation] = smtp_sink.bodies_to(CONTACT)

        contact = browser.new_context(viewport=size, accept_downloads=True).new_page()
        contact.goto(link_in(invitation).replace("http://testserver", base))
        contact.get_by_label("Choisissez votre mot de passe").fill(CONTACT_PASSWORD)
        contact.get_by_label("Confirmez le mot de passe").fill(CONTACT_PASSWORD)
        contact.get_by_role("button", name="Valider").click()
        contact.get_by_label("J'ai lu les clauses").check()
        contact.get_by_role("button", name="Valider").click()

        # 2. Every tab, page by page: the contact's, then the alternant's, each with its check mark.
        enter_employer_tabs(contact, base, dossier)
        student = browser.new_context(viewport=size).new_page()
        log_in(student, base, alternant.email)
        enter_alternant_tabs(student, base, dossier)

        # 3. Suivi - Info: Saisie complète → Demande de validation → last warning → Faire la demande.
        contact.goto(f"{base}/dossiers/{dossier.pk}/suivi/")
        expect(contact.locator("#etat")).to_have_text("Saisie complète")
        expect(contact.locator("#action-suivante")).to_have_text("Demande de validation")
        expect(contact.locator("#conseillere")).to_contain_text("conseillere@cfa.test")
        fits(contact)
        fits(student)
        contact.get_by_role("link", name="Demande de validation").click()
        expect(contact.get_by_text("les données ne pourront plus être modifiées")).to_be_visible()
        fits(contact)
        contact.get_by_role("button", name="Faire la demande").click()
        expect(contact.locator("#etat")).to_have_text("Validation demandée")
        [request_mail] = smtp_sink.bodies_to(formation_manager.email)

        # 4. The responsable validates from the mail's link; the contact is told.
        manager = browser.new_context(viewport=size).new_page()
        log_in(manager, base, formation_manager.email)
        manager.goto(link_in(request_mail).replace("http://testserver", base))
        fits(manager)
        manager.get_by_role("button", name="Valider le dossier").click()
        expect(manager.locator("#etat")).to_have_text("Validé par la formation")
        assert any("a validé le dossier" in body for body in smtp_sink.bodies_to(CONTACT))

        # 5. The CFA validates the éléments économiques: the convention becomes available.
        advisor = browser.new_context(viewport=size).new_page()
        log_in(advisor, base, cfa_advisor.email)
        advisor.goto(f"{base}/dossiers/suivi/?queue=economic")
        fits(advisor)
        advisor.get_by_role("link", name="BENOÎT Chloé").click()
        advisor.get_by_role("button", name="Valider les éléments économiques").click()
        expect(advisor.locator("#action-suivante")).to_have_text("Retour des documents")

        contact.goto(f"{base}/dossiers/{dossier.pk}/suivi/")
        for name in ("CERFA", "Convention de formation"):
            with contact.expect_download() as download:
                contact.get_by_role("link", name=name, exact=True).click()
            assert Path(download.value.path()).read_bytes().startswith(b"%PDF-"), name
        expect(contact.get_by_text("merci d'en informer votre conseiller.ère")).to_be_visible()
        expect(contact.locator("#echeance")).to_contain_text("lundi 7 septembre 2026")
        fits(contact)

        # 6. Retour des documents: one upload, Valider, the other, Valider.
        contact.get_by_label("CERFA signé (PDF)").set_input_files(
            pdf_file(tmp_path, "cerfa.pdf", "CERFA signé")
        )
        contact.get_by_role("button", name="Valider").first.click()
        expect(contact.get_by_text("Document déposé.")).to_be_visible()
        contact.get_by_label("Convention signée (PDF)").set_input_files(
            pdf_file(tmp_path, "conv.pdf", "Convention")
        )
        contact.get_by_role("button", name="Valider").first.click()
        expect(contact.locator("#etat")).to_have_text("Documents signés retournés")
        expect(contact.locator("#action-suivante")).to_have_text("Validation des documents (CFA)")
        assert smtp_sink.bodies_to(cfa_advisor.email)

        # 7. The CFA validates the documents and sends the CERFA visé et tamponné.
        advisor.goto(f"{base}/dossiers/suivi/{dossier.pk}/")
        fits(advisor)
        stamped_scan = pdf_file(tmp_path, "tampon.pdf", "CERFA visé et tamponné")
        advisor.get_by_label("CERFA visé et tamponné (PDF)").set_input_files(stamped_scan)
        advisor.get_by_role("button", name="Valider les documents").click()
        expect(advisor.locator("#etat")).to_have_text("Documents validés (CFA)")
        stamped = [m for m in smtp_sink.messages if m["To"] == CONTACT and list(m.iter_attachments())]
        [attachment] = list(stamped[-1].iter_attachments())
        assert attachment.get_content_type() == "application/pdf"
        assert attachment.get_content() == Path(stamped_scan).read_bytes()

        # 8. Envoyé à l'OPCO: tick and validate; the date is recorded.
        contact.goto(f"{base}/dossiers/{dossier.pk}/suivi/")
        contact.get_by_label("Envoyé à l'OPCO").check()
        contact.get_by_role("button", name="Valider").first.click()
        expect(contact.locator("#etat")).to_have_text("Envoyé à l'OPCO")
        fits(contact)
        dossier.refresh_from_db()
        assert dossier.status == Dossier.Status.SENT_TO_OPCO and dossier.sent_to_opco_at
    finally:
        traveller.stop()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_double_click_on_faire_la_demande_makes_one_request(
    live_server, page, smtp_sink, formation, formation_manager, employer_contact, settings
):
    settings.CACTUS_BASE_URL = live_server.url
    dossier = complete_dossier(formation=formation, employer_contact=employer_contact)
    log_in(page, live_server.url, employer_contact.email)
    page.goto(f"{live_server.url}/dossiers/{dossier.pk}/suivi/")
    page.get_by_role("link", name="Demande de validation").click()
    page.get_by_role("button", name="Faire la demande").wait_for()  # page.url is now the warning's
    # The same warning left open in a second browser tab, to send the request once more afterwards.
    other_tab = page.context.new_page()
    other_tab.goto(page.url)

    page.get_by_role("button", name="Faire la demande").dblclick()
    expect(page.locator("#etat")).to_have_text("Validation demandée")
    other_tab.get_by_role("button", name="Faire la demande").click()
    expect(other_tab.locator("#etat")).to_have_text("Validation demandée")

    requests = DossierEvent.objects.filter(dossier=dossier, to_status=Dossier.Status.VALIDATION_REQUESTED)
    assert requests.count() == 1
    assert OutgoingEmail.objects.filter(name="validation_requested").count() == 1
    assert len(smtp_sink.bodies_to(formation_manager.email)) == 1
