"""In a real browser: a contract sent to the OPCO → avenant 36 "changement de maître d'apprentissage"
→ its CERFA printed as an avenant → signed → sent to the OPCO."""

from pathlib import Path

import pytest
import time_machine
from playwright.sync_api import expect

from cactus.core.tests.world import make_dossier_in_state
from cactus.core.uploads import CheckedPdf
from cactus.documents.tests.pdfs import pdf_bytes
from cactus.documents.tests.readback import flat_text
from cactus.dossiers import transitions
from cactus.dossiers.models import Dossier
from cactus.dossiers.tests.browser import fill, log_in, open_tab, validate

NUMBER = "075202609000123"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_avenant_changing_the_maitre_d_apprentissage_from_creation_to_the_opco(
    live_server,
    browser,
    smtp_sink,
    formation,
    formation_manager,
    cfa_advisor,
    alternant,
    employer_contact,
    settings,
    tmp_path,
):
    settings.CACTUS_BASE_URL = live_server.url
    base = live_server.url
    traveller = time_machine.travel("2026-11-20 09:00 +0100", tick=True)
    traveller.start()
    try:
        sent = make_dossier_in_state(
            Dossier.Status.SENT_TO_OPCO,
            formation=formation,
            alternant=alternant,
            employer_contact=employer_contact,
        )
        Dossier.objects.filter(pk=sent.pk).update(contract_number=NUMBER)
        contact = browser.new_context(accept_downloads=True).new_page()
        log_in(contact, base, employer_contact.email)

        # 1. "Créer un avenant" from Suivi - Info: type 36, date d'effet, the contract's number proposed.
        contact.goto(f"{base}/dossiers/{sent.pk}/suivi/")
        contact.get_by_role("link", name="Créer un avenant").click()
        expect(contact.get_by_label("Numéro du contrat sur lequel porte l'avenant")).to_have_value(NUMBER)
        contact.get_by_label("Type d'avenant").select_option("36")
        contact.get_by_label("Date d'effet de l'avenant").fill("2026-12-01")
        contact.get_by_role("button", name="Créer un avenant").click()
        expect(contact.locator("#version-avenant")).to_contain_text("Avenant 36")
        avenant = Dossier.objects.get(previous_version=sent)

        # 2. Only the tabs of the type open: La mission is read-only, L'employeur takes the new maître.
        open_tab(contact, base, avenant, "mission")
        expect(contact.get_by_role("button", name="Valider")).to_have_count(0)
        open_tab(contact, base, avenant, "employer")
        fill(contact, {"mentor1-last_name": "Nouvelle", "mentor1-first_name": "Maîtresse"})
        validate(contact, "L'employeur")

        # 3. The same validation as a contract.
        contact.goto(f"{base}/dossiers/{avenant.pk}/suivi/")
        contact.get_by_role("link", name="Demande de validation").click()
        contact.get_by_role("button", name="Faire la demande").click()
        expect(contact.locator("#etat")).to_have_text("Validation demandée")
        transitions.validate_dossier(dossier=avenant, by=formation_manager)
        transitions.validate_economic_elements(dossier=avenant, by=cfa_advisor)

        # 4. Its CERFA, printed as an avenant: the amended contract's number, the new maître.
        contact.goto(f"{base}/dossiers/{avenant.pk}/suivi/")
        with contact.expect_download() as download:
            contact.get_by_role("link", name="CERFA", exact=True).click()
        text = flat_text(Path(download.value.path()).read_bytes())
        assert NUMBER in text and "NOUVELLE" in text.upper()

        # 5. Signed and returned, validated by the CFA, sent to the OPCO.
        for label, name in (("CERFA signé (PDF)", "cerfa.pdf"), ("Convention signée (PDF)", "conv.pdf")):
            path = tmp_path / name
            path.write_bytes(pdf_bytes(name))
            contact.get_by_label(label).set_input_files(str(path))
            contact.get_by_role("button", name="Valider").first.click()
        expect(contact.locator("#etat")).to_have_text("Documents signés retournés")
        stamped = CheckedPdf(data=pdf_bytes("CERFA visé"), original_name="vise.pdf")
        transitions.validate_documents(dossier=avenant, stamped_cerfa=stamped, by=cfa_advisor)
        contact.goto(f"{base}/dossiers/{avenant.pk}/suivi/")
        contact.get_by_label("Envoyé à l'OPCO").check()
        contact.get_by_role("button", name="Valider").first.click()
        expect(contact.locator("#etat")).to_have_text("Envoyé à l'OPCO")

        # 6. The versions side by side.
        contact.get_by_role("link", name="Versions du contrat (avenants)").click()
        expect(contact.get_by_role("row", name="maitre1_nom")).to_contain_text("Nouvelle")
    finally:
        traveller.stop()
