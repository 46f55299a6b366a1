"""Load a believable CFA to explore Cactus in five minutes. Safe to run again: nothing is duplicated."""

import io
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from reportlab.pdfgen import canvas

from cactus.accounts.models import CFA_ADMIN_GROUP, CFA_ADVISOR_GROUP, RgpdConsent, User
from cactus.core.uploads import CheckedPdf
from cactus.dossiers import extensions, services, transitions
from cactus.dossiers.contract_forms import legal_lines
from cactus.dossiers.models import ContractScheme, Dossier, Employer, EntryMode
from cactus.formations.models import Formation, FormationModule, FormationPeriod
from cactus.law.dates import last_day_within

DEFAULT_PASSWORD = "cactus-demo-2026"


class Command(BaseCommand):
    help = "Charge les données de démonstration (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--password", default=DEFAULT_PASSWORD, help="Mot de passe de tous les comptes.")

    def handle(self, *args, password: str, **options):
        people = self._load(password)
        self.stdout.write(self.style.SUCCESS("Données de démonstration chargées."))
        self.stdout.write(f"Adresse : {settings.CACTUS_BASE_URL}/")
        self.stdout.write(f"E-mails : {where_emails_go()}")
        self.stdout.write(f"Recherche d'entreprise par SIRET : {company_search_mode()}")
        # The accounts last: they are what a newcomer looks for when the server starts.
        self.stdout.write(f"Comptes (mot de passe : {password}) :")
        for key, label in [
            ("admin", "administratrice CFA"),
            ("advisor", "conseillère CFA"),
            ("manager", "responsable de formation"),
            ("contact", "contact alternance"),
            ("alternant", "alternante"),
        ]:
            self.stdout.write(f"  {people[key].email:<28} {label}")

    # Demo addresses are fictitious: the invitations are recorded but never leave the machine.
    @override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
    @transaction.atomic
    def _load(self, password: str) -> dict:
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
        manual = demo_formation(
            "Licence professionnelle Métiers de l'informatique – développement web",
            people,
            diploma_code="25032001",
            rncp="RNCP30100",
            level="6",
            validation_mode=Formation.ValidationMode.MANUAL,
            mission_mode=Formation.MissionMode.REQUIRED,
        )
        automatic = demo_formation(
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
        self._complete_apprenticeship_with_a_minor(manual, people)
        self._simple_professionalisation_with_billing(automatic, people)
        self._public_employer(manual, people)
        # A rentrée décalée of the licence, starting a month ago: its dossiers' dates follow today.
        start = timezone.localdate() - timedelta(days=30)
        delayed = demo_formation(
            "Licence professionnelle Métiers de l'informatique – développement web (rentrée décalée)",
            people,
            diploma_code="25032001",
            rncp="RNCP30100",
            level="6",
            validation_mode=Formation.ValidationMode.MANUAL,
            mission_mode=Formation.MissionMode.REQUIRED,
            start_date=start,
            end_date=start + timedelta(days=364),
        )
        for formation in (manual, automatic, delayed):
            add_calendar_and_programme(formation)
        load_lifecycle_demo(delayed, people)
        # The apps above dossiers (OPCO, signatures…) add their own demo data (extensions.add_demo_step).
        for step in extensions.demo_steps():
            step(people, self.stdout)
        return people

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

    # Complete dossiers, entered through the tabs' own forms (so they pass every rule) -------------

    def _filled_dossier(self, formation, email, people, base: dict, pages) -> None:
        """Register `email` in `formation` and fill its tabs, unless that was done on a previous run."""
        dossier = self._dossier(formation, email, people, base=False)
        if not Employer.objects.filter(dossier=dossier).exists():
            fill_tabs(dossier, people, base, pages)

    def _complete_apprenticeship_with_a_minor(self, formation, people) -> None:
        """Saisie complète, a minor with her legal representative, two maîtres, a birthday in year 1."""
        base = {
            "entry_mode": EntryMode.FULL,
            "scheme": ContractScheme.APPRENTICESHIP,
            "alternant_last_name": "Lefèvre-Noël",
            "alternant_first_name": "Zoé",
            "alternant_birth_date": date(2009, 3, 14),  # 18 on 14/03/2027: 27 % then 43 % from 01/04/2027
            "siret": "73282932000074",
            "contract_start": date(2026, 9, 1),
            "contract_end": date(2027, 8, 31),
        }
        self._filled_dossier(
            formation,
            "zoe.lefevre-noel@etudiant.test",
            people,
            base,
            [
                ("employer", employer_values(mentor2=True)),
                ("alternant", alternant_values("2090313055123", sex="F", representative=True)),
                ("student_life", STUDENT_LIFE),
                ("contract", contract_values),
                ("mission", MISSION),
            ],
        )

    def _simple_professionalisation_with_billing(self, formation, people) -> None:
        base = {
            "entry_mode": EntryMode.SIMPLE,
            "scheme": ContractScheme.PROFESSIONALISATION,
            "alternant_last_name": "Garçon",
            "alternant_first_name": "Mathis",
            "alternant_birth_date": date(2003, 11, 20),
            "siret": "73282932000074",
            "contract_start": date(2026, 9, 1),
            "contract_end": date(2027, 8, 31),
        }
        self._filled_dossier(
            formation,
            "mathis.garcon@etudiant.test",
            people,
            base,
            [
                ("employer", employer_values(billing=True)),
                ("alternant", alternant_values("1031113055042", sex="M", highest_diploma="54")),
                ("student_life", STUDENT_LIFE),
            ],
        )

    def _public_employer(self, formation, people) -> None:
        base = {
            "entry_mode": EntryMode.SIMPLE,
            "scheme": ContractScheme.APPRENTICESHIP,
            "alternant_last_name": "Benali",
            "alternant_first_name": "Yanis",
            "alternant_birth_date": date(2003, 11, 20),
            "siret": "21130055300016",
            "contract_start": date(2026, 9, 1),
            "contract_end": date(2027, 8, 31),
        }
        self._filled_dossier(
            formation,
            "yanis.benali@etudiant.test",
            people,
            base,
            [
                (
                    "employer",
                    employer_values(name="Ville de Marseille", employer_type="22", billing=True, idcc="9999"),
                ),
                ("alternant", alternant_values("1031113055042", sex="M")),
                ("student_life", STUDENT_LIFE),
                ("mission", MISSION),
            ],
        )


def demo_formation(title: str, people: dict, **fields) -> Formation:
    """The demo formation `title` (created once): the CFA's site, the advisor, the manager; `fields` override."""
    formation, _ = Formation.objects.get_or_create(
        title=title,
        defaults={
            "start_date": date(2026, 9, 7),
            "end_date": date(2027, 8, 31),
            "duration_hours": 450,
            "distance_hours": 45,
            "site_name": "Campus Saint-Charles, Marseille",
            "site_uai": "0134009M",
            "site_siret": "13001533200013",
            "site_street": "3 place Victor Hugo",
            "site_postal_code": "13003",
            "site_city": "Marseille",
            "teaching_hours": 450,
            # Economic terms shown on the convention: cost of the course and the OPCO's NPEC.
            "annual_cost": Decimal("8900.00"),
            "npec": Decimal("8250.00"),
            "cfa_advisor": people["advisor"],
            **fields,
        },
    )
    # The demo's formations pass the checks of the Formations page (UAI, RNCP, code diplôme, SIRET).
    formation.full_clean()
    formation.managers.add(people["manager"])
    return formation


# The programme of every demo formation: (title, share of the hours, content).
MODULES = [
    ("Enseignements généraux", 0.2, "Communication professionnelle, anglais, culture économique."),
    ("Méthodes et outils du métier", 0.3, "Gestion de projet, outils collaboratifs, qualité."),
    ("Pratique professionnelle", 0.3, "Études de cas tirées des missions en entreprise."),
    ("Projet tutoré", 0.2, "Un projet mené en équipe, soutenu devant un jury."),
]


def add_calendar_and_programme(formation: Formation) -> None:
    """The calendar (two weeks at the CFA, two in the company, then the exams) and the programme."""
    if not formation.periods.exists():
        day, periods = formation.start_date, []
        while day + timedelta(days=28) < formation.end_date - timedelta(days=14):
            periods += [
                FormationPeriod(
                    formation=formation, place="cfa", start_date=day, end_date=day + timedelta(days=11)
                ),
                FormationPeriod(
                    formation=formation,
                    place="company",
                    start_date=day + timedelta(days=14),
                    end_date=day + timedelta(days=25),
                ),
            ]
            day += timedelta(days=28)
        periods.append(
            FormationPeriod(
                formation=formation,
                place="cfa",
                start_date=day,
                end_date=day + timedelta(days=4),
                label="Examens",
            )
        )
        FormationPeriod.objects.bulk_create(periods)
    if not formation.modules.exists():
        FormationModule.objects.bulk_create(
            FormationModule(
                formation=formation,
                position=position,
                title=title,
                hours=round(formation.duration_hours * share),
                description=description,
            )
            for position, (title, share, description) in enumerate(MODULES, start=1)
        )


def fill_tabs(dossier: Dossier, people: dict, base: dict, pages) -> Dossier:
    """Enter Données de base, then each (tab key, values) page through the tabs' own forms and services.

    `values` may be a function of the dossier (the contract's rates depend on the data entered
    before). The alternant enters their own tabs, the contact alternance the others.
    """
    contact, alternant = people["contact"], dossier.alternant
    services.save_base_data(dossier=dossier, data=base, by=contact)
    for key, values in pages:
        dossier = Dossier.objects.get(pk=dossier.pk)
        by = alternant if key in ("alternant", "student_life") else contact
        values = values(dossier) if callable(values) else values
        services.submit_page(dossier=dossier, key=key, values=values, by=by)
    return Dossier.objects.get(pk=dossier.pk)


def where_emails_go() -> str:
    """Where this server's e-mails end up, in words (EMAIL_BACKEND), for the demo's last lines."""
    backend = settings.EMAIL_BACKEND.rsplit(".", 2)[-2]
    if backend == "console":
        return "affichés dans ce terminal, sous les requêtes du serveur (EMAIL_BACKEND console), pas envoyés"
    if backend == "smtp":
        return f"envoyés par SMTP à {settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
    if backend == "filebased":
        return f"écrits dans {settings.EMAIL_FILE_PATH}"
    return f"non envoyés ({settings.EMAIL_BACKEND})"


def company_search_mode() -> str:
    if settings.COMPANY_SEARCH_URL:
        return settings.COMPANY_SEARCH_URL
    return "hors ligne (COMPANY_SEARCH_URL vide) : les informations de l'entreprise se saisissent à la main"


def with_nir_key(number: str) -> str:
    """The 13-digit NIR followed by its key (R-12.2)."""
    return f"{number}{97 - int(number) % 97:02d}"


def employer_values(
    *,
    name="Société Méditerranéenne d'Études",
    employer_type="12",
    billing=False,
    mentor2=False,
    idcc="1486",
    monegasque=False,
):
    values = {
        "employer-name": name,
        "employer-address_number": "12",
        "employer-address_street": "boulevard des Moulins" if monegasque else "rue de la République",
        "employer-postal_code": "98000" if monegasque else "13002",
        "employer-city": "Monaco" if monegasque else "Marseille",
        "employer-phone": "04 91 00 00 00",
        "employer-email": "rh@sme.test",
        "employer-employer_type": employer_type,
        "employer-specific_employer": "0",
        "employer-naf": "71.12B",
        "employer-headcount": "42",
        "employer-idcc": idcc,
        "employer-mentor_eligibility_attested": "on",
        "employer-is_individual_employer": "False",  # contrat pro only (12434*05)
        "signatory-signatory_last_name": "Lefèvre",
        "signatory-signatory_first_name": "Jérôme",
        "signatory-signatory_position": "Directeur des ressources humaines",
        "signatory-signatory_email": "jerome.lefevre@sme.test",
        "mentor1-last_name": "Müller",
        "mentor1-first_name": "Noël",
        "mentor1-birth_date": "1980-06-02",
        "mentor1-email": "noel.muller@sme.test",
        "mentor1-job_title": "Ingénieur d'études",
        "mentor1-diploma": "Diplôme d'ingénieur",
        "mentor1-diploma_level": "7",
    }
    if monegasque:
        values["employer-is_monegasque"] = "on"
    if mentor2:
        values |= {
            "mentor2-last_name": "Lopès",
            "mentor2-first_name": "Anaïs",
            "mentor2-birth_date": "1990-11-23",
            "mentor2-email": "anais.lopes@sme.test",
            "mentor2-job_title": "Cheffe de projet",
            "mentor2-diploma": "Master Management de projets",
            "mentor2-diploma_level": "7",
        }
    if billing:
        values |= {
            "billing-billing_name": f"{name} – service comptable",
            "billing-billing_address": "12 rue de la République",
            "billing-billing_postal_code": "13002",
            "billing-billing_city": "Marseille",
            "billing-billing_email": "factures@sme.test",
            "billing-billing_reference": "BC-2026-117",
        }
    return values


def alternant_values(
    nir13: str,
    *,
    sex: str,
    representative: bool = False,
    highest_diploma: str = "42",
    email: str = "alternant@etudiant.test",
):
    values = {
        "alternant-sex": sex,
        "alternant-nir": with_nir_key(nir13),
        "alternant-birth_department": "13",
        "alternant-birth_city": "Marseille",
        "alternant-nationality": "1",
        "alternant-address_number": "3",
        "alternant-address_street": "boulevard Baille",
        "alternant-postal_code": "13005",
        "alternant-city": "Marseille",
        "alternant-phone": "06 12 34 56 78",
        "alternant-email": email,
        "alternant-social_regime": "2",
        "alternant-prior_situation": "1",
        "alternant-is_job_seeker": "False",  # contrat pro only (12434*05)
        "alternant-last_diploma_prepared": highest_diploma,
        "alternant-last_class": "01",
        "alternant-last_diploma_title": "Baccalauréat général" if highest_diploma == "42" else "BTS",
        "alternant-highest_diploma": highest_diploma,
    }
    if representative:
        values |= {
            "representative-representative_last_name": "Lefèvre-Noël",
            "representative-representative_first_name": "Hélène",
            "representative-representative_email": "helene.lefevre-noel@famille.test",
            "representative-representative_same_address": "on",
        }
    return values


def contract_values(dossier, *, conclusion: date = date(2026, 7, 1)):
    """Les données du contrat with the proposed (legal minimum) rates, signed on `conclusion`."""
    values = {
        "contract-contract_mode": "1",
        "contract-contract_type": "11",
        "contract-conclusion_date": conclusion.isoformat(),
        "contract-practical_training_start": dossier.contract_start.isoformat(),
        "contract-weekly_hours": "35",
        "contract-weekly_minutes": "0",
        "contract-pension_fund": "Malakoff Humanis",
        "contract-signature_place": "Marseille",
        "contract-documents_attested": "on",
    }
    if dossier.scheme == ContractScheme.PROFESSIONALISATION:
        del values["contract-practical_training_start"]
        values |= {
            "contract-contract_type": "11",
            "contract-job_title": "Assistant commercial",
            "contract-classification": "Employé commercial",
            "contract-classification_level": "II",
            "contract-coefficient": "170",
            "contract-trial_period_days": "30",
        }
    lines = legal_lines(dossier, smc=None)
    for line in lines:
        values[f"remuneration-{line.key}"] = str(line.legal.rate)
    values["remuneration-hiring_salary"] = str(lines[0].legal.amount)
    return values


STUDENT_LIFE = {
    "student_life-emergency_contact_name": "Hélène Lefèvre-Noël",
    "student_life-emergency_contact_phone": "06 98 76 54 32",
    "student_life-housing": "family",
}
MISSION = {
    "mission-job_title": "Développeur·se web en alternance",
    "mission-description": "Développer et maintenir les outils internes de suivi des chantiers.",
}


# --- Life-cycle demo: one dossier in each state of the guide, and the variants of its end ------

Status = Dossier.Status
ECONOMIC = "economic_validated"  # not a state: the CFA's flag that unlocks the convention


@dataclass(frozen=True)
class LifecycleDossier:
    email: str
    first_name: str
    last_name: str
    sex: str
    target: str  # "complete" (Saisie complète), a Status, or ECONOMIC
    start_in: int  # contract start, in days from the day the demo is loaded
    scheme: str = ContractScheme.APPRENTICESHIP
    employer: dict = field(default_factory=dict)  # employer_values() options
    months: int = 12  # the contract's length


LIFECYCLE_DOSSIERS = [
    LifecycleDossier("lea.roux@etudiant.test", "Léa", "Roux", "F", "complete", 20),
    LifecycleDossier("hugo.fabre@etudiant.test", "Hugo", "Fabre", "M", Status.VALIDATION_REQUESTED, 15),
    LifecycleDossier("emma.blanc@etudiant.test", "Emma", "Blanc", "F", Status.VALIDATED, 10),
    LifecycleDossier("nathan.perrin@etudiant.test", "Nathan", "Perrin", "M", ECONOMIC, 5),
    LifecycleDossier(
        "sarah.lambert@etudiant.test",
        "Sarah",
        "Lambert",
        "F",
        ECONOMIC,
        8,
        scheme=ContractScheme.PROFESSIONALISATION,
        employer={"billing": True},
    ),
    LifecycleDossier("jade.muller@etudiant.test", "Jade", "Muller", "F", Status.DOCUMENTS_RETURNED, 2),
    LifecycleDossier("louis.girard@etudiant.test", "Louis", "Girard", "M", Status.DOCUMENTS_VALIDATED, -1),
    LifecycleDossier(
        "manon.andre@etudiant.test", "Manon", "André", "F", Status.DOCUMENTS_VALIDATED, -15
    ),  # late
    LifecycleDossier("theo.mercier@etudiant.test", "Théo", "Mercier", "M", Status.SENT_TO_OPCO, -10),
    LifecycleDossier(
        "camille.roche@etudiant.test",
        "Camille",
        "Roche",
        "F",
        Status.SENT_TO_OPCO,
        -12,
        employer={"name": "Ville de Marseille", "employer_type": "22", "billing": True, "idcc": "9999"},
    ),  # "Transmis à la DDETS"
    LifecycleDossier(
        "lucas.bianchi@etudiant.test",
        "Lucas",
        "Bianchi",
        "M",
        Status.CLOSED,
        -8,
        employer={"name": "Société Monégasque de Services", "monegasque": True, "billing": True},
    ),
]
STEPS = [
    "complete",
    Status.VALIDATION_REQUESTED,
    Status.VALIDATED,
    ECONOMIC,
    Status.DOCUMENTS_RETURNED,
    Status.DOCUMENTS_VALIDATED,
    Status.SENT_TO_OPCO,
]
BIRTH_DATE = date(2005, 6, 1)


def _demo_pdf(text: str) -> CheckedPdf:
    buffer = io.BytesIO()
    document = canvas.Canvas(buffer)
    document.drawString(72, 720, text)
    document.showPage()
    document.save()
    return CheckedPdf(data=buffer.getvalue(), original_name=f"{text}.pdf")


def load_lifecycle_demo(formation: Formation, people: dict, entries=None, *, first_serial: int = 50) -> None:
    """Complete dossiers moved through the real services to every state. Skips those already there.

    The contract starts are counted from today so that the countdown and the late list show
    something; `formation` starts a month before today for the same reason (R-6.2).
    """
    today = timezone.localdate()
    # Other apps pass their own entries (extensions.add_demo_step); their NIRs follow ours
    # (`first_serial`: the serial of the first one's NIR, distinct per call).
    for serial, entry in enumerate(
        entries or LIFECYCLE_DOSSIERS, start=1 if entries is None else first_serial
    ):
        if Dossier.objects.filter(formation=formation, alternant__email=entry.email).exists():
            continue
        dossier = services.register_alternant(
            formation=formation,
            alternant_email=entry.email,
            employer_contact_email=people["contact"].email,
            by=people["manager"],
        )
        start = today + timedelta(days=entry.start_in)
        base = {
            "entry_mode": EntryMode.FULL,
            "scheme": entry.scheme,
            "alternant_last_name": entry.last_name,
            "alternant_first_name": entry.first_name,
            "alternant_birth_date": BIRTH_DATE,
            "siret": "21130055300016" if entry.employer.get("employer_type") == "22" else "73282932000074",
            "contract_start": start,
            # A year: it ends after the exams, professionalisation needs no branch agreement.
            "contract_end": last_day_within(start, entry.months),
        }
        nir13 = f"{1 if entry.sex == 'M' else 2}{BIRTH_DATE:%y%m}13055{serial:03d}"
        conclusion = min(start, formation.start_date) - timedelta(days=14)
        dossier = fill_tabs(
            dossier,
            people,
            base,
            [
                ("employer", employer_values(**entry.employer)),
                (
                    "alternant",
                    alternant_values(nir13, sex=entry.sex, email=entry.email, highest_diploma="54"),
                ),
                ("student_life", STUDENT_LIFE),
                (
                    "contract",
                    lambda dossier, conclusion=conclusion: contract_values(dossier, conclusion=conclusion),
                ),
                ("mission", MISSION),
            ],
        )
        if entry.target == Status.CLOSED:  # the CFA closes instead of the contact's last step
            steps = [*STEPS[1:-1], Status.CLOSED]
        else:
            steps = STEPS[1 : STEPS.index(entry.target) + 1]
        for step in steps:
            _advance(dossier, step, people)


def _advance(dossier: Dossier, step: str, people: dict) -> None:
    contact, manager, advisor = people["contact"], people["manager"], people["advisor"]
    if step == Status.VALIDATION_REQUESTED:
        transitions.request_validation(dossier=dossier, by=contact)
    elif step == Status.VALIDATED:
        transitions.validate_dossier(dossier=dossier, by=manager)
    elif step == ECONOMIC:
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
    elif step == Status.CLOSED:
        transitions.close_dossier(
            dossier=dossier, by=advisor, comment="Contrat transmis par l'employeur aux autorités monégasques."
        )
