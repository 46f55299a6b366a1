"""Guessing tokens: before, every wrong token got a 401 and the next guess went through, without
limit. Now an address that presented API_AUTH_FAILURES_PER_HOUR unknown or revoked tokens in an hour
gets 429 (Retry-After, French JSON) and its tokens are not even looked at; other addresses and good
tokens are untouched. The address is the proxy-aware one (cactus.core.security.client_ip)."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
TOO_MANY = (
    "Trop de jetons d'accès refusés depuis votre adresse : réessayez dans {minutes} minutes, "
    "avec le jeton donné par l'administrateur du CFA."
)


def call(raw: str, address: str):
    client = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)
    return client.get("/api/v1/formations", headers={"Authorization": f"Bearer {raw}"})


@pytest.fixture(autouse=True)
def behind_proxy(settings):
    settings.BEHIND_TLS_PROXY = True


def test_an_address_guessing_tokens_is_stopped_and_told_when_to_come_back(make_token, settings):
    _, good = make_token()
    limit = settings.API_AUTH_FAILURES_PER_HOUR
    with time_machine.travel(timezone.now(), tick=False) as clock:
        statuses = []
        for guess in range(limit + 30):
            statuses.append(call(f"cactus_devine{guess:04d}", "198.51.100.66").status_code)
            clock.shift(timedelta(seconds=10))

        assert statuses == [401] * limit + [429] * 30
        response = call("cactus_encore", "198.51.100.66")
        assert response.status_code == 429
        wait = int(response["Retry-After"])
        assert 0 < wait <= 3600
        assert response.json() == {"detail": TOO_MANY.format(minutes=(wait + 59) // 60)}
        # A right guess now would not be recognised: the blocked address learns nothing.
        assert call(good, "198.51.100.66").status_code == 429

        clock.shift(timedelta(seconds=wait))
        assert call(good, "198.51.100.66").status_code == 200


def test_the_block_is_the_attackers_address_only_and_a_forged_entry_does_not_escape_it(make_token, settings):
    _, good = make_token()
    for guess in range(settings.API_AUTH_FAILURES_PER_HOUR):
        call(f"cactus_devine{guess:04d}", "198.51.100.66")

    # The attacker's own X-Forwarded-For entries are left of the proxy's: the same address.
    assert call("cactus_autre", "203.0.113.7, 198.51.100.66").status_code == 429
    # The CFA's ERP, elsewhere, with its good token: served, and its wrong token only counts for it.
    assert call(good, "203.0.113.7").status_code == 200
    assert call("cactus_faute_de_frappe", "203.0.113.7").status_code == 401
    assert call(good, "203.0.113.7").status_code == 200


def test_good_tokens_are_not_counted_as_failures_and_keep_their_own_rate(make_token, settings):
    settings.API_AUTH_FAILURES_PER_HOUR = 2
    settings.API_RATE_LIMIT = "5/m"
    _, good = make_token()

    statuses = [call(good, "203.0.113.7").status_code for _ in range(6)]

    assert statuses == [200] * 5 + [429]
    assert call("cactus_inconnu", "203.0.113.7").status_code == 401  # the per-token 429s were not failures
