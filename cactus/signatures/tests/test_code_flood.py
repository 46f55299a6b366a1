"""A leaked signing link (or a script) asking for the one-time code again and again: the 30-second
spacing alone let it mail the signer 120 codes an hour, 2,880 a day. Capped per signer per hour and
per 24 hours; the page says when a new code can be asked for and keeps working."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cactus.notifications.models import OutgoingEmail
from cactus.signatures import services
from cactus.signatures.models import Signer
from cactus.signatures.tests.helpers import last_code, last_link

pytestmark = pytest.mark.django_db


def start():
    """Tomorrow 09:00, local time: within the link's validity and the test certificate's."""
    return timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=1)


@pytest.fixture
def first_signer(signing_dossier) -> Signer:
    return services.current_round(signing_dossier).signers.get(position=1)


def codes_sent(signer: Signer) -> int:
    return OutgoingEmail.objects.filter(name="signature_code", to=signer.email).count()


def test_a_script_asking_a_code_every_31_seconds_gets_the_hourly_cap_and_is_told_when_to_come_back(
    first_signer, settings, django_capture_on_commit_callbacks
):
    url = reverse("signatures:sign", kwargs={"token": last_link(first_signer.email)})
    browser = Client()
    clicks = 12
    with time_machine.travel(start(), tick=False) as clock:
        for _ in range(clicks):  # six minutes of clicks
            with django_capture_on_commit_callbacks(execute=True):
                response = browser.post(url, {"action": "code"}, follow=True)
            clock.shift(timedelta(seconds=31))

        assert codes_sent(first_signer) == settings.SIGNING_CODES_PER_HOUR
        page = response.content.decode()
        assert response.status_code == 200  # the page itself keeps working
        assert "5 codes en une heure : c&#x27;est le maximum" in page
        assert "Vous pourrez en demander un nouveau à partir de 10:00." in page
        assert "Le dernier code reçu par courriel reste valable jusqu&#x27;à 09:17" in page
        assert 'name="action" value="sign"' in page

        # The code already received still signs.
        with django_capture_on_commit_callbacks(execute=True):
            signed = browser.post(
                url, {"action": "sign", "code": last_code(first_signer.email), "consent": "on"}
            )
        assert "votre signature a été apposée" in signed.content.decode()

    first_signer.refresh_from_db()
    assert first_signer.codes_sent == settings.SIGNING_CODES_PER_HOUR
    assert first_signer.code_requests_refused == clicks - settings.SIGNING_CODES_PER_HOUR
    recorded = services.evidence(first_signer.round)["signers"][0]
    assert recorded["codes_sent"] == settings.SIGNING_CODES_PER_HOUR
    assert recorded["code_requests_refused"] == clicks - settings.SIGNING_CODES_PER_HOUR


def test_over_a_day_the_daily_cap_holds_and_the_next_code_comes_24_hours_after_the_first(
    first_signer, settings, django_capture_on_commit_callbacks
):
    url = reverse("signatures:sign", kwargs={"token": last_link(first_signer.email)})
    browser = Client()
    day_one = start()
    with time_machine.travel(day_one, tick=False) as clock:
        for click in range(48):  # a click every 30 minutes for 24 hours
            with django_capture_on_commit_callbacks(execute=True):
                response = browser.post(url, {"action": "code"}, follow=True)
            if click == settings.SIGNING_CODES_PER_DAY:  # the first refused one, at 14:00
                page = response.content.decode()
                next_day = (day_one + timedelta(days=1)).strftime("%d/%m/%Y")
                assert "10 codes en 24 heures : c&#x27;est le maximum" in page
                assert f"Vous pourrez en demander un nouveau à partir du {next_day} à 09:00." in page
            clock.shift(timedelta(minutes=30))
        assert codes_sent(first_signer) == settings.SIGNING_CODES_PER_DAY

        # 24 hours after the first code of the day: one more.
        with django_capture_on_commit_callbacks(execute=True):
            browser.post(url, {"action": "code"})
    assert codes_sent(first_signer) == settings.SIGNING_CODES_PER_DAY + 1


def test_the_cap_is_the_signers_own(signing_dossier, settings, django_capture_on_commit_callbacks):
    # Another signer's flood (another dossier, or the next signer of this one) leaves this one's budget whole.
    settings.SIGNING_CODES_PER_HOUR = 1
    first = services.current_round(signing_dossier).signers.get(position=1)
    url = reverse("signatures:sign", kwargs={"token": last_link(first.email)})
    with time_machine.travel(start(), tick=False) as clock:
        for _ in range(3):
            with django_capture_on_commit_callbacks(execute=True):
                Client().post(url, {"action": "code"})
            clock.shift(timedelta(seconds=31))
        second = services.current_round(signing_dossier).signers.get(position=2)
        services.send_code(signer=second)
    assert codes_sent(first) == 1
    assert codes_sent(second) == 1
