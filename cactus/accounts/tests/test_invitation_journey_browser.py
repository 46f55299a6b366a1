"""End to end, in a real browser: a responsable registers an alternant with a contact e-mail, the
contact's invitation arrives over SMTP, the contact chooses a password, accepts RGPD and sees the
dossier in "Vos dossiers"."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_invited_contact_reaches_vos_dossiers(live_server, page, smtp_sink, formation, formation_manager):
    from cactus.accounts.tests.factories import PASSWORD
    from cactus.dossiers.tests.browser import log_in, log_out  # the browser helpers live with the dossiers

    log_in(page, live_server.url, formation_manager.email, PASSWORD)
    page.get_by_role("link", name="Inscrire un alternant").click()
    page.locator('[name="formation"]').select_option(label=formation.title)
    page.get_by_label("E-mail de l'alternant").fill("lea.petit@etudiant.test")
    page.get_by_label("E-mail du contact alternance (facultatif)").fill("rh@entreprise.test")
    page.get_by_role("button", name="Valider").click()
    page.get_by_text("les invitations sont envoyées").wait_for()
    log_out(page)

    [body] = smtp_sink.bodies_to("rh@entreprise.test")
    link = re.search(r"http://testserver(/compte/invitation/\S+/)", body).group(1)
    page.goto(live_server.url + link)
    page.get_by_label("Choisissez votre mot de passe").fill("Cactus-en-fleur-2026")
    page.get_by_label("Confirmez le mot de passe").fill("Cactus-en-fleur-2026")
    page.get_by_role("button", name="Valider").click()

    page.get_by_role("heading", name="Protection de vos données personnelles (RGPD)").wait_for()
    page.get_by_label("J'ai lu les clauses").check()
    page.get_by_role("button", name="Valider").click()

    page.get_by_role("heading", name="Vos dossiers").wait_for()
    row = page.get_by_role("row", name=re.compile("lea.petit@etudiant.test"))
    assert formation.title in row.inner_text()
    row.get_by_role("link", name="Modifier").click()
    page.get_by_role("link", name="Données de base").wait_for()
    assert page.get_by_role("link", name="Suivi - Info").is_visible()
