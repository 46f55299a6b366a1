"""Who may do what, beyond roles: replacing the contact alternance is never silent, and no one
validates (as formation or CFA) a dossier they are party to as contact alternance or alternant.
"""

import pytest
from django.urls import reverse

from cactus.accounts.tests.factories import UserFactory
from cactus.dossiers import permissions, services, transitions
from cactus.dossiers.exceptions import DossierError
from cactus.dossiers.models import Dossier, DossierEvent
from cactus.dossiers.tests.factories import complete_dossier
from cactus.dossiers.tests.states import dossier_in

pytestmark = pytest.mark.django_db
Status = Dossier.Status


def test_replacing_the_contact_tells_the_previous_contact_and_the_conseillere_and_is_in_the_history(
    dossier, alternant, employer_contact, cfa_advisor, smtp_sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.set_employer_contact(dossier=dossier, email="nouveau.contact@employeur.test", by=alternant)

    to_previous = smtp_sink.bodies_to(employer_contact.email)
    assert len(to_previous) == 1
    assert "n'êtes plus le contact alternance" in to_previous[0]
    assert "nouveau.contact@employeur.test" not in to_previous[0]  # the new contact's address is not theirs
    [to_advisor] = smtp_sink.bodies_to(cfa_advisor.email)
    assert employer_contact.email in to_advisor and "nouveau.contact@employeur.test" in to_advisor
    assert alternant.email in to_advisor  # who made the change
    event = DossierEvent.objects.get(dossier=dossier, action=DossierEvent.Action.EMPLOYER_CONTACT_CHANGED)
    assert event.actor == alternant
    assert event.changes["employer_contact"] == [employer_contact.email, "nouveau.contact@employeur.test"]


def test_entering_the_first_contact_or_the_same_one_again_tells_no_one_else(
    formation, alternant, employer_contact, cfa_advisor, smtp_sink, django_capture_on_commit_callbacks
):
    dossier = services.register_alternant(
        formation=formation, alternant_email=alternant.email, by=cfa_advisor
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.set_employer_contact(dossier=dossier, email=employer_contact.email, by=alternant)
        services.set_employer_contact(dossier=dossier, email=employer_contact.email, by=alternant)

    assert smtp_sink.bodies_to(cfa_advisor.email) == []


@pytest.mark.parametrize("party", ["employer_contact", "alternant"])
def test_a_responsable_who_is_party_to_the_dossier_may_not_validate_nor_refuse_it(
    formation, formation_manager, party
):
    dossier = dossier_in(Status.VALIDATION_REQUESTED, formation=formation, **{party: formation_manager})
    assert dossier.formation.managers.filter(pk=formation_manager.pk).exists()

    for action in (permissions.VALIDATE, permissions.REFUSE):
        assert not permissions.can_act(formation_manager, dossier, action)
    with pytest.raises(DossierError, match="un autre membre"):
        transitions.validate_dossier(dossier=dossier, by=formation_manager)
    with pytest.raises(DossierError, match="un autre membre"):
        transitions.refuse_dossier(dossier=dossier, by=formation_manager, comment="À corriger")
    dossier.refresh_from_db()
    assert dossier.status == Status.VALIDATION_REQUESTED


def test_the_responsable_made_contact_gets_403_on_the_validate_button(client, formation, formation_manager):
    dossier = dossier_in(Status.VALIDATION_REQUESTED, formation=formation, employer_contact=formation_manager)
    client.force_login(formation_manager)
    response = client.post(reverse("dossiers:staff_action", kwargs={"pk": dossier.pk, "action": "validate"}))
    assert response.status_code == 403
    dossier.refresh_from_db()
    assert dossier.status == Status.VALIDATION_REQUESTED


@pytest.mark.parametrize(
    ("state", "action"),
    [
        (Status.VALIDATION_REQUESTED, permissions.VALIDATE),
        (Status.DOCUMENTS_RETURNED, permissions.VALIDATE_DOCUMENTS),
        (Status.DOCUMENTS_RETURNED, permissions.REJECT_DOCUMENTS),
        (Status.VALIDATED, permissions.REOPEN),
    ],
)
def test_cfa_staff_who_are_the_contact_may_not_validate_their_own_dossier(state, action):
    admin = UserFactory(email="admin.contact@cfa.test", cfa_admin=True)
    dossier = dossier_in(state, employer_contact=admin)
    assert not permissions.can_act(admin, dossier, action)
    other_admin = UserFactory(email="autre.admin@cfa.test", cfa_admin=True)
    assert permissions.can_act(other_admin, dossier, action)


def test_the_contact_keeps_their_own_actions(formation, formation_manager):
    # Party rules only bar the checker's actions: the contact still requests validation.
    dossier = dossier_in(Status.DRAFT, formation=formation, employer_contact=formation_manager)
    assert permissions.can_act(formation_manager, dossier, permissions.REQUEST_VALIDATION)


def test_the_validation_request_is_not_sent_to_a_responsable_who_is_the_contact(
    formation, formation_manager, smtp_sink, django_capture_on_commit_callbacks
):
    dossier = complete_dossier(formation=formation, employer_contact=formation_manager)
    dossier.formation.managers.add(UserFactory(email="autre.responsable@cfa.test"))
    with django_capture_on_commit_callbacks(execute=True):
        transitions.request_validation(dossier=dossier, by=formation_manager)

    assert smtp_sink.bodies_to("autre.responsable@cfa.test")
    assert not [body for body in smtp_sink.bodies_to(formation_manager.email) if "valider" in body.lower()]
