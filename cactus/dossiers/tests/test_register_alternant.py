import re

import pytest
from django.urls import reverse

from cactus.accounts.models import User
from cactus.dossiers.models import Dossier, DossierEvent
from cactus.formations.tests.factories import FormationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def register(client, formation, alternant_email, contact_email=""):
    return client.post(
        reverse("dossiers:register"),
        {
            "formation": formation.pk,
            "alternant_email": alternant_email,
            "employer_contact_email": contact_email,
        },
    )


def test_a_responsable_registers_an_alternant_and_both_invitations_arrive_over_smtp(
    client, smtp_sink, formation, formation_manager
):
    client.force_login(formation_manager)

    response = register(client, formation, "Lea.Petit@Etudiant.test", "rh@entreprise.test")

    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert dossier.alternant.email == "lea.petit@etudiant.test"
    assert dossier.employer_contact.email == "rh@entreprise.test"
    [to_contact] = smtp_sink.bodies_to("rh@entreprise.test")
    assert formation.title in to_contact
    assert "lea.petit@etudiant.test" in to_contact
    assert "contact alternance" in to_contact
    assert formation_manager.get_full_name() in to_contact
    assert "choisissez votre mot de passe" in to_contact
    assert re.search(r"http://testserver/compte/invitation/\S+/", to_contact)
    assert len(smtp_sink.bodies_to("lea.petit@etudiant.test")) == 1
    assert list(dossier.events.values_list("action", flat=True).order_by("pk")) == [
        DossierEvent.Action.CREATED,
        DossierEvent.Action.INVITATION_SENT,
        DossierEvent.Action.EMPLOYER_CONTACT_CHANGED,
        DossierEvent.Action.INVITATION_SENT,
    ]


def test_only_the_alternant_email_is_mandatory(client, formation, formation_manager):
    client.force_login(formation_manager)

    response = register(client, formation, "")

    assert response.status_code == 200
    assert "E-mail de l&#x27;alternant" in response.content.decode()
    assert not Dossier.objects.exists()

    assert register(client, formation, "seul@etudiant.test").status_code == 302
    assert Dossier.objects.get().employer_contact is None


def test_posting_the_form_twice_creates_one_dossier(client, formation, formation_manager):
    client.force_login(formation_manager)

    register(client, formation, "lea@etudiant.test", "rh@entreprise.test")
    second = register(client, formation, "lea@etudiant.test", "rh@entreprise.test")

    assert Dossier.objects.count() == 1
    assert "a déjà un dossier" in second.content.decode()


def test_one_contact_for_many_dossiers_is_one_account(client, formation, formation_manager):
    client.force_login(formation_manager)

    register(client, formation, "a@etudiant.test", "RH@Entreprise.test")
    register(client, formation, "b@etudiant.test", "rh@entreprise.test")

    assert User.objects.filter(email="rh@entreprise.test").count() == 1
    assert Dossier.objects.filter(employer_contact__email="rh@entreprise.test").count() == 2


def test_a_responsable_registers_only_for_their_own_formations(client, formation_manager):
    other_formation = FormationFactory()
    client.force_login(formation_manager)

    response = register(client, other_formation, "lea@etudiant.test")

    assert response.status_code == 403 or "Sélectionnez un choix valide" in response.content.decode()
    assert not Dossier.objects.exists()


def test_a_contact_alternance_cannot_register_alternants(client, dossier, employer_contact):
    client.force_login(employer_contact)

    assert client.get(reverse("dossiers:register")).status_code == 403


def test_a_stranger_cannot_register_alternants(client, formation, stranger):
    client.force_login(stranger)

    assert client.get(reverse("dossiers:register")).status_code == 403
    assert register(client, formation, "x@etudiant.test").status_code == 403


def test_cfa_staff_register_for_any_formation(client, formation, cfa_advisor):
    client.force_login(cfa_advisor)

    assert register(client, formation, "lea@etudiant.test").status_code == 302


def test_no_formation_is_chosen_in_advance(client, formation, formation_manager):
    client.force_login(formation_manager)

    page = client.get(reverse("dossiers:register")).content.decode()
    response = client.post(reverse("dossiers:register"), {"alternant_email": "lea@etudiant.test"})

    options = page.split('name="formation"')[1].split("</select>")[0]
    assert re.findall(r'<option value="(\d*)" selected', options) == [""]
    assert "Choisissez la formation de l&#x27;alternant." in response.content.decode()
    assert not Dossier.objects.exists()
