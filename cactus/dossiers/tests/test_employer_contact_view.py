import pytest
from django.urls import reverse

from cactus.dossiers.models import Dossier
from cactus.dossiers.tests.factories import DossierFactory

pytestmark = pytest.mark.django_db(transaction=True)


def change_contact(client, dossier, email):
    return client.post(reverse("dossiers:employer_contact", args=[dossier.pk]), {"email": email})


def test_the_alternant_enters_the_contact_email_and_the_invitation_is_sent(
    client, smtp_sink, formation, alternant
):
    dossier = DossierFactory(formation=formation, alternant=alternant, employer_contact=None)
    client.force_login(alternant)

    response = change_contact(client, dossier, "Tuteur@Entreprise.test")

    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.employer_contact.email == "tuteur@entreprise.test"
    [body] = smtp_sink.bodies_to("tuteur@entreprise.test")
    assert "contact alternance" in body


def test_changing_the_contact_resends_an_invitation_and_the_older_link_dies(
    client, smtp_sink, dossier, alternant
):
    client.force_login(alternant)
    change_contact(client, dossier, "nouveau@entreprise.test")
    change_contact(client, dossier, "nouveau@entreprise.test")

    first, second = smtp_sink.bodies_to("nouveau@entreprise.test")
    old_link = first.split("http://testserver")[1].split()[0]
    new_link = second.split("http://testserver")[1].split()[0]
    client.logout()
    assert client.get(old_link).status_code == 410
    assert client.get(new_link).status_code == 200


def test_a_contact_with_an_account_is_told_to_log_in_not_sent_a_password_link(
    client, smtp_sink, dossier, alternant, employer_contact
):
    client.force_login(alternant)

    change_contact(client, dossier, employer_contact.email)

    [body] = smtp_sink.bodies_to(employer_contact.email)
    assert "Vous avez déjà un compte" in body
    assert "/compte/invitation/" not in body


def test_a_bad_email_gets_a_french_message_and_changes_nothing(client, dossier, alternant, employer_contact):
    client.force_login(alternant)

    response = change_contact(client, dossier, "pas-une-adresse")

    follow = client.get(response["Location"])
    assert "Saisissez une adresse e-mail valide" in follow.content.decode()
    dossier.refresh_from_db()
    assert dossier.employer_contact == employer_contact


def test_the_contact_alternance_cannot_replace_themself(client, dossier, employer_contact):
    client.force_login(employer_contact)

    assert change_contact(client, dossier, "autre@entreprise.test").status_code == 403


def test_a_stranger_gets_404(client, dossier, stranger):
    client.force_login(stranger)

    assert change_contact(client, dossier, "autre@entreprise.test").status_code == 404


def test_nobody_changes_the_contact_of_a_frozen_dossier(client, dossier, alternant, employer_contact):
    Dossier.objects.filter(pk=dossier.pk).update(status=Dossier.Status.VALIDATION_REQUESTED)
    client.force_login(alternant)

    assert change_contact(client, dossier, "autre@entreprise.test").status_code == 403
    dossier.refresh_from_db()
    assert dossier.employer_contact == employer_contact
