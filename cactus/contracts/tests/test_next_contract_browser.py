"""In a real browser: rupture after the diploma (L6222-19) → "Nouveau contrat pour cet alternant"
with another employer → Les données du contrat proposes at least the D6222-29 floor."""

import re
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from playwright.sync_api import expect

from cactus.accounts.tests.factories import UserFactory
from cactus.core.tests.world import make_dossier_in_state
from cactus.dossiers.models import Contract, Dossier, RemunerationLine
from cactus.dossiers.tests import tab_data
from cactus.dossiers.tests.browser import fill, log_in, open_tab, validate
from cactus.formations.tests.factories import FormationFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_rupture_then_a_new_contract_with_another_employer_paid_at_least_the_floor(
    live_server, browser, smtp_sink, formation, cfa_advisor, alternant, employer_contact, settings
):
    settings.CACTUS_BASE_URL = live_server.url
    base = live_server.url
    traveller = time_machine.travel("2027-07-05 09:00 +0200", tick=True)
    traveller.start()
    try:
        sent = make_dossier_in_state(
            Dossier.Status.SENT_TO_OPCO,
            formation=formation,
            alternant=alternant,
            employer_contact=employer_contact,
        )
        # The contract covered the 2nd year of the cycle, paid 51 % (18–20 years, D6222-26).
        Contract.objects.filter(dossier=sent).update(first_cycle_year=2)
        RemunerationLine.objects.filter(dossier=sent).update(year=2, rate=Decimal("51.00"))
        higher = FormationFactory(
            title="Licence professionnelle", start_date=date(2027, 9, 6), end_date=date(2028, 8, 31)
        )
        new_contact = UserFactory(email="rh@autre-employeur.test")
        advisor = browser.new_context().new_page()
        log_in(advisor, base, cfa_advisor.email)

        # 1. The CFA records the rupture: the diploma is obtained (L6222-19), at the apprentice's initiative.
        advisor.goto(f"{base}/dossiers/{sent.pk}/suivi/")
        advisor.get_by_role("link", name="Enregistrer la rupture").click()
        advisor.get_by_label("Date de la rupture").fill("2027-07-01")
        advisor.get_by_label("À l'initiative de").select_option("apprentice")
        advisor.get_by_label("Motif (article du code du travail)").select_option("diploma")
        advisor.get_by_label("Situation de l'alternant après la rupture").select_option("new_employer")
        advisor.get_by_role("button", name="Enregistrer la rupture").click()
        expect(advisor.locator("#etat")).to_have_text("Rompu le 01/07/2027")
        assert smtp_sink.bodies_to(employer_contact.email) and smtp_sink.bodies_to(alternant.email)

        # 2. "Nouveau contrat pour cet alternant", in the licence, with another employer's contact.
        advisor.get_by_role("link", name="Nouveau contrat pour cet alternant").click()
        advisor.get_by_label("Formation").select_option(str(higher.pk))
        advisor.get_by_label("E-mail du contact alternance du nouvel employeur").fill(new_contact.email)
        advisor.get_by_role("button", name="Créer le nouveau contrat").click()
        expect(advisor.locator("#annee-atteinte")).to_contain_text("2e année, taux perçu 51")
        created = Dossier.objects.get(previous_version=sent)

        # 3. The new employer enters the dates; the contract page proposes the floor, not 43 %.
        contact = browser.new_context().new_page()
        log_in(contact, base, new_contact.email)
        open_tab(contact, base, created, "base")
        fill(
            contact,
            tab_data.base_values(
                contract_start="2027-09-06", contract_end="2028-08-31", siret="35600000000048"
            ),
        )
        validate(contact, "Données de base")
        open_tab(contact, base, created, "contract")
        expect(contact.locator('[name="contract-contract_type"]')).to_have_value("22")
        # D6222-29 al. 2: at least the minimum of the previous contract's last year (51 %).
        expect(contact.locator('[name="remuneration-rate_1_1"]')).to_have_value(re.compile(r"^51([.,]0+)?$"))
    finally:
        traveller.stop()
