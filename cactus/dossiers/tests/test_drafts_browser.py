"""In chromium: what is typed on L'employeur survives a change of page and a reload, as a draft, and
never reaches the dossier's data nor its CERFA."""

import re
import time

import pytest
from playwright.sync_api import expect

from cactus.documents.renderers import cerfa_apprentissage
from cactus.documents.tests.readback import flat_text
from cactus.dossiers import services
from cactus.dossiers.models import Dossier, TabDraft
from cactus.dossiers.tests import tab_data
from cactus.dossiers.tests.browser import go_to_tab, log_in, open_tab, tab_link

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]
TYPED = "Boulangerie du Vieux-Port"


def test_a_draft_survives_a_change_of_page_and_a_reload(live_server, page, dossier, employer_contact):
    services.submit_page(dossier=dossier, key="base", values=tab_data.base_values(), by=employer_contact)
    log_in(page, live_server.url, employer_contact.email)
    open_tab(page, live_server.url, dossier, "employer")

    page.locator('[name="employer-name"]').fill(TYPED)
    page.locator('[name="employer-city"]').fill("Marseille")
    expect(page.locator("#etat-brouillon")).to_contain_text("Brouillon enregistré")

    go_to_tab(page, "Les données du contrat")
    go_to_tab(page, "L'employeur")
    expect(page.locator('[name="employer-name"]')).to_have_value(TYPED)
    expect(page.locator('[name="employer-city"]')).to_have_value("Marseille")
    expect(page.locator("#brouillon")).to_contain_text(
        re.compile(r"Brouillon non validé du .* : cliquez sur « Valider »")
    )

    page.reload()
    expect(page.locator('[name="employer-name"]')).to_have_value(TYPED)
    # Never data: no check mark, nothing stored on the dossier.
    expect(tab_link(page, "L'employeur").locator(".tab-check")).to_have_count(0)
    assert not Dossier.objects.filter(pk=dossier.pk, employer__isnull=False).exists()


def test_leaving_with_a_change_not_yet_kept_asks_first(live_server, page, dossier, employer_contact):
    services.submit_page(dossier=dossier, key="base", values=tab_data.base_values(), by=employer_contact)
    log_in(page, live_server.url, employer_contact.email)
    open_tab(page, live_server.url, dossier, "employer")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))

    page.locator('[name="employer-name"]').click()
    page.keyboard.type("Ab")  # the draft is sent 0.8 s after the last key: not kept yet
    with page.expect_event("close"):
        page.close(run_before_unload=True)

    assert dialogs == ["beforeunload"]
    # Leaving sent the typing as a draft (keepalive request): it arrives, and the test waits for it
    # rather than ending while the live server still writes (the next test's flush would meet it).
    draft = TabDraft.objects.filter(dossier=dossier, tab="employer", author=employer_contact)
    for _ in range(100):
        if draft.exists():
            break
        time.sleep(0.1)
    assert draft.get().values["employer-name"] in ("Ab", ["Ab"])


def test_a_draft_on_a_complete_dossier_survives_a_reload_and_never_reaches_the_cerfa(
    live_server, page, complete_dossier, employer_contact
):
    log_in(page, live_server.url, employer_contact.email)
    open_tab(page, live_server.url, complete_dossier, "employer")
    page.locator('[name="employer-name"]').fill(TYPED)
    expect(page.locator("#etat-brouillon")).to_contain_text("Brouillon enregistré")

    go_to_tab(page, "La mission")
    page.reload()
    go_to_tab(page, "L'employeur")
    page.reload()
    expect(page.locator('[name="employer-name"]')).to_have_value(TYPED)

    # The CERFA prints the validated L'employeur; the tab keeps its check mark from that data.
    text = flat_text(cerfa_apprentissage.render_dossier(Dossier.objects.get(pk=complete_dossier.pk)))
    assert "Société Méditerranéenne d'Études" in text
    assert TYPED not in text
    expect(tab_link(page, "L'employeur").locator(".tab-check")).to_be_visible()
