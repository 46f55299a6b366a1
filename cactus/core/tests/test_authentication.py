"""Authentication holds: throttling, session rotation, logout everywhere, tokens, no enumeration, validators.

The foundation's own tests (accounts/tests) cover the invitation and reset journeys; these add the
attacks: guessing passwords, fixing a session, keeping a stolen session after a reset, replaying
or outliving a link, and probing which addresses have an account.
"""

import re
import statistics
import time
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from cactus.accounts.services import create_invitation
from cactus.accounts.tests.factories import PASSWORD, UserFactory
from cactus.core.tests import figures
from cactus.notifications.models import OutgoingEmail

pytestmark = pytest.mark.django_db


def login(client, email, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def reset_link(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse(
        "accounts:password_reset_confirm",
        kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)},
    )


def choose_password(client, link: str, password: str):
    form_page = client.get(link, follow=True)
    return client.post(
        form_page.redirect_chain[-1][0], {"new_password1": password, "new_password2": password}
    )


# --- Throttling (django-axes)


def test_five_wrong_passwords_lock_the_address_with_a_french_page(client, settings):
    user = UserFactory(email="cible@entreprise.test")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, user.email, "mauvais-mot-de-passe").status_code == 200

    locked = login(client, user.email, "mauvais-mot-de-passe")

    assert locked.status_code == 429
    assert "Trop de tentatives de connexion" in locked.content.decode()
    assert "15 minutes" in locked.content.decode()


def test_the_right_password_is_refused_while_the_lock_lasts_and_accepted_after(client, settings):
    user = UserFactory(email="cible@entreprise.test")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, user.email, "mauvais-mot-de-passe")

    assert login(client, user.email).status_code == 429

    with time_machine.travel(timezone.now() + timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1)):
        assert login(Client(), user.email).status_code == 302


def test_a_lock_on_one_address_does_not_lock_other_people_out(client, settings):
    user = UserFactory(email="cible@entreprise.test")
    other = UserFactory(email="collegue@entreprise.test")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, user.email, "mauvais-mot-de-passe")

    assert login(Client(), other.email).status_code == 302


# --- Sessions


def test_logging_in_gives_a_new_session_key(client):
    user = UserFactory(email="lea@etudiant.test")
    client.get(reverse("accounts:login"))
    session = client.session
    session["planted"] = "par un attaquant"
    session.save()
    planted_key = session.session_key

    login(client, user.email)

    assert client.session.session_key != planted_key


def test_choosing_a_new_password_logs_out_every_other_session():
    user = UserFactory(email="lea@etudiant.test")
    stolen = Client()
    login(stolen, user.email)
    assert stolen.get(reverse("dossiers:list")).status_code == 200

    owner = Client()
    user.refresh_from_db()  # the reset token depends on last_login, which logging in just changed
    response = choose_password(owner, reset_link(user), "Cactus-en-fleur-2026")
    assert response.status_code == 302

    after = stolen.get(reverse("dossiers:list"))
    assert after.status_code == 302
    assert after["Location"].startswith(reverse("accounts:login"))
    assert owner.get(reverse("dossiers:list")).status_code == 200  # the person who reset stays in


def test_a_session_expires_after_twelve_hours_without_activity():
    assert settings.SESSION_COOKIE_AGE == 12 * 3600
    assert settings.SESSION_COOKIE_HTTPONLY


# --- Tokens


def test_a_reset_link_expires_after_seven_days():
    user = UserFactory(email="lea@etudiant.test")
    link = reset_link(user)
    # A day of margin either side: time_machine moves the local clock by the UTC offset too.
    with time_machine.travel(
        timezone.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT) - timedelta(days=1)
    ):
        assert "Choisissez votre mot de passe" in Client().get(link, follow=True).content.decode()
    with time_machine.travel(
        timezone.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT) + timedelta(days=1)
    ):
        assert "Lien inutilisable" in Client().get(link, follow=True).content.decode()


def test_a_reset_link_dies_when_the_password_changes_another_way(client):
    user = UserFactory(email="lea@etudiant.test")
    link = reset_link(user)
    user.set_password("Un-autre-mot-de-passe-99")
    user.save()

    assert "Lien inutilisable" in client.get(link, follow=True).content.decode()


def test_an_invitation_link_cannot_be_used_after_the_person_set_a_password(client):
    user = UserFactory(email="lea@etudiant.test", password=None)
    invitation, token = create_invitation(user=user, by=None)
    url = reverse("accounts:invitation", kwargs={"token": token})
    password = {"new_password1": "Cactus-en-fleur-2026", "new_password2": "Cactus-en-fleur-2026"}
    assert client.post(url, password).status_code == 302

    replay = Client().post(
        url, {"new_password1": "Pris-par-un-tiers-2026", "new_password2": "Pris-par-un-tiers-2026"}
    )

    assert replay.status_code == 410
    user.refresh_from_db()
    assert user.check_password("Cactus-en-fleur-2026")


def test_a_token_for_one_person_does_not_open_another_account(client):
    alice, bob = UserFactory(email="alice@exemple.test"), UserFactory(email="bob@exemple.test")
    token = default_token_generator.make_token(alice)
    uid_of_bob = urlsafe_base64_encode(force_bytes(bob.pk))
    link = reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid_of_bob, "token": token})

    assert "Lien inutilisable" in client.get(link, follow=True).content.decode()


# --- No user enumeration on "Mot de passe oublié"


def ask_reset(client, email):
    return client.post(reverse("accounts:password_reset"), {"email": email}, follow=True)


def test_known_and_unknown_addresses_get_the_same_page_and_only_the_known_one_a_mail(client):
    UserFactory(email="connu@entreprise.test")

    known = ask_reset(Client(), "connu@entreprise.test")
    unknown = ask_reset(Client(), "inconnu@entreprise.test")

    assert known.redirect_chain == unknown.redirect_chain
    assert [t.name for t in known.templates] == [t.name for t in unknown.templates]
    assert known.content.decode().replace("connu@", "") == unknown.content.decode().replace("inconnu@", "")
    assert OutgoingEmail.objects.filter(to="connu@entreprise.test").count() == 1
    assert not OutgoingEmail.objects.filter(to="inconnu@entreprise.test").exists()


def without_csrf(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_the_login_error_does_not_say_whether_the_address_exists(client):
    UserFactory(email="connu@entreprise.test")

    wrong_password = login(Client(), "connu@entreprise.test", "mauvais-mot-de-passe").content.decode()
    unknown_address = login(Client(), "inconnu@entreprise.test", "mauvais-mot-de-passe").content.decode()

    assert without_csrf(wrong_password).replace("connu@", "") == without_csrf(unknown_address).replace(
        "inconnu@", ""
    )


def test_the_reset_request_takes_about_as_long_for_known_and_unknown_addresses(settings):
    # With the immediate task backend a known address also sends the mail inside the request, so the
    # production set-up (a database queue) is what matters: the request only queues the mail.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.PASSWORD_RESET_THROTTLE = 1000
    UserFactory(email="connu@entreprise.test")

    def median_ms(email: str) -> float:
        durations = []
        for _ in range(15):
            client = Client()
            start = time.perf_counter()
            client.post(reverse("accounts:password_reset"), {"email": email})
            durations.append((time.perf_counter() - start) * 1000)
        return statistics.median(durations)

    median_ms("connu@entreprise.test")  # warm-up: templates and code paths loaded once
    known, unknown = median_ms("connu@entreprise.test"), median_ms("inconnu@entreprise.test")
    figures.note(
        "'Mot de passe oublié' median time, known / unknown address", f"{known:.1f} ms / {unknown:.1f} ms"
    )
    # Loose bound: the gap must stay within a few milliseconds, not the hundreds a mail send takes.
    assert abs(known - unknown) < max(15.0, unknown)


# --- Password validators


@pytest.mark.parametrize(
    ("password", "french_message"),
    [
        ("Court-1", "Ce mot de passe est trop court. Il doit contenir au minimum 10 caractères."),
        ("12345678901234", "Ce mot de passe est entièrement numérique."),
        ("motdepasse", "Ce mot de passe est trop courant."),
        ("lea.martin-etudiant", "Le mot de passe est trop semblable au champ «\xa0adresse e-mail\xa0»."),
    ],
)
def test_weak_passwords_are_refused_with_a_french_message(password, french_message):
    user = UserFactory(email="lea.martin@etudiant.test")
    with pytest.raises(ValidationError) as error:
        password_validation.validate_password(password, user)
    assert french_message in error.value.messages


def test_the_reset_form_shows_the_validator_message_in_french(client):
    user = UserFactory(email="lea@etudiant.test")
    response = choose_password(client, reset_link(user), "12345678901234")
    assert response.status_code == 200
    assert "Ce mot de passe est entièrement numérique." in response.content.decode()


# --- Two-factor for CFA staff (cactus/twofactor), when CFA_STAFF_TWO_FACTOR is on


def current_code(device, offset_steps: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset_steps * device.step
    return f"{totp.token():06d}"


@pytest.fixture
def two_factor(settings):
    settings.CFA_STAFF_TWO_FACTOR = True


def test_staff_without_an_authenticator_must_set_one_up_before_seeing_any_dossier(client, two_factor):
    advisor = UserFactory(email="conseillere@cfa.test", cfa_advisor=True)
    login(client, advisor.email)

    response = client.get(reverse("dossiers:list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("twofactor:setup"))
    page = client.get(response["Location"]).content.decode()
    assert "Activer la double authentification" in page
    assert "otpauth://totp/Cactus" in page


def test_setting_up_with_the_right_code_opens_the_session_and_confirms_the_device(client, two_factor):
    advisor = UserFactory(email="conseillere@cfa.test", cfa_advisor=True)
    login(client, advisor.email)
    client.get(reverse("twofactor:setup"))
    device = TOTPDevice.objects.get(user=advisor)

    wrong = client.post(
        reverse("twofactor:setup"),
        {"code": "000000" if current_code(device) != "000000" else "111111", "password": PASSWORD},
    )
    assert "Ce code n&#x27;est pas le bon" in wrong.content.decode()
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):  # past the throttle of the wrong code
        done = client.post(
            reverse("twofactor:setup"),
            {"code": current_code(device), "password": PASSWORD, "next": reverse("dossiers:list")},
        )

    assert done["Location"] == reverse("dossiers:list")
    assert client.get(reverse("dossiers:list")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_every_new_session_of_staff_asks_the_code_and_a_code_works_once(two_factor):
    admin = UserFactory(email="admin@cfa.test", cfa_admin=True)
    device = TOTPDevice.objects.create(user=admin, name="téléphone", confirmed=True)
    client = Client()
    login(client, admin.email)
    assert client.get(reverse("dossiers:list"))["Location"].startswith(reverse("twofactor:verify"))

    code = current_code(device)
    assert client.post(reverse("twofactor:verify"), {"code": code}).status_code == 302
    assert client.get(reverse("dossiers:list")).status_code == 200

    replay = Client()
    login(replay, admin.email)
    refused = replay.post(reverse("twofactor:verify"), {"code": code})
    assert refused.status_code == 200  # the same code cannot open a second session
    assert replay.get(reverse("dossiers:list")).status_code == 302


def test_wrong_codes_are_throttled(two_factor):
    admin = UserFactory(email="admin@cfa.test", cfa_admin=True)
    device = TOTPDevice.objects.create(user=admin, name="téléphone", confirmed=True)
    client = Client()
    login(client, admin.email)
    wrong = "123456" if current_code(device) != "123456" else "654321"
    client.post(reverse("twofactor:verify"), {"code": wrong})

    right_too_soon = client.post(reverse("twofactor:verify"), {"code": current_code(device)})

    assert "Trop de codes erronés" in right_too_soon.content.decode()
    assert client.get(reverse("dossiers:list")).status_code == 302


def test_the_employer_side_alternants_and_managers_are_not_asked_for_a_code(client, two_factor):
    contact = UserFactory(email="contact@entreprise.test")
    login(client, contact.email)
    assert client.get(reverse("dossiers:list")).status_code == 200
    assert client.get(reverse("twofactor:setup")).status_code == 403


def test_with_the_setting_off_staff_go_straight_in(client, settings):
    settings.CFA_STAFF_TWO_FACTOR = False
    advisor = UserFactory(email="conseillere@cfa.test", cfa_advisor=True)
    login(client, advisor.email)
    assert client.get(reverse("dossiers:list")).status_code == 200


# --- Old links after a password was chosen another way (issue 11, finding 1)


def invitation_link_for(user) -> str:
    _, token = create_invitation(user=user, by=None)
    return reverse("accounts:invitation", kwargs={"token": token})


def take_over(link: str):
    """Whoever holds the old invitation mail tries to choose the password."""
    return Client().post(
        link, {"new_password1": "Pris-par-un-tiers-2026", "new_password2": "Pris-par-un-tiers-2026"}
    )


def test_an_unused_invitation_dies_when_the_person_chooses_a_password_through_mot_de_passe_oublie():
    invitee = UserFactory(email="rh@entreprise.test", password=None)
    old_link = invitation_link_for(invitee)
    owner = Client()
    assert choose_password(owner, reset_link(invitee), "Cactus-en-fleur-2026").status_code == 302

    attack = take_over(old_link)

    assert attack.status_code == 410
    invitee.refresh_from_db()
    assert invitee.check_password("Cactus-en-fleur-2026")
    assert not invitee.check_password("Pris-par-un-tiers-2026")
    page = Client().get(old_link).content.decode()
    assert "Un mot de passe a déjà été choisi pour ce compte" in page
    assert reverse("accounts:password_reset") in page and reverse("accounts:login") in page


@pytest.mark.parametrize(
    "route",
    ["set_password then save (admin, shell, a service)", "queryset update (raw write)"],
)
def test_an_unused_invitation_dies_whatever_route_sets_the_password(route):
    invitee = UserFactory(email="rh@entreprise.test", password=None)
    old_link = invitation_link_for(invitee)
    if route.startswith("set_password"):
        invitee.set_password("Choisi-par-l-admin-2026")
        invitee.save()
    else:
        probe = UserFactory.build(email="x@x.test", password=None)
        probe.set_password("Choisi-par-l-admin-2026")
        type(invitee).objects.filter(pk=invitee.pk).update(password=probe.password)

    assert take_over(old_link).status_code == 410
    invitee.refresh_from_db()
    assert invitee.check_password("Choisi-par-l-admin-2026")


def test_the_django_admin_password_form_kills_the_unused_invitation(client):
    superuser = UserFactory(email="super@cfa.test", is_staff=True, is_superuser=True)
    client.force_login(superuser)
    invitee = UserFactory(email="rh@entreprise.test", password=None)
    old_link = invitation_link_for(invitee)
    password = "Choisi-par-l-admin-2026"
    response = client.post(
        reverse("admin:auth_user_password_change", args=[invitee.pk]),
        {"password1": password, "password2": password, "usable_password": "true"},
    )
    assert response.status_code == 302
    invitee.refresh_from_db()
    assert invitee.check_password(password)

    assert take_over(old_link).status_code == 410


def test_choosing_a_password_records_the_revocation_of_every_outstanding_invitation():
    invitee = UserFactory(email="rh@entreprise.test", password=None)
    invitation_link_for(invitee)
    choose_password(Client(), reset_link(invitee), "Cactus-en-fleur-2026")

    assert not invitee.invitations.filter(used_at__isnull=True, revoked_at__isnull=True).exists()


def test_a_reset_link_dies_once_the_invitation_was_used():
    invitee = UserFactory(email="rh@entreprise.test", password=None)
    link = reset_link(invitee)
    invitation = invitation_link_for(invitee)
    password = {"new_password1": "Cactus-en-fleur-2026", "new_password2": "Cactus-en-fleur-2026"}
    assert Client().post(invitation, password).status_code == 302

    again = Client().get(link, follow=True).content.decode()

    assert "Lien inutilisable" in again
    assert reverse("accounts:password_reset") in again and reverse("accounts:login") in again


def test_the_migration_kills_the_invitations_already_outlived_by_a_chosen_password():
    import importlib

    from django.apps import apps

    from cactus.accounts.models import Invitation

    migration = importlib.import_module(
        "cactus.accounts.migrations.0004_revoke_invitations_of_accounts_with_a_password"
    )
    took_a_password = UserFactory(email="rh@entreprise.test", password=None)
    still_invited = UserFactory(email="lea@etudiant.test", password=None)
    old_link, pending_link = invitation_link_for(took_a_password), invitation_link_for(still_invited)
    Invitation.objects.update(password_fingerprint="")  # rows as they were before the migration
    took_a_password.set_password("Cactus-en-fleur-2026")
    took_a_password.save()

    migration.bind_or_revoke(apps, None)

    assert take_over(old_link).status_code == 410
    assert Invitation.objects.get(user=took_a_password).revoked_at is not None
    assert Client().get(pending_link).status_code == 200


# --- Throttles behind the TLS proxy (issue 11, finding 3). The proxy connects from 127.0.0.1 and
# appends the address it saw to X-Forwarded-For: that right-most entry is the client.

PROXY = "127.0.0.1"


def through_proxy(forwarded_for: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)


@pytest.fixture
def behind_proxy(settings):
    settings.BEHIND_TLS_PROXY = True


def test_behind_the_proxy_an_attackers_wrong_passwords_do_not_lock_the_owner_out(behind_proxy, settings):
    advisor = UserFactory(email="conseillere@cfa.test")
    attacker = through_proxy("198.51.100.66")
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        login(attacker, advisor.email, "mauvais-mot-de-passe")
    assert login(attacker, advisor.email).status_code == 429  # the attacker's address is locked

    assert login(through_proxy("203.0.113.10"), advisor.email).status_code == 302


def test_behind_the_proxy_a_spoofed_forwarded_entry_does_not_escape_the_lock(behind_proxy, settings):
    advisor = UserFactory(email="conseillere@cfa.test")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        # The client writes its own X-Forwarded-For; the proxy appends the real address after it.
        login(through_proxy(f"10.0.0.{attempt}, 198.51.100.66"), advisor.email, "mauvais-mot-de-passe")

    assert login(through_proxy("10.9.9.9, 198.51.100.66"), advisor.email).status_code == 429


def test_without_the_proxy_setting_a_forwarded_header_is_ignored(settings):
    settings.BEHIND_TLS_PROXY = False
    advisor = UserFactory(email="conseillere@cfa.test")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        login(through_proxy(f"198.51.100.{attempt}"), advisor.email, "mauvais-mot-de-passe")

    assert login(through_proxy("203.0.113.10"), advisor.email).status_code == 429


def test_a_successful_reset_lifts_the_lock_for_the_real_owner(behind_proxy, settings):
    # Same public address as the attacker (the CFA's network): the reset link is the way back.
    advisor = UserFactory(email="conseillere@cfa.test")
    shared = through_proxy("203.0.113.10")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(shared, advisor.email, "mauvais-mot-de-passe")
    assert login(shared, advisor.email).status_code == 429

    assert choose_password(Client(), reset_link(advisor), "Cactus-en-fleur-2026").status_code == 302

    assert login(through_proxy("203.0.113.10"), advisor.email, "Cactus-en-fleur-2026").status_code == 302


def test_behind_the_proxy_reset_requests_of_one_client_do_not_disable_reset_for_everyone(behind_proxy):
    UserFactory(email="conseillere@cfa.test")
    attacker = through_proxy("198.51.100.66")
    for index in range(settings.PASSWORD_RESET_THROTTLE * 5):
        attacker.post(reverse("accounts:password_reset"), {"email": f"inconnu{index}@exemple.test"})

    through_proxy("203.0.113.10").post(reverse("accounts:password_reset"), {"email": "conseillere@cfa.test"})

    assert OutgoingEmail.objects.filter(to="conseillere@cfa.test", name="password_reset").count() == 1


def test_reset_requests_for_one_account_are_capped_whatever_the_address(behind_proxy):
    UserFactory(email="conseillere@cfa.test")
    for index in range(settings.PASSWORD_RESET_THROTTLE + 3):
        through_proxy(f"198.51.100.{index}").post(
            reverse("accounts:password_reset"), {"email": "Conseillere@CFA.test"}
        )

    sent = OutgoingEmail.objects.filter(to="conseillere@cfa.test", name="password_reset").count()
    assert sent == settings.PASSWORD_RESET_THROTTLE  # no mail-bombing; the links already sent still work


def test_with_the_production_cache_the_hourly_reset_cap_lasts_the_hour(settings):
    # The counters used `cache.incr`, which the database cache (production's) rewrites with the
    # default timeout of 300 s: the hourly cap forgot its count after five minutes of silence, so a
    # script waiting six minutes between bursts sent 50 mails an hour instead of 5.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "cactus_cache"}
    }
    UserFactory(email="conseillere@cfa.test")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(3):
            for _ in range(settings.PASSWORD_RESET_THROTTLE):
                Client().post(reverse("accounts:password_reset"), {"email": "conseillere@cfa.test"})
            clock.shift(timedelta(minutes=6))

    sent = OutgoingEmail.objects.filter(to="conseillere@cfa.test", name="password_reset").count()
    assert sent == settings.PASSWORD_RESET_THROTTLE


def test_one_address_is_capped_across_accounts(behind_proxy, settings):
    for index in range(settings.PASSWORD_RESET_THROTTLE_PER_ADDRESS + 2):
        UserFactory(email=f"personne{index}@entreprise.test")
    client = through_proxy("198.51.100.66")
    for index in range(settings.PASSWORD_RESET_THROTTLE_PER_ADDRESS + 2):
        client.post(reverse("accounts:password_reset"), {"email": f"personne{index}@entreprise.test"})

    sent = OutgoingEmail.objects.filter(name="password_reset").count()
    assert sent == settings.PASSWORD_RESET_THROTTLE_PER_ADDRESS


@pytest.mark.parametrize(
    ("remote", "forwarded", "behind", "expected"),
    [
        (PROXY, "198.51.100.66", True, "198.51.100.66"),
        (PROXY, "10.0.0.1, 198.51.100.66", True, "198.51.100.66"),
        (PROXY, "10.0.0.1,2001:db8::1", True, "2001:db8::1"),
        (PROXY, "", True, PROXY),
        (PROXY, "pas-une-adresse", True, PROXY),
        (PROXY, "198.51.100.66", False, PROXY),
    ],
)
def test_the_client_address_is_the_proxys_own_entry_only_when_behind_the_proxy(
    settings, rf, remote, forwarded, behind, expected
):
    from cactus.core.security import client_ip

    settings.BEHIND_TLS_PROXY = behind
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


# --- Nothing personal stays in the browser's cache (issue 11, finding 4)


def test_pages_of_a_logged_in_person_are_not_kept_by_the_browser_and_static_files_are(client):
    user = UserFactory(email="lea@etudiant.test")
    login(client, user.email)

    page = client.get(reverse("dossiers:list"))

    assert page.status_code == 200
    directives = {part.strip() for part in page["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= directives
    static = client.get("/" + settings.STATIC_URL.lstrip("/") + "cactus/cactus.css")
    assert static.status_code == 200  # ("//static/…" was a 404, and the check below never ran)
    assert "no-store" not in static.get("Cache-Control", "")


# --- Two-factor enrolment (issue 11, finding 4): the password again, one device, no silent swap


def test_enrolling_an_authenticator_asks_for_the_password_again(client, two_factor):
    advisor = UserFactory(email="conseillere@cfa.test", cfa_advisor=True)
    login(client, advisor.email)  # e.g. a session left open on a shared CFA computer
    client.get(reverse("twofactor:setup"))
    device = TOTPDevice.objects.get(user=advisor)

    refused = client.post(reverse("twofactor:setup"), {"code": current_code(device), "password": "devine"})

    assert refused.status_code == 200
    assert "Mot de passe incorrect" in refused.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(reverse("dossiers:list")).status_code == 302


def test_two_sessions_enrolling_at_once_get_different_keys_and_only_the_first_device_counts(two_factor):
    advisor = UserFactory(email="conseillere@cfa.test", cfa_advisor=True)
    owner, intruder = Client(), Client()
    login(owner, advisor.email)
    login(intruder, advisor.email)
    owner_page = owner.get(reverse("twofactor:setup")).content.decode()
    intruder_page = intruder.get(reverse("twofactor:setup")).content.decode()
    key = re.compile(r'<p class="secret"><code>([A-Z2-7 ]+)</code>')
    assert key.search(owner_page).group(1) != key.search(intruder_page).group(
        1
    )  # nobody sees the other's key
    owner_device, intruder_device = TOTPDevice.objects.filter(user=advisor).order_by("pk")

    assert (
        owner.post(
            reverse("twofactor:setup"), {"code": current_code(owner_device), "password": PASSWORD}
        ).status_code
        == 302
    )
    late = intruder.post(
        reverse("twofactor:setup"), {"code": current_code(intruder_device), "password": PASSWORD}
    )

    assert late.status_code == 302 and late["Location"].startswith(reverse("twofactor:verify"))
    assert list(TOTPDevice.objects.filter(user=advisor).values_list("pk", flat=True)) == [owner_device.pk]
    assert intruder.get(reverse("dossiers:list")).status_code == 302


def test_an_account_with_an_authenticator_cannot_enrol_another_one(client, two_factor):
    admin = UserFactory(email="admin@cfa.test", cfa_admin=True)
    TOTPDevice.objects.create(user=admin, name="téléphone", confirmed=True)
    login(client, admin.email)

    response = client.post(reverse("twofactor:setup"), {"code": "123456", "password": PASSWORD})

    assert response["Location"].startswith(reverse("twofactor:verify"))
    assert TOTPDevice.objects.filter(user=admin).count() == 1


def test_with_the_production_cache_a_long_address_is_capped_too(settings):
    # The counter's key held the address: ":1:pwreset:email:" and an address over 237 characters
    # (the form takes 254) overflowed the database cache's key column (varchar 255); the database
    # cache swallows the error, so the counter was never written and that account had no cap.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "cactus_cache"}
    }
    address = f"{'a' * 64}@{'b' * 63}.{'c' * 63}.{'d' * 58}.fr"
    assert len(address) == 254
    UserFactory(email=address)

    for _ in range(settings.PASSWORD_RESET_THROTTLE + 2):
        Client().post(reverse("accounts:password_reset"), {"email": address})

    sent = OutgoingEmail.objects.filter(to=address, name="password_reset").count()
    assert sent == settings.PASSWORD_RESET_THROTTLE
