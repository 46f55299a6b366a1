"""A small world for the security suite: one dossier per state, a second formation, and the nine roles.

Built once per test module (see `world` fixtures) inside a transaction that is rolled back at the end.
"""

import importlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client

from cactus.accounts.tests.factories import UserFactory
from cactus.documents.models import Document
from cactus.dossiers import services, tabs
from cactus.dossiers.models import Dossier
from cactus.dossiers.tests import tab_data
from cactus.dossiers.tests.factories import DossierFactory
from cactus.formations.tests.factories import FormationFactory

CONTACT = "contact alternance of this dossier"
OTHER_CONTACT = "contact alternance of another dossier"
ALTERNANT = "alternant of this dossier"
OTHER_ALTERNANT = "alternant of another dossier"
MANAGER = "responsable of this formation"
OTHER_MANAGER = "responsable of another formation"
ADVISOR = "conseillère CFA"
ADMIN = "administrateur CFA"
ANONYMOUS = "anonymous"

ROLES = [
    CONTACT,
    OTHER_CONTACT,
    ALTERNANT,
    OTHER_ALTERNANT,
    MANAGER,
    OTHER_MANAGER,
    ADVISOR,
    ADMIN,
    ANONYMOUS,
]
STATES = list(Dossier.Status)
Status = Dossier.Status

# Life-cycle dates a dossier in each state carries (fixed instants: tests never read the clock).
MOMENT = datetime(2026, 9, 10, 9, 30, tzinfo=UTC)
STATE_DATES = {
    Status.DRAFT: [],
    Status.VALIDATION_REQUESTED: ["validation_requested_at"],
    Status.VALIDATED: ["validation_requested_at", "validated_at"],
    Status.DOCUMENTS_RETURNED: ["validation_requested_at", "validated_at", "documents_returned_at"],
    Status.DOCUMENTS_VALIDATED: [
        "validation_requested_at",
        "validated_at",
        "documents_returned_at",
        "documents_validated_at",
    ],
    Status.SENT_TO_OPCO: [
        "validation_requested_at",
        "validated_at",
        "documents_returned_at",
        "documents_validated_at",
        "sent_to_opco_at",
    ],
    Status.CLOSED: [
        "validation_requested_at",
        "validated_at",
        "documents_returned_at",
        "documents_validated_at",
    ],
    # After the signature (cactus/contracts): broken once sent; cancelled before its start.
    Status.RUPTURED: [
        "validation_requested_at",
        "validated_at",
        "documents_returned_at",
        "documents_validated_at",
        "sent_to_opco_at",
    ],
    Status.CANCELLED: [],
}


@dataclass
class World:
    users: dict[str, object]
    dossiers: dict[str, Dossier]
    other_dossier: Dossier
    formation: object
    other_formation: object
    sessions: dict[str, str] = field(default_factory=dict)
    scans: dict[str, Document] = field(default_factory=dict)  # one uploaded signed CERFA per dossier

    def client_for(self, role: str) -> Client:
        """A test client logged in as the role (a fresh one each time: a view may log out or cycle keys)."""
        client = Client()
        if role != ANONYMOUS:
            client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[role]
        return client


def fill_every_tab(dossier: Dossier, *, contact, alternant) -> Dossier:
    """Every tab validated through its real forms and save service, as people do in the pages."""
    pages = [
        ("base", tab_data.base_values(), contact),
        ("employer", tab_data.employer_values(), contact),
        ("alternant", tab_data.alternant_values(), alternant),
        ("student_life", tab_data.student_life_values(), alternant),
        ("contract", None, contact),
        ("mission", tab_data.mission_values(), contact),
    ]
    for key, values, by in pages:
        dossier.refresh_from_db()
        if key not in {tab.key for tab in tabs.visible_tabs(dossier)} and key != "base":
            continue
        services.submit_page(
            dossier=dossier,
            key=key,
            values=values if values is not None else tab_data.contract_values(dossier),
            by=by,
        )
    return Dossier.objects.get(pk=dossier.pk)


def make_dossier_in_state(state: str, *, alternant_last_name: str = "", **kwargs) -> Dossier:
    """A dossier with every tab filled, then moved to `state` with the dates that state implies."""
    dossier = DossierFactory(**kwargs)
    dossier = fill_every_tab(dossier, contact=dossier.employer_contact, alternant=dossier.alternant)
    changes = {name: MOMENT for name in STATE_DATES[state]}
    if state != Status.DRAFT:
        changes["economic_validated_at"] = MOMENT
    if alternant_last_name:
        changes["alternant_last_name"] = alternant_last_name
    Dossier.objects.filter(pk=dossier.pk).update(status=state, **changes)
    return Dossier.objects.get(pk=dossier.pk)


def build_world() -> World:
    manager = UserFactory(email="responsable@cfa.test")
    other_manager = UserFactory(email="autre-responsable@cfa.test")
    advisor = UserFactory(email="conseillere@cfa.test", cfa_advisor=True)
    formation = FormationFactory(managers=[manager], cfa_advisor=advisor)
    other_formation = FormationFactory(managers=[other_manager], cfa_advisor=advisor)
    users = {
        CONTACT: UserFactory(email="contact@entreprise.test"),
        OTHER_CONTACT: UserFactory(email="contact@autre-entreprise.test"),
        ALTERNANT: UserFactory(email="alternant@etudiant.test"),
        OTHER_ALTERNANT: UserFactory(email="autre-alternant@etudiant.test"),
        MANAGER: manager,
        OTHER_MANAGER: other_manager,
        ADVISOR: advisor,
        ADMIN: UserFactory(email="admin@cfa.test", cfa_admin=True),
    }
    dossiers = {
        state: make_dossier_in_state(
            state,
            formation=formation,
            alternant=users[ALTERNANT],
            employer_contact=users[CONTACT],
            alternant_last_name=f"Secret-{state}",
        )
        for state in STATES
    }
    other_dossier = make_dossier_in_state(
        Status.DRAFT,
        formation=other_formation,
        alternant=users[OTHER_ALTERNANT],
        employer_contact=users[OTHER_CONTACT],
        alternant_last_name="Autre",
    )
    world = World(users, dossiers, other_dossier, formation, other_formation)
    world.scans = {state: signed_scan(dossier) for state, dossier in dossiers.items()}
    world.scans["other"] = signed_scan(other_dossier)
    for role, user in users.items():
        world.sessions[role] = open_session(user)
    return world


def signed_scan(dossier: Dossier) -> Document:
    document = Document(
        dossier=dossier,
        kind=Document.Kind.SIGNED_CERFA,
        source=Document.Source.UPLOADED,
        sha256="0" * 64,
        size=9,
        original_name="cerfa-signe.pdf",
        created_by=dossier.employer_contact,
    )
    document.file.save(f"cerfa-signe-{dossier.pk}.pdf", ContentFile(b"%PDF-1.7\n"), save=True)
    return document


def open_session(user) -> str:
    """The key of a logged-in session for the user, as `Client.force_login` makes it."""
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def reload_reference_data() -> None:
    """Load the data migrations again after a transactional test flushed the tables.

    Transactional tests (threads, pg_dump) empty every table at their end, data migrations'
    rows included: the CFA groups, the SMIC history and the collective agreements.
    """
    from django.apps import apps as django_apps
    from django.contrib.auth.models import Group

    from cactus.referentials.models import CollectiveAgreement, SmicRate

    def run(module: str, function: str) -> None:
        getattr(importlib.import_module(module), function)(django_apps, None)

    if not Group.objects.exists():
        run("cactus.accounts.migrations.0002_create_cfa_groups", "create_groups")
    if not SmicRate.objects.exists():
        run("cactus.referentials.migrations.0002_load_smic_history", "load")
        run("cactus.referentials.migrations.0004_correct_mayotte_2021_monthly_smic", "correct")
        run("cactus.referentials.migrations.0005_load_smic_of_june_2026", "load")
    if not CollectiveAgreement.objects.exists():
        run("cactus.referentials.migrations.0003_load_common_collective_agreements", "load")
        run("cactus.referentials.migrations.0006_load_idcc_opco_table", "load")
