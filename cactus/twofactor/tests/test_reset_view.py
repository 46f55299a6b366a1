"""Lost phone: a CFA administrator resets a colleague's second factor from "Équipe du CFA"."""

import html
import time

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from cactus.accounts.tests.factories import PASSWORD, UserFactory
from cactus.notifications.models import OutgoingEmail
from cactus.twofactor.models import SecondFactorReset

REASON = "Téléphone perdu à la rentrée, signalé par téléphone le 7/12."


def current_code(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


def with_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Application d'authentification", confirmed=True)


def verified_client(user) -> Client:
    """A session past the password and the code of the moment (CFA_STAFF_TWO_FACTOR on)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or with_device(user)
    client = Client()
    client.force_login(user)
    assert client.post(reverse("twofactor:verify"), {"code": current_code(device)}).status_code == 302
    return client


def text(response) -> str:
    return html.unescape(response.content.decode())


def reset_url(person) -> str:
    return reverse("twofactor:reset", args=[person.pk])


@pytest.fixture
def colleague(db):
    person = UserFactory(email="nadia@cfa.test", first_name="Nadia", last_name="Benali", cfa_advisor=True)
    with_device(person)
    return person


@pytest.fixture
def superuser(db):
    return UserFactory(email="root@cfa.test", is_superuser=True, is_staff=True)


@pytest.fixture
def two_factor(settings):
    settings.CFA_STAFF_TWO_FACTOR = True


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", "login"),
        ("alternant", 403),
        ("employer_contact", 403),
        ("formation_manager", 403),
        ("cfa_advisor", 403),
        ("cfa_admin", 200),
        ("superuser", 200),
    ],
)
def test_only_cfa_administrators_and_superusers_open_the_team_and_the_confirmation(
    request, client, colleague, role, expected
):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))

    for response in (
        client.get(reverse("twofactor:team")),
        client.get(reset_url(colleague)),
        client.post(reset_url(colleague), {"reason": REASON}),
    ):
        if expected == "login":
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("accounts:login"))
        elif expected == 403:
            assert response.status_code == 403
        else:
            assert response.status_code in (200, 302)
    reset_done = not TOTPDevice.objects.filter(user=colleague).exists()
    assert reset_done is (expected == 200)


def test_the_team_lists_the_staff_and_offers_the_reset_on_colleagues_only(client, cfa_admin, colleague):
    with_device(cfa_admin)
    client.force_login(cfa_admin)

    page = text(client.get(reverse("twofactor:team")))

    assert "Nadia Benali" in page and "Conseillère CFA" in page and "Activée" in page
    assert reset_url(colleague) in page
    assert reset_url(cfa_admin) not in page
    assert "Équipe du CFA (double authentification)" in text(client.get(reverse("formations:list")))


def test_the_confirmation_page_says_what_will_happen_and_asks_a_reason(client, cfa_admin, colleague):
    client.force_login(cfa_admin)

    page = text(client.get(reset_url(colleague)))

    assert "Réinitialiser la double authentification" in page
    assert "toutes ses sessions ouvertes sont fermées" in page
    assert "Motif de la réinitialisation" in page
    assert "csrfmiddlewaretoken" in page
    assert TOTPDevice.objects.filter(user=colleague).exists()  # a GET changes nothing


@pytest.mark.django_db(transaction=True)
def test_a_reset_removes_the_phone_ends_every_session_mails_the_person_and_is_recorded(
    two_factor, smtp_sink, cfa_admin, colleague
):
    device = TOTPDevice.objects.get(user=colleague)
    thief = verified_client(colleague)  # the lost phone, still logged in
    assert thief.get(reverse("dossiers:list")).status_code == 200
    admin = verified_client(cfa_admin)

    response = admin.post(reset_url(colleague), {"reason": REASON}, follow=True)

    assert "Double authentification de Nadia Benali réinitialisée" in text(response)
    assert not TOTPDevice.objects.filter(user=colleague).exists()
    # The thief's next request is anonymous: sent to the login page.
    after = thief.get(reverse("dossiers:list"))
    assert after.status_code == 302 and after["Location"].startswith(reverse("accounts:login"))
    assert admin.get(reverse("twofactor:team")).status_code == 200  # the administrator stays logged in
    reset = SecondFactorReset.objects.get()
    assert (reset.user, reset.user_email, reset.reset_by, reset.reset_by_email) == (
        colleague,
        "nadia@cfa.test",
        cfa_admin,
        "admin@cfa.test",
    )
    assert reset.reason == REASON and reset.sessions_ended == 1
    [body] = smtp_sink.bodies_to("nadia@cfa.test")
    assert "a réinitialisé la double authentification de votre compte Cactus" in body
    assert "activer une nouvelle application d'authentification" in body
    secret = device.config_url.split("secret=")[1].split("&")[0]
    assert secret not in body and "otpauth" not in body and REASON not in body
    assert OutgoingEmail.objects.get(to="nadia@cfa.test").status == OutgoingEmail.Status.SENT
    # Next login: the password, then the set-up of a new authenticator (the usual enrolment).
    fresh = Client()
    assert fresh.post(reverse("accounts:login"), {"username": colleague.email, "password": PASSWORD})
    assert fresh.get(reverse("dossiers:list"))["Location"].startswith(reverse("twofactor:setup"))


def test_an_administrator_may_not_reset_their_own_second_factor(client, cfa_admin):
    with_device(cfa_admin)
    client.force_login(cfa_admin)

    for response in (
        client.get(reset_url(cfa_admin), follow=True),
        client.post(reset_url(cfa_admin), {"reason": REASON}, follow=True),
    ):
        assert (
            "Vous ne pouvez pas réinitialiser votre propre double authentification : "
            "demandez-le à un autre administrateur du CFA." in text(response)
        )
    assert TOTPDevice.objects.filter(user=cfa_admin).exists()
    assert not SecondFactorReset.objects.exists()


def test_only_a_superuser_resets_a_superuser(client, cfa_admin, superuser):
    with_device(superuser)
    client.force_login(cfa_admin)

    response = client.post(reset_url(superuser), {"reason": REASON}, follow=True)

    assert (
        "Seul un superutilisateur peut réinitialiser la double authentification d'un superutilisateur."
        in text(response)
    )
    assert TOTPDevice.objects.filter(user=superuser).exists()
    other_superuser = UserFactory(email="root2@cfa.test", is_superuser=True)
    client.force_login(other_superuser)
    client.post(reset_url(superuser), {"reason": REASON})
    assert not TOTPDevice.objects.filter(user=superuser).exists()


@pytest.mark.parametrize("reason", ["", "   "])
def test_the_reason_is_required(client, cfa_admin, colleague, reason):
    client.force_login(cfa_admin)

    response = client.post(reset_url(colleague), {"reason": reason})

    assert response.status_code == 200
    assert "Indiquez le motif de la réinitialisation (par exemple : téléphone perdu)." in text(response)
    assert TOTPDevice.objects.filter(user=colleague).exists()
    assert not SecondFactorReset.objects.exists()


def test_a_second_post_resets_nothing_more(client, cfa_admin, colleague, django_capture_on_commit_callbacks):
    client.force_login(cfa_admin)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reset_url(colleague), {"reason": REASON})
        second = client.post(reset_url(colleague), {"reason": REASON}, follow=True)

    assert "La double authentification de Nadia Benali est déjà réinitialisée" in text(second)
    assert SecondFactorReset.objects.count() == 1
    assert OutgoingEmail.objects.filter(to=colleague.email).count() == 1


def test_an_administrator_resets_at_most_the_throttle_per_hour(client, settings, cfa_admin, colleague):
    settings.TWO_FACTOR_RESET_THROTTLE = 1
    other = UserFactory(email="julie@cfa.test", cfa_advisor=True)
    with_device(other)
    client.force_login(cfa_admin)

    client.post(reset_url(colleague), {"reason": REASON})
    refused = client.post(reset_url(other), {"reason": REASON}, follow=True)

    assert "Trop de réinitialisations en une heure" in text(refused)
    assert TOTPDevice.objects.filter(user=other).exists()


def test_only_cfa_staff_can_be_reset(client, cfa_admin, alternant):
    client.force_login(cfa_admin)

    assert client.get(reset_url(alternant)).status_code == 404
    assert client.post(reset_url(alternant), {"reason": REASON}).status_code == 404


def test_the_reset_needs_the_csrf_token(cfa_admin, colleague):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cfa_admin)

    assert client.post(reset_url(colleague), {"reason": REASON}).status_code == 403
    assert TOTPDevice.objects.filter(user=colleague).exists()


def test_the_reset_ends_only_the_persons_sessions(client, cfa_admin, colleague, formation_manager):
    for person in (colleague, colleague, formation_manager):
        Client().force_login(person)
    client.force_login(cfa_admin)

    client.post(reset_url(colleague), {"reason": REASON})

    remaining = [session.get_decoded().get("_auth_user_id") for session in Session.objects.all()]
    assert sorted(remaining) == sorted([str(cfa_admin.pk), str(formation_manager.pk)])
    assert SecondFactorReset.objects.get().sessions_ended == 2
