"""In a real browser: the CFA validates the documents, the dossier goes to the sandbox OPCO, and the
contact alternance sees it go from "Envoyé à l'OPCO" to "Engagé" with its DECA number."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cactus.dossiers.tests.browser import log_in
from cactus.opco.models import Deposit
from cactus.opco.sandbox import deca_number_for
from cactus.opco.tests.conftest import WEBHOOK_SECRET, pdf


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_from_the_documents_validation_to_engage_against_the_sandbox(
    live_server,
    browser,
    connection,
    sandbox,
    returned_dossier,
    cfa_advisor,
    employer_contact,
    settings,
    tmp_path,
):
    settings.CACTUS_BASE_URL = base = live_server.url
    sandbox.state.webhook_url = base + reverse("opco:notification", args=[connection.pk])
    sandbox.state.webhook_secret = WEBHOOK_SECRET
    dossier = returned_dossier

    # The conseillère validates the documents: Cactus deposits the dossier with the OPCO.
    advisor = browser.new_context().new_page()
    log_in(advisor, base, cfa_advisor.email)
    advisor.goto(f"{base}/dossiers/suivi/{dossier.pk}/")
    stamped = tmp_path / "tampon.pdf"
    stamped.write_bytes(pdf("CERFA visé et tamponné").data)
    advisor.get_by_label("CERFA visé et tamponné (PDF)").set_input_files(str(stamped))
    advisor.get_by_role("button", name="Valider les documents").click()
    expect(advisor.locator("#etat")).to_have_text("Envoyé à l'OPCO")

    contact = browser.new_context().new_page()
    log_in(contact, base, employer_contact.email)
    contact.goto(f"{base}/dossiers/{dossier.pk}/suivi/")
    expect(contact.locator("#etat")).to_have_text("Envoyé à l'OPCO")
    expect(contact.locator("#etat-opco")).to_have_text("Transmis à l'OPCO")
    expect(contact.locator("#echeance-opco")).to_contain_text("encore 20 jours")

    # The OPCO engages the contract; its signed notification reaches Cactus.
    deposit = Deposit.objects.get(dossier=dossier)
    sandbox.state.decide(deposit.opco_number, "ENGAGE")
    assert sandbox.state.webhooks_sent[-1]["reponse"] == 200

    contact.reload()
    expect(contact.locator("#etat-opco")).to_have_text("Engagé")
    expect(contact.locator("#numero-deca")).to_have_text(deca_number_for(deposit.opco_number))
    expect(contact.locator("#chronologie-opco li")).to_have_count(3)
    expect(contact.get_by_role("table", name="Échéancier").locator("tbody tr")).to_have_count(4)
    expect(contact.locator("#echeance-opco")).to_have_count(0)
