"""Demo data of the life after the signature (dossiers.extensions.add_demo_step): in the "rentrée
décalée" formation, an avenant 36 (new maître d'apprentissage) sent to the OPCO, a rupture whose
apprentice goes on at the CFA as a stagiaire, and that apprentice's second contract with another
employer, paid from the year reached (D6222-28-1, carried over by "Nouveau contrat"); a contract
cancelled by the CFA before its start; and the pay floor of D6222-29: a BTS contract ended by the
diploma (L6222-19) in its 2nd year, then a licence with another employer whose 1st year is paid at
least the minimum of the BTS's last year.

Clément Bonnet, born 1 June 2005 (demo.BIRTH_DATE): 21 when his BTS ends, so the minimum of his
2nd year was 61 % of the SMIC (D6222-26); the licence's 1st year at 21 is 53 %, and the floor of
D6222-29 (2nd paragraph, another employer) raises the proposal to 61 %.
"""

from dataclasses import replace
from datetime import timedelta

from django.utils import timezone

from cactus.contracts import services
from cactus.contracts.grounds import Initiator, Situation
from cactus.dossiers import services as dossier_services
from cactus.dossiers.management.commands import demo
from cactus.dossiers.models import Dossier
from cactus.dossiers.states import Status
from cactus.formations.models import Formation
from cactus.law.dates import add_months, last_day_within

AVENANT = demo.LifecycleDossier("ambre.leroy@etudiant.test", "Ambre", "Leroy", "F", Status.SENT_TO_OPCO, -20)
RUPTURE = demo.LifecycleDossier("yanis.morel@etudiant.test", "Yanis", "Morel", "M", Status.SENT_TO_OPCO, -25)
CANCELLED = demo.LifecycleDossier(
    "ines.fontaine@etudiant.test", "Inès", "Fontaine", "F", Status.VALIDATED, 30
)
NEW_CONTACT = "rh@boulangerie-durand.test"

# The D6222-29 floor: a 2-year BTS ended by the diploma, then a licence (not a licence professionnelle,
# whose 2nd-year rates, D6222-32, would equal the floor) with another employer.
DIPLOMA = demo.LifecycleDossier(
    "clement.bonnet@etudiant.test", "Clément", "Bonnet", "M", Status.SENT_TO_OPCO, 0, months=24
)
BTS_TITLE = "BTS Management commercial opérationnel (promotion sortante)"
LICENCE_TITLE = "Licence Gestion – parcours Commerce et distribution (3e année)"
FLOOR_CONTACT = "rh@negoce-provence.test"


def load_demo(people: dict, stdout) -> None:
    formation = Formation.objects.filter(title__endswith="(rentrée décalée)").first()
    if formation is not None and not Dossier.objects.filter(alternant__email=AVENANT.email).exists():
        load_amendment_rupture_and_cancellation(formation, people, stdout)
    if not Dossier.objects.filter(alternant__email=DIPLOMA.email).exists():
        load_diploma_then_next_contract(people, stdout)


def load_amendment_rupture_and_cancellation(formation: Formation, people: dict, stdout) -> None:
    demo.load_lifecycle_demo(formation, people, entries=[AVENANT, RUPTURE, CANCELLED])
    today = timezone.localdate()
    sent = Dossier.objects.get(formation=formation, alternant__email=AVENANT.email)
    Dossier.objects.filter(pk=sent.pk).update(contract_number="013202611000101")
    avenant = services.create_amendment(
        dossier=sent,
        by=people["contact"],
        amendment_type="36",
        effective_on=today,
        previous_number="013202611000101",
    )
    mentor = demo.employer_values() | {"mentor1-last_name": "Garnier", "mentor1-first_name": "Paul"}
    dossier_services.submit_page(dossier=avenant, key="employer", values=mentor, by=people["contact"])
    for step in demo.STEPS[1:]:
        demo._advance(Dossier.objects.get(pk=avenant.pk), step, people)

    broken = Dossier.objects.get(formation=formation, alternant__email=RUPTURE.email)
    ruptured_on = broken.contract_start + timedelta(days=20)
    services.record_rupture(
        dossier=broken,
        by=people["advisor"],
        ruptured_on=ruptured_on,
        initiator=Initiator.BOTH,
        ground="probation",
        situation=Situation.CFA_TRAINEE,
        comment="L'apprenti poursuit sa formation au CFA et cherche un nouvel employeur.",
    )
    second = services.create_next_contract(
        dossier=broken, by=people["advisor"], employer_contact_email=NEW_CONTACT
    )
    base = {
        "entry_mode": broken.entry_mode,
        "scheme": broken.scheme,
        "alternant_last_name": broken.alternant_last_name,
        "alternant_first_name": broken.alternant_first_name,
        "alternant_birth_date": broken.alternant_birth_date,
        "siret": "35600000000048",
        "contract_start": ruptured_on + timedelta(days=7),
        "contract_end": broken.contract_end,
    }
    dossier_services.save_base_data(dossier=second, data=base, by=people["advisor"])
    cancelled = Dossier.objects.get(formation=formation, alternant__email=CANCELLED.email)
    services.cancel_contract(
        dossier=cancelled,
        by=people["advisor"],
        reason="L'employeur renonce à l'embauche avant le début du contrat.",
    )
    stdout.write(
        f"Après la signature : avenant 36 (dossier {avenant.pk}), rupture (dossier {broken.pk}), "
        f"nouveau contrat (dossier {second.pk}, contact {NEW_CONTACT})."
    )


def load_diploma_then_next_contract(people: dict, stdout) -> Dossier:
    """A BTS contract (2 years, dates from today) sent to the OPCO, ended by the diploma after the
    exams (L6222-19), and its "Nouveau contrat" in a licence with another employer, starting next
    month: Les données du contrat proposes the floor of D6222-29 instead of the 1st-year rate.
    """
    today = timezone.localdate()
    # The BTS began 27 months ago; its exams ended 5 months ago (R-6.4: within the contract, which
    # ends at most 2 months after them, R-5.5); the contract covers the whole cycle.
    bts_start = add_months(today, -27)
    bts = demo.demo_formation(
        BTS_TITLE,
        people,
        diploma_code="32031213",
        rncp="RNCP38368",
        level="5",
        start_date=bts_start,
        end_date=add_months(bts_start, 22),
        duration_hours=1350,
        teaching_hours=1350,
        distance_hours=135,
    )
    licence_start = add_months(today, 1)
    licence = demo.demo_formation(
        LICENCE_TITLE,
        people,
        diploma_code="20031407",
        rncp="RNCP24437",
        level="6",
        start_date=licence_start,
        end_date=licence_start + timedelta(days=364),
        validation_mode=Formation.ValidationMode.MANUAL,
        mission_mode=Formation.MissionMode.REQUIRED,
    )
    for formation in (bts, licence):
        demo.add_calendar_and_programme(formation)
    entry = replace(DIPLOMA, start_in=(bts_start - today).days)
    demo.load_lifecycle_demo(bts, people, entries=[entry], first_serial=60)
    previous = Dossier.objects.get(formation=bts, alternant__email=DIPLOMA.email)
    Dossier.objects.filter(pk=previous.pk).update(contract_number="013202409000417")
    previous.refresh_from_db()
    services.record_rupture(
        dossier=previous,
        by=people["advisor"],
        ruptured_on=bts.end_date + timedelta(days=14),  # the day after the results, a month's notice
        initiator=Initiator.APPRENTICE,
        ground="diploma",
        situation=Situation.NEW_EMPLOYER,
        comment="BTS obtenu : l'alternant poursuit en licence avec un nouvel employeur.",
    )
    following = services.create_next_contract(
        dossier=previous, by=people["advisor"], formation=licence, employer_contact_email=FLOOR_CONTACT
    )
    base = {
        "entry_mode": previous.entry_mode,
        "scheme": previous.scheme,
        "alternant_last_name": previous.alternant_last_name,
        "alternant_first_name": previous.alternant_first_name,
        "alternant_birth_date": previous.alternant_birth_date,
        "siret": "35600000000048",
        "contract_start": licence_start,
        "contract_end": last_day_within(licence_start, 12),
    }
    dossier_services.save_base_data(dossier=following, data=base, by=people["advisor"])
    stdout.write(
        f"Plancher D6222-29 : BTS rompu au diplôme (dossier {previous.pk}), licence avec un autre employeur "
        f"(dossier {following.pk}, contact {FLOOR_CONTACT}) payée au moins comme la 2e année du BTS."
    )
    return Dossier.objects.get(pk=following.pk)
