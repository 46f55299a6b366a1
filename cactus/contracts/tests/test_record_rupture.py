from datetime import date

import pytest
import time_machine

from cactus.contracts import services
from cactus.contracts.grounds import GROUNDS_BY_KEY, Initiator, Situation
from cactus.contracts.selectors import apprentices_without_employer
from cactus.dossiers import back_office
from cactus.dossiers.exceptions import DossierError
from cactus.dossiers.models import Dossier, DossierEvent
from cactus.dossiers.signals import status_changed

pytestmark = pytest.mark.django_db


def rupture(dossier, by, **overrides):
    values = {
        "ruptured_on": date(2026, 10, 15),
        "initiator": Initiator.EMPLOYER,
        "ground": "probation",
        "situation": Situation.CFA_TRAINEE,
    } | overrides
    return services.record_rupture(dossier=dossier, by=by, **values)


def test_a_rupture_in_the_45_first_days_shows_rompu_le_and_tells_every_party(
    sent_dossier, employer_contact, django_capture_on_commit_callbacks, mailoutbox
):
    # L6222-18 al. 1: either party may break the contract during the 45 first days of practical training.
    heard = []

    def hear(sender, **kwargs):
        heard.append(kwargs["event"].to_status)

    status_changed.connect(hear)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            recorded = rupture(sent_dossier, employer_contact)
    finally:
        status_changed.disconnect(hear)

    sent_dossier.refresh_from_db()
    assert sent_dossier.status == Dossier.Status.RUPTURED
    assert sent_dossier.status_label == "Rompu le 15/10/2026"
    assert recorded.article == "L6222-18 al. 1"
    event = sent_dossier.events.get(to_status=Dossier.Status.RUPTURED)
    assert event.actor == employer_contact
    assert event.changes["rupture"]["article"] == "L6222-18 al. 1"
    assert Dossier.Status.RUPTURED in heard  # the OPCO connector hears it (dossiers.signals)
    addresses = {mail.to[0] for mail in mailoutbox}
    assert {"alternant@etudiant.test", "contact@entreprise.test", "responsable@cfa.test"} <= addresses
    assert "conseillere@cfa.test" in addresses
    assert all("Rompu" in mail.subject or "Rupture" in mail.subject for mail in mailoutbox)
    assert "L6222-18 al. 1" in mailoutbox[0].body


def test_the_alternant_stays_at_the_cfa_as_stagiaire_for_six_months_at_most(sent_dossier, cfa_advisor):
    # L6222-18-2 (rules.md ): 6 months at the CFA after the rupture, situation code 8 (L6231-2 5°).
    recorded = rupture(sent_dossier, cfa_advisor, ruptured_on=date(2026, 10, 15))
    assert recorded.trainee_until == date(2027, 4, 14)


def test_the_back_office_lists_apprentices_without_employer_until_their_six_months_end(
    sent_dossier, cfa_advisor
):
    rupture(sent_dossier, cfa_advisor)
    dossiers = back_office.back_office_dossiers(cfa_advisor)

    listed = apprentices_without_employer(dossiers, date(2026, 12, 1))
    assert [(dossier.pk, found.trainee_until, days) for dossier, found, days in listed] == [
        (sent_dossier.pk, date(2027, 4, 14), 134)
    ]
    counts = {
        key: count for key, _, count in back_office.queue_counts(dossiers, date(2026, 12, 1), scope="t1")
    }
    assert counts["without_employer"] == 1
    assert apprentices_without_employer(dossiers, date(2027, 4, 15)) == []


def test_the_sans_employeur_page_shows_the_day_the_six_months_end(
    client, sent_dossier, cfa_advisor, employer_contact
):
    rupture(sent_dossier, cfa_advisor)
    client.force_login(employer_contact)
    assert client.get("/contrats/sans-employeur/").status_code == 403
    client.force_login(cfa_advisor)
    with time_machine.travel(date(2026, 12, 1), tick=False):
        page = client.get("/contrats/sans-employeur/").content.decode()
    assert "14/04/2027" in page and "134 jours" in page


def test_an_apprentice_with_a_new_employer_is_not_in_the_queue(sent_dossier, cfa_advisor):
    rupture(sent_dossier, cfa_advisor, situation=Situation.NEW_EMPLOYER)
    dossiers = back_office.back_office_dossiers(cfa_advisor)
    assert apprentices_without_employer(dossiers, date(2026, 12, 1)) == []


def test_a_mutual_agreement_must_be_signed_by_both(sent_dossier, cfa_advisor):
    # L6222-18 al. 2: after the 45 days, "d'un commun accord" (or the other cases of the article).
    with pytest.raises(DossierError, match="commun accord"):
        rupture(sent_dossier, cfa_advisor, ground="mutual_agreement", initiator=Initiator.EMPLOYER)
    rupture(sent_dossier, cfa_advisor, ground="mutual_agreement", initiator=Initiator.BOTH)


def test_obtaining_the_diploma_is_a_rupture_at_the_apprentices_initiative(sent_dossier, cfa_advisor):
    # L6222-19: the apprentice may end the contract before its term once the diploma is obtained,
    # the employer informed (R6222-23: in writing, at least one month before).
    with pytest.raises(DossierError):
        rupture(sent_dossier, cfa_advisor, ground="diploma", initiator=Initiator.EMPLOYER, situation="stops")
    recorded = rupture(
        sent_dossier, cfa_advisor, ground="diploma", initiator=Initiator.APPRENTICE, situation="new_employer"
    )
    assert recorded.article == "L6222-19, R6222-23"
    assert recorded.trainee_until is None


@pytest.mark.parametrize(
    ("ground", "initiator", "article"),
    [
        ("dismissal", Initiator.EMPLOYER, "L6222-18 al. 3"),  # force majeure, faute grave, inaptitude, death
        ("resignation", Initiator.APPRENTICE, "L6222-18 al. 4, D6222-21-1"),  # after the médiateur
        ("cfa_exclusion", Initiator.EMPLOYER, "L6222-18-1"),  # exclusion from the CFA
        ("liquidation", Initiator.LIQUIDATOR, "L6222-18 al. 5"),  # liquidation judiciaire
    ],
)
def test_each_ground_records_its_article(sent_dossier, cfa_advisor, ground, initiator, article):
    recorded = rupture(sent_dossier, cfa_advisor, ground=ground, initiator=initiator, situation="stops")
    assert recorded.article == article == GROUNDS_BY_KEY[ground].article


def test_in_a_liquidation_judiciaire_the_liquidator_notifies_the_rupture(sent_dossier, cfa_advisor):
    # L6222-18 al. 5: "le liquidateur notifie la rupture du contrat à l'apprenti", not the employer.
    with pytest.raises(DossierError, match="liquidateur judiciaire"):
        rupture(sent_dossier, cfa_advisor, ground="liquidation", initiator=Initiator.EMPLOYER)


@pytest.mark.parametrize("ground", ["diploma", "cfa_exclusion"])
def test_the_six_months_at_the_cfa_follow_a_rupture_under_l6222_18_only(sent_dossier, cfa_advisor, ground):
    # L6222-18-2: "en cas de rupture du contrat d'apprentissage en application de l'article L. 6222-18";
    # neither the diploma (L6222-19) nor the exclusion from the CFA (L6222-18-1) opens the six months.
    initiator = GROUNDS_BY_KEY[ground].initiators
    with pytest.raises(DossierError, match="L6222-18-2"):
        rupture(sent_dossier, cfa_advisor, ground=ground, initiator=next(iter(initiator)))
    assert not Dossier.objects.filter(pk=sent_dossier.pk, status=Dossier.Status.RUPTURED).exists()
    # The L6222-18 grounds open them (al. 1 to al. 5).
    assert {key for key, rule in GROUNDS_BY_KEY.items() if rule.allows_cfa_trainee} == {
        "probation",
        "mutual_agreement",
        "dismissal",
        "resignation",
        "liquidation",
    }


def test_a_rupture_cannot_precede_the_contract_start_nor_be_recorded_twice(sent_dossier, cfa_advisor):
    with pytest.raises(DossierError, match="annule"):
        rupture(sent_dossier, cfa_advisor, ruptured_on=date(2026, 8, 31))
    rupture(sent_dossier, cfa_advisor)
    with pytest.raises(DossierError, match="déjà"):
        rupture(sent_dossier, cfa_advisor)
    assert DossierEvent.objects.filter(dossier=sent_dossier, to_status=Dossier.Status.RUPTURED).count() == 1


def test_a_dossier_still_in_entry_cannot_be_broken(dossier, cfa_advisor):
    with pytest.raises(DossierError):
        rupture(dossier, cfa_advisor)


@time_machine.travel(date(2026, 10, 20), tick=False)
def test_the_rupture_page_records_it_and_refuses_the_alternant(
    client, sent_dossier, employer_contact, alternant
):
    client.force_login(alternant)
    assert client.get(f"/contrats/{sent_dossier.pk}/rupture/").status_code == 403
    client.force_login(employer_contact)
    response = client.post(
        f"/contrats/{sent_dossier.pk}/rupture/",
        {
            "ruptured_on": "2026-10-15",
            "initiator": "employer",
            "ground": "probation",
            "situation": "cfa_trainee",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/dossiers/{sent_dossier.pk}/suivi/").content.decode()
    assert "Rompu le 15/10/2026" in page
    assert "14/04/2027" in page


def test_a_contrat_de_professionnalisation_is_broken_under_the_common_rules(sent_dossier, cfa_advisor):
    # L6222-18 is the apprenticeship's; a contrat de professionnalisation (CDD or CDI, L6325-5) follows the
    # common rules: L1242-10, L1243-1, L1243-2 for a CDD, L1221-19, L1231-1 for a CDI.
    Dossier.objects.filter(pk=sent_dossier.pk).update(scheme="professionalisation")
    sent_dossier.refresh_from_db()
    with pytest.raises(DossierError, match="motif"):
        rupture(sent_dossier, cfa_advisor, ground="probation")
    with pytest.raises(DossierError, match="L6222-18-2"):
        rupture(sent_dossier, cfa_advisor, ground="professionalisation")
    recorded = rupture(sent_dossier, cfa_advisor, ground="professionalisation", situation=Situation.STOPS)
    assert recorded.article == "L1242-10, L1243-1, L1243-2 (CDD) ; L1221-19, L1231-1 (CDI)"
