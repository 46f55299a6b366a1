"""Role × state × action (workflow.md §5), the whole matrix, strangers and other formations included."""

import pytest

from cactus.accounts.tests.factories import UserFactory
from cactus.dossiers import permissions
from cactus.dossiers.models import Dossier
from cactus.dossiers.tests.factories import EmployerFactory
from cactus.dossiers.tests.states import dossier_in
from cactus.formations.tests.factories import FormationFactory

Status = Dossier.Status
pytestmark = pytest.mark.django_db

ROLES = [
    "alternant",
    "employer_contact",
    "formation_manager",
    "other_manager",
    "cfa_advisor",
    "cfa_admin",
    "stranger",
]
FROZEN = {
    Status.VALIDATION_REQUESTED,
    Status.VALIDATED,
    Status.DOCUMENTS_RETURNED,
    Status.DOCUMENTS_VALIDATED,
}
# action: (roles allowed, states where it is allowed)
EXPECTED = {
    "request_validation": ({"employer_contact", "cfa_admin"}, {Status.DRAFT}),
    "validate": ({"formation_manager", "cfa_admin"}, {Status.VALIDATION_REQUESTED}),
    "refuse": ({"formation_manager", "cfa_admin"}, {Status.VALIDATION_REQUESTED}),
    "validate_economic": ({"cfa_advisor", "cfa_admin"}, {Status.VALIDATED}),
    "return_documents": ({"employer_contact", "cfa_advisor", "cfa_admin"}, {Status.VALIDATED}),
    "validate_documents": ({"cfa_advisor", "cfa_admin"}, {Status.DOCUMENTS_RETURNED}),
    "reject_documents": ({"cfa_advisor", "cfa_admin"}, {Status.DOCUMENTS_RETURNED}),
    "mark_sent": ({"employer_contact", "cfa_advisor", "cfa_admin"}, {Status.DOCUMENTS_VALIDATED}),
    "close": (set(), set()),  # only for Monegasque / foreign employers, tested below
    "reopen": ({"cfa_advisor", "cfa_admin"}, FROZEN),
    # After the signature (cactus/contracts); the services check the dates again.
    "record_rupture": (
        {"employer_contact", "cfa_advisor", "cfa_admin"},
        {Status.DOCUMENTS_RETURNED, Status.DOCUMENTS_VALIDATED, Status.SENT_TO_OPCO, Status.CLOSED},
    ),
    "cancel": ({"cfa_advisor", "cfa_admin"}, set(Status) - {Status.RUPTURED, Status.CANCELLED}),
    "create_amendment": ({"employer_contact", "cfa_advisor", "cfa_admin"}, {Status.SENT_TO_OPCO}),
    "create_next_contract": (
        {"formation_manager", "cfa_advisor", "cfa_admin"},
        {Status.RUPTURED, Status.SENT_TO_OPCO, Status.CLOSED},
    ),
}


def person(role: str, dossier: Dossier):
    if role == "alternant":
        return dossier.alternant
    if role == "employer_contact":
        return dossier.employer_contact
    if role == "formation_manager":
        manager = UserFactory()
        dossier.formation.managers.add(manager)
        return manager
    if role == "other_manager":
        other = UserFactory()
        FormationFactory(managers=[other])
        return other
    if role == "cfa_advisor":
        return UserFactory(cfa_advisor=True)
    if role == "cfa_admin":
        return UserFactory(cfa_admin=True)
    return UserFactory()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(EXPECTED))
def test_each_role_may_do_each_action_only_in_its_states(role, action):
    roles, states = EXPECTED[action]
    for status in Status:
        # The economic validation is pending only before it is done; the documents need it done.
        dossier = dossier_in(status, economic=action != "validate_economic" and status != Status.DRAFT)
        user = person(role, dossier)

        allowed = permissions.can_act(user, dossier, action)

        assert allowed == (role in roles and status in states), (role, action, status)


def test_the_matrix_covers_every_life_cycle_action():
    assert set(EXPECTED) == set(permissions.LIFECYCLE_ACTIONS)


def test_the_economic_elements_are_validated_once(cfa_advisor):
    dossier = dossier_in(Status.VALIDATED, economic=True)

    assert not permissions.can_act(cfa_advisor, dossier, "validate_economic")


def test_signed_documents_wait_for_the_convention(employer_contact):
    dossier = dossier_in(Status.VALIDATED, economic=False, employer_contact=employer_contact)

    assert not permissions.can_act(employer_contact, dossier, "return_documents")


@pytest.mark.parametrize("role", ROLES)
def test_only_the_cfa_closes_a_monegasque_employers_dossier(role):
    dossier = dossier_in(Status.DOCUMENTS_VALIDATED)
    EmployerFactory(dossier=dossier, is_monegasque=True)
    user = person(role, dossier)

    assert permissions.can_act(user, dossier, "close") == (role in {"cfa_advisor", "cfa_admin"})
    assert not permissions.can_act(user, dossier, "mark_sent")


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("alternant", False),
        ("employer_contact", False),
        ("formation_manager", True),
        ("other_manager", True),
        ("cfa_advisor", True),
        ("cfa_admin", True),
        ("stranger", False),
    ],
)
def test_the_back_office_is_for_the_cfa_and_the_responsables(role, expected):
    dossier = dossier_in(Status.DRAFT)

    assert permissions.can_use_back_office(person(role, dossier)) == expected


@pytest.mark.parametrize(
    ("role", "kind", "expected"),
    [
        ("alternant", "cerfa", True),
        ("alternant", "signed_cerfa", False),
        ("employer_contact", "signed_convention", True),
        ("formation_manager", "stamped_cerfa", True),
        ("other_manager", "cerfa", False),
        ("stranger", "cerfa", False),
        ("stranger", "signed_cerfa", False),
    ],
)
def test_downloads_follow_the_roles(role, kind, expected):
    dossier = dossier_in(Status.DOCUMENTS_VALIDATED)

    assert permissions.can_download(person(role, dossier), dossier, kind) == expected


def test_documents_are_offered_from_the_validation_on():
    # Guide, "LE TELECHARGEMENT DES DOCUMENTS": CERFA (saisie complète), convention after the
    # economic validation, calendar and programme when the formation has them.
    assert permissions.available_documents(dossier_in(Status.VALIDATION_REQUESTED)) == []
    assert permissions.available_documents(dossier_in(Status.VALIDATED, economic=False)) == ["cerfa"]
    assert permissions.available_documents(dossier_in(Status.VALIDATED)) == ["cerfa", "convention"]
    simple = dossier_in(Status.VALIDATED, economic=False, entry_mode="simple")
    assert permissions.available_documents(simple) == []


def test_the_calendar_and_programme_are_offered_when_the_formation_has_them():
    dossier = dossier_in(Status.VALIDATED)
    dossier.formation.calendar_file = "formations/calendrier.pdf"

    assert permissions.available_documents(dossier) == ["cerfa", "convention", "calendar"]
    assert permissions.missing_formation_documents(dossier) == ["programme"]
