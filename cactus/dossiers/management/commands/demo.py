"""Load a believable CFA to explore Cactus in five minutes. Safe to run again: nothing is duplicated."""

from datetime import date

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from cactus.accounts.models import CFA_ADMIN_GROUP, CFA_ADVISOR_GROUP, RgpdConsent, User
from cactus.dossiers import services
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
