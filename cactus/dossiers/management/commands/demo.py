"""Load a believable CFA to explore Cactus in five minutes. Safe to run again: nothing is duplicated."""

import io
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from reportlab.pdfgen import canvas

from cactus.accounts.models import CFA_ADMIN_GROUP, CFA_ADVISOR_GROUP, RgpdConsent, User
from cactus.documents.uploads import CheckedPdf
from cactus.dossiers import services, transitions
from cactus.dossiers.models import ContractScheme, Dossier, EntryMode
from cactus.formations.models import Formation

DEFAULT_PASSWORD = "cactus-demo-2026"


class Command(BaseCommand):
    help = "Charge les données de démonstration (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--password", default=DEFAULT_PASSWORD, help="Mot de passe de tous les comptes.")

    # Demo addresses are fictitious: the invitations are recorded but never leave the machine.
    @override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
    @transaction.atomic
    def handle(self, *args, password: str, **options):
        people = {
            "admin": self._user("admin@cfa.test", "Camille", "Administratrice", password, CFA_ADMIN_GROUP),
            "advisor": self._user(
                "conseillere@cfa.test",
                "Sophie",
                "Martin",
                password,
                CFA_ADVISOR_GROUP,
                phone="04 91 00 00 01",
            ),
            "manager": self._user("responsable@cfa.test", "Hélène", "Durand", password),
            "contact": self._user("contact@entreprise.test", "Jérôme", "Lefèvre", password),
            "alternant": self._user("alternant@etudiant.test", "Chloé", "Benoît", password),
        }
        manual = self._formation(
            "Licence professionnelle Métiers de l'informatique – développement web",
            people,
            diploma_code="25032001",
            rncp="RNCP30100",
            level="6",
            validation_mode=Formation.ValidationMode.MANUAL,
            mission_mode=Formation.MissionMode.REQUIRED,
        )
        automatic = self._formation(
            "BTS Management commercial opérationnel",
            people,
            diploma_code="32031213",
            rncp="RNCP38368",
            level="5",
            validation_mode=Formation.ValidationMode.AUTOMATIC,
            mission_mode=Formation.MissionMode.HIDDEN,
        )
        self._dossier(manual, "alternant@etudiant.test", people, base=True)
        self._dossier(manual, "lucas.moreau@etudiant.test", people, base=False)
        self._dossier(automatic, "ines.garcia@etudiant.test", people, base=False)
        load_lifecycle_demo(manual, people)
        self.stdout.write(self.style.SUCCESS("Données de démonstration chargées."))
        self.stdout.write(f"Adresse : {settings.CACTUS_BASE_URL}/")
        self.stdout.write(f"Comptes (mot de passe : {password}) :")
        for key, label in [
            ("admin", "administratrice CFA"),
            ("advisor", "conseillère CFA"),
            ("manager", "responsable de formation"),
            ("contact", "contact alternance"),
            ("alternant", "alternante"),
        ]:
            self.stdout.write(f"  {people[key].email:<28} {label}")

    def _user(self, email, first_name, last_name, password, group=None, phone="") -> User:
        user, _ = User.objects.get_or_create(
            email=email, defaults={"first_name": first_name, "last_name": last_name, "phone": phone}
        )
        user.set_password(password)
        user.save()
        if group:
            user.groups.add(Group.objects.get_or_create(name=group)[0])
        RgpdConsent.objects.get_or_create(user=user, version=settings.RGPD_VERSION)
        return user

    def _formation(self, title, people, **fields) -> Formation:
        formation, _ = Formation.objects.get_or_create(
            title=title,
            defaults={
                "start_date": date(2026, 9, 7),
                "end_date": date(2027, 8, 31),
                "duration_hours": 450,
                "site_name": "Campus Saint-Charles, Marseille",
                "site_uai": "0134009M",
                "site_siret": "13002609700013",
                "cfa_advisor": people["advisor"],
                **fields,
            },
        )
        formation.managers.add(people["manager"])
        return formation

    def _dossier(self, formation, alternant_email, people, *, base: bool) -> Dossier:
        dossier = Dossier.objects.filter(formation=formation, alternant__email=alternant_email).first()
        if dossier is None:
            dossier = services.register_alternant(
                formation=formation,
                alternant_email=alternant_email,
                employer_contact_email=people["contact"].email,
                by=people["manager"],
            )
        if base and not dossier.entry_mode:
            services.save_base_data(
                dossier=dossier,
                by=people["contact"],
                data={
                    "entry_mode": EntryMode.FULL,
                    "scheme": ContractScheme.APPRENTICESHIP,
                    "alternant_last_name": "Benoît",
                    "alternant_first_name": "Chloé",
                    "alternant_birth_date": date(2008, 3, 14),
                    "siret": "73282932000074",
                    "contract_start": date(2026, 9, 1),
                    "contract_end": date(2027, 8, 31),
                },
            )
        return dossier


# --- Life-cycle demo: one dossier in each state of the guide (lifecycle work) ----------------

Status = Dossier.Status
# (alternant e-mail, first name, last name, state to reach, contract start in days from today)
LIFECYCLE_DOSSIERS = [
    ("lea.roux@etudiant.test", "Léa", "Roux", "complete", 20),
    ("hugo.fabre@etudiant.test", "Hugo", "Fabre", Status.VALIDATION_REQUESTED, 15),
    ("emma.blanc@etudiant.test", "Emma", "Blanc", Status.VALIDATED, 10),
    ("nathan.perrin@etudiant.test", "Nathan", "Perrin", "economic_validated", 5),
    ("jade.muller@etudiant.test", "Jade", "Muller", Status.DOCUMENTS_RETURNED, 2),
    ("louis.girard@etudiant.test", "Louis", "Girard", Status.DOCUMENTS_VALIDATED, -1),
    ("manon.andre@etudiant.test", "Manon", "André", Status.DOCUMENTS_VALIDATED, -15),  # late
    ("theo.mercier@etudiant.test", "Théo", "Mercier", Status.SENT_TO_OPCO, -10),
]
STEPS = [
    "complete",
    Status.VALIDATION_REQUESTED,
    Status.VALIDATED,
    "economic_validated",
    Status.DOCUMENTS_RETURNED,
    Status.DOCUMENTS_VALIDATED,
    Status.SENT_TO_OPCO,
]


def _demo_pdf(text: str) -> CheckedPdf:
    buffer = io.BytesIO()
    document = canvas.Canvas(buffer)
    document.drawString(72, 720, text)
    document.showPage()
    document.save()
    return CheckedPdf(data=buffer.getvalue(), original_name=f"{text}.pdf")


def load_lifecycle_demo(formation: Formation, people: dict) -> None:
    """Dossiers in every state, moved there through the real services. Skips those already there."""
    contact, manager, advisor = people["contact"], people["manager"], people["advisor"]
    today = timezone.localdate()
    for email, first_name, last_name, target, start_in in LIFECYCLE_DOSSIERS:
        if Dossier.objects.filter(formation=formation, alternant__email=email).exists():
            continue
        dossier = services.register_alternant(
            formation=formation, alternant_email=email, employer_contact_email=contact.email, by=manager
        )
        start = today + timedelta(days=start_in)
        services.save_base_data(
            dossier=dossier,
            by=contact,
            data={
                "entry_mode": EntryMode.FULL,
                "scheme": ContractScheme.APPRENTICESHIP,
                "alternant_last_name": last_name,
                "alternant_first_name": first_name,
                "alternant_birth_date": date(2005, 6, 1),
                "siret": "73282932000074",
                "contract_start": start,
                "contract_end": start + timedelta(days=730),
            },
        )
        # The other tabs' data belong to the tabs work's demo; their completeness is set here.
        Dossier.objects.filter(pk=dossier.pk).update(is_entry_complete=True)
        for step in STEPS[1 : STEPS.index(target) + 1]:
            _advance(dossier, step, contact=contact, manager=manager, advisor=advisor)


def _advance(dossier: Dossier, step: str, *, contact, manager, advisor) -> None:
    if step == Status.VALIDATION_REQUESTED:
        transitions.request_validation(dossier=dossier, by=contact)
    elif step == Status.VALIDATED:
        transitions.validate_dossier(dossier=dossier, by=manager)
    elif step == "economic_validated":
        transitions.validate_economic_elements(dossier=dossier, by=advisor)
    elif step == Status.DOCUMENTS_RETURNED:
        files = {
            "signed_cerfa": _demo_pdf("CERFA signé"),
            "signed_convention": _demo_pdf("Convention signée"),
        }
        transitions.return_signed_documents(dossier=dossier, files=files, by=contact)
    elif step == Status.DOCUMENTS_VALIDATED:
        transitions.validate_documents(
            dossier=dossier, stamped_cerfa=_demo_pdf("CERFA visé et tamponné"), by=advisor
        )
    elif step == Status.SENT_TO_OPCO:
        transitions.mark_sent_to_opco(dossier=dossier, by=contact)
