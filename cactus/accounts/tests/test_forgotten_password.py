import re

import pytest
from django.urls import reverse

from cactus.accounts.tests.factories import UserFactory
from cactus.dossiers.services import register_alternant

pytestmark = pytest.mark.django_db(transaction=True)


def ask_reset(client, email):
    return client.post(reverse("accounts:password_reset"), {"email": email})


def test_an_invited_address_receives_a_link_over_smtp_and_chooses_its_password(
    client, smtp_sink, formation, formation_manager
):
    register_alternant(formation=formation, alternant_email="lea@etudiant.test", by=formation_manager)
    smtp_sink.messages.clear()

    response = ask_reset(client, "Lea@Etudiant.test")

    assert response.status_code == 302
    [body] = smtp_sink.bodies_to("lea@etudiant.test")
    link = re.search(r"http://testserver(/compte/mot-de-passe/\S+)", body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choisissez votre mot de passe" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Cactus-en-fleur-2026", "new_password2": "Cactus-en-fleur-2026"},
    )
    assert done.status_code == 302
    client.logout()
    login = client.post(
        reverse("accounts:login"), {"username": "lea@etudiant.test", "password": "Cactus-en-fleur-2026"}
    )
    assert login.status_code == 302


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, smtp_sink):
    UserFactory(email="connu@entreprise.test")

    known = ask_reset(client, "connu@entreprise.test")
    unknown = ask_reset(client, "inconnu@entreprise.test")

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert smtp_sink.bodies_to("inconnu@entreprise.test") == []
    assert len(smtp_sink.bodies_to("connu@entreprise.test")) == 1


def test_a_reset_link_works_only_once(client, smtp_sink):
    UserFactory(email="connu@entreprise.test")
    ask_reset(client, "connu@entreprise.test")
    [body] = smtp_sink.bodies_to("connu@entreprise.test")
    link = re.search(r"http://testserver(/compte/mot-de-passe/\S+)", body).group(1)
    first = client.get(link, follow=True)
    client.post(
        first.redirect_chain[-1][0],
        {"new_password1": "Cactus-en-fleur-2026", "new_password2": "Cactus-en-fleur-2026"},
    )
    client.logout()

    again = client.get(link, follow=True)

    assert "Lien inutilisable" in again.content.decode()


def test_repeated_requests_are_throttled(client, smtp_sink, settings):
    settings.PASSWORD_RESET_THROTTLE = 2
    UserFactory(email="connu@entreprise.test")

    responses = [ask_reset(client, "connu@entreprise.test") for _ in range(4)]

    assert len(smtp_sink.bodies_to("connu@entreprise.test")) == 2
    assert responses[-1]["Location"] == reverse("accounts:password_reset")
    page = client.get(reverse("accounts:password_reset"))
    assert "Trop de demandes" in page.content.decode()
