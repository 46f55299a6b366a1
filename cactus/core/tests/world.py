"""A small world for the security suite: one dossier per state, a second formation, and the nine roles.

Built once per test module (see `world` fixtures) inside a transaction that is rolled back at the end.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.conf import settings
from django.test import Client

from cactus.accounts.tests.factories import UserFactory
from cactus.dossiers.models import Dossier
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
}


@dataclass
class World:
    users: dict[str, object]
    dossiers: dict[str, Dossier]
    other_dossier: Dossier
    formation: object
    other_formation: object
    sessions: dict[str, str] = field(default_factory=dict)

    def client_for(self, role: str) -> Client:
        """A test client logged in as the role (a fresh one each time: a view may log out or cycle keys)."""
        client = Client()
        if role != ANONYMOUS:
            client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[role]
        return client


def make_dossier_in_state(state: str, **kwargs) -> Dossier:
    dates = {name: MOMENT for name in STATE_DATES[state]}
    return DossierFactory(
        with_base_data=True,
        status=state,
        is_entry_complete=True,
        economic_validated_at=MOMENT if state != Status.DRAFT else None,
        **dates,
        **kwargs,
    )


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
    for role, user in users.items():
        world.sessions[role] = open_session(user)
    return world


def open_session(user) -> str:
    """The key of a logged-in session for the user, as `Client.force_login` makes it."""
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value
