"""Demo data of the life after the signature (dossiers.extensions.add_demo_step): in the "rentrée
décalée" formation, an avenant 36 (new maître d'apprentissage) sent to the OPCO, a rupture whose
apprentice goes on at the CFA as a stagiaire, and that apprentice's second contract with another
employer, paid from the year reached (D6222-28-1, carried over by "Nouveau contrat"); and a
contract cancelled by the CFA before its start."""

from datetime import timedelta

from django.utils import timezone

from cactus.contracts import services
from cactus.contracts.grounds import Initiator, Situation
from cactus.dossiers import services as dossier_services
from cactus.dossiers.management.commands import demo
from cactus.dossiers.models import Dossier
from cactus.dossiers.states import Status
from cactus.formations.models import Formation

AVENANT = demo.LifecycleDossier("ambre.leroy@etudiant.test", "Ambre", "Leroy", "F", Status.SENT_TO_OPCO, -20)
RUPTURE = demo.LifecycleDossier("yanis.morel@etudiant.test", "Yanis", "Morel", "M", Status.SENT_TO_OPCO, -25)
CANCELLED = demo.LifecycleDossier(
    "ines.fontaine@etudiant.test", "Inès", "Fontaine", "F", Status.VALIDATED, 30
)
NEW_CONTACT = "rh@boulangerie-durand.test"


def load_demo(people: dict, stdout) -> None:
    formation = Formation.objects.filter(title__endswith="(rentrée décalée)").first()
    if formation is None or Dossier.objects.filter(alternant__email=AVENANT.email).exists():
        return
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
