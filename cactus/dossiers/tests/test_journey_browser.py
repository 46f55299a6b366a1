"""The whole private-apprenticeship journey of the guide, in a real browser, with real SMTP."""

import re

import pytest
import time_machine
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from cactus.accounts.models import CFA_ADMIN_GROUP, CFA_ADVISOR_GROUP
from cactus.accounts.tests.factories import PASSWORD
from cactus.documents.tests.pdfs import pdf_bytes
from cactus.dossiers import services
from cactus.dossiers.models import Dossier

CONTACT = "contact@entreprise.test"
CONTACT_PASSWORD = "Jerome-Lefevre-2026!"


@pytest.fixture
def cfa_groups(transactional_db):
    """The groups made by a data migration, which a previous transactional test may have flushed.

    serialized_rollback cannot restore them here: once Playwright runs its event loop in this
    thread, Django's `connections` is a different (context-local) object that lacks the
    serialized contents, so the restore is silently skipped.
    """
    for name in (CFA_ADMIN_GROUP, CFA_ADVISOR_GROUP):
        Group.objects.get_or_create(name=name)


def link_in(body: str) -> str:
    return re.search(r"http://\S+", body).group(0)


def log_in(page, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/compte/connexion/")
    page.get_by_label("Courriel").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Valider").click()


def pdf_file(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_bytes(pdf_bytes(text))
    return str(path)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_private_apprenticeship_journey(
    cfa_groups,  # first: the cast below needs the groups
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

        contact = browser.new_context(accept_downloads=True).new_page()
        contact.goto(link_in(invitation).replace("http://testserver", base))
        contact.get_by_label("Choisissez votre mot de passe").fill(CONTACT_PASSWORD)
        contact.get_by_label("Confirmez le mot de passe").fill(CONTACT_PASSWORD)
        contact.get_by_role("button", name="Valider").click()
        contact.get_by_label("J'ai lu les clauses").check()
        contact.get_by_role("button", name="Valider").click()

        # 2. Données de base, validated as a whole page.
        contact.goto(f"{base}/dossiers/{dossier.pk}/base/")
        contact.get_by_label("Saisie complète (le CERFA est produit)").check()
        contact.get_by_label("Apprentissage").check()
        for field, value in {
            "alternant_last_name": "Benoît",
            "alternant_first_name": "Chloé",
            "alternant_birth_date": "2006-03-14",
            "siret": "73282932000074",
            "contract_start": "2026-09-01",
            "contract_end": "2028-08-31",
        }.items():
            contact.locator(f"#id_{field}").fill(value)
        contact.get_by_role("button", name="Valider").click()
        expect(contact.get_by_text("Données de base enregistrées.")).to_be_visible()
        # The other tabs are built by the tabs work; here their completeness is set directly.
        Dossier.objects.filter(pk=dossier.pk).update(is_entry_complete=True)

        # 3. Suivi - Info: Saisie complète → Demande de validation → last warning → Faire la demande.
        contact.goto(f"{base}/dossiers/{dossier.pk}/suivi/")
        expect(contact.locator("#etat")).to_have_text("Saisie complète")
        expect(contact.locator("#action-suivante")).to_have_text("Demande de validation")
        expect(contact.locator("#conseillere")).to_contain_text("conseillere@cfa.test")
        contact.get_by_role("link", name="Demande de validation").click()
        expect(contact.get_by_text("les données ne pourront plus être modifiées")).to_be_visible()
        contact.get_by_role("button", name="Faire la demande").click()
        expect(contact.locator("#etat")).to_have_text("Validation demandée")
        [request_mail] = smtp_sink.bodies_to(formation_manager.email)

        # 4. The responsable validates from the mail's link; the contact is told.
        manager = browser.new_context().new_page()
        log_in(manager, base, formation_manager.email, PASSWORD)
        manager.goto(link_in(request_mail).replace("http://testserver", base))
        manager.get_by_role("button", name="Valider le dossier").click()
        expect(manager.locator("#etat")).to_have_text("Validé par la formation")
        assert any("a validé le dossier" in body for body in smtp_sink.bodies_to(CONTACT))

        # 5. The CFA validates the éléments économiques: the convention becomes available.
        advisor = browser.new_context().new_page()
        log_in(advisor, base, cfa_advisor.email, PASSWORD)
        advisor.goto(f"{base}/dossiers/suivi/?queue=economic")
        advisor.get_by_role("link", name="BENOÎT Chloé").click()
        advisor.get_by_role("button", name="Valider les éléments économiques").click()
        expect(advisor.locator("#action-suivante")).to_have_text("Retour des documents")

        contact.goto(f"{base}/dossiers/{dossier.pk}/suivi/")
        expect(contact.get_by_role("link", name="CERFA", exact=True)).to_be_visible()
        expect(contact.get_by_role("link", name="Convention de formation")).to_be_visible()
        expect(contact.get_by_text("merci d'en informer votre conseiller.ère")).to_be_visible()
        expect(contact.locator("#echeance")).to_contain_text("lundi 7 septembre 2026")

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
        advisor.get_by_label("CERFA visé et tamponné (PDF)").set_input_files(
            pdf_file(tmp_path, "tampon.pdf", "CERFA visé et tamponné")
        )
        advisor.get_by_role("button", name="Valider les documents").click()
        expect(advisor.locator("#etat")).to_have_text("Documents validés (CFA)")
        stamped = [m for m in smtp_sink.messages if m["To"] == CONTACT and list(m.iter_attachments())]
        [attachment] = list(stamped[-1].iter_attachments())
        assert attachment.get_content().startswith(b"%PDF")

        # 8. Envoyé à l'OPCO: tick and validate; the date is recorded.
        contact.goto(f"{base}/dossiers/{dossier.pk}/suivi/")
        contact.get_by_label("Envoyé à l'OPCO").check()
        contact.get_by_role("button", name="Valider").first.click()
        expect(contact.locator("#etat")).to_have_text("Envoyé à l'OPCO")
        dossier.refresh_from_db()
        assert dossier.status == Dossier.Status.SENT_TO_OPCO and dossier.sent_to_opco_at
    finally:
        traveller.stop()
