import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from cactus.accounts.models import Invitation
from cactus.accounts.services import create_invitation, get_or_create_user

pytestmark = pytest.mark.django_db


def invite(email="nouveau@entreprise.test"):
    user = get_or_create_user(email=email)
    invitation, token = create_invitation(user=user, by=None)
    return user, invitation, reverse("accounts:invitation", kwargs={"token": token})


def test_an_invitee_chooses_a_password_and_is_logged_in_then_asked_for_rgpd_consent(client):
    user, invitation, link = invite()

    response = client.post(
        link, {"new_password1": "Cactus-en-fleur-2026", "new_password2": "Cactus-en-fleur-2026"}
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Cactus-en-fleur-2026")
    follow = client.get(response["Location"])
    assert follow.status_code == 302 and follow["Location"].startswith(reverse("accounts:rgpd"))


def test_an_invitation_link_works_only_once(client):
    _, _, link = invite()
    client.post(link, {"new_password1": "Cactus-en-fleur-2026", "new_password2": "Cactus-en-fleur-2026"})
    client.logout()

    response = client.get(link)

    assert response.status_code == 410
    assert "déjà servi" in response.content.decode()


def test_an_invitation_link_expires_after_seven_days(client):
    _, _, link = invite()

    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        response = client.get(link)

    assert response.status_code == 410
    assert "a expiré" in response.content.decode()
    assert "Mot de passe oublié" in response.content.decode()


def test_a_new_invitation_makes_the_older_link_unusable(client):
    user, _, old_link = invite()
    _, _, new_link = invite(user.email)

    assert client.get(old_link).status_code == 410
    assert client.get(new_link).status_code == 200


def test_a_forged_link_is_refused_without_saying_whether_an_account_exists(client):
    response = client.get(reverse("accounts:invitation", kwargs={"token": "pas-un-vrai-jeton"}))

    assert response.status_code == 410
    assert "est pas valide" in response.content.decode()


def test_a_weak_password_is_refused_in_french_and_the_link_stays_usable(client):
    user, invitation, link = invite()

    response = client.post(link, {"new_password1": "12345678", "new_password2": "12345678"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "trop court" in content or "trop courant" in content
    invitation.refresh_from_db()
    assert invitation.used_at is None
    assert not user.has_usable_password() or not user.check_password("12345678")


def test_only_the_sha256_of_the_token_is_stored():
    _, invitation, link = invite()
    token = re.search(r"/invitation/([^/]+)/", link).group(1)

    assert token not in invitation.token_hash
    assert Invitation.objects.filter(token_hash=token).count() == 0
