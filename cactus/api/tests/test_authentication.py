"""Every call carries `Authorization: Bearer <jeton>`; anything else is a 401 with a French message."""

import pytest
from django.test import Client

from cactus.api import services
from cactus.api.models import ApiToken
from cactus.api.tests.conftest import ApiClient

pytestmark = pytest.mark.django_db

ENDPOINTS = ["/api/v1/formations", "/api/v1/dossiers", "/api/v1/dossiers/1", "/api/v1/formations/1"]


@pytest.mark.parametrize("path", ENDPOINTS)
def test_a_call_without_a_token_is_refused_with_401_in_french(path):
    response = Client().get(path)

    assert response.status_code == 401
    assert response.json() == {
        "detail": "Jeton d'accès manquant : envoyez l'en-tête « Authorization: Bearer <jeton> »."
    }
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("header", ["Bearer cactus_inconnu", "Bearer ", "Token abc", "Basic dXNlcjpwYXNz"])
def test_a_call_with_an_unknown_or_malformed_token_is_refused(header, make_token):
    make_token()

    response = Client().get("/api/v1/dossiers", headers={"Authorization": header})

    assert response.status_code == 401
    assert "Jeton d'accès" in response.json()["detail"]


def test_a_revoked_token_is_refused_at_once(make_token, cfa_admin):
    token, raw = make_token()
    assert ApiClient(raw).get("/api/v1/formations").status_code == 200

    services.revoke_token(token=token, by=cfa_admin)

    response = ApiClient(raw).get("/api/v1/formations")
    assert response.status_code == 401
    assert response.json()["detail"] == (
        "Jeton d'accès inconnu ou révoqué : demandez un jeton à l'administrateur du CFA."
    )


def test_a_session_does_not_open_the_api(client, cfa_admin):
    client.force_login(cfa_admin)

    assert client.get("/api/v1/dossiers").status_code == 401


def test_only_the_hash_of_a_token_is_stored_and_its_use_is_recorded(make_token):
    token, raw = make_token()

    stored = ApiToken.objects.get(pk=token.pk)
    assert raw not in (stored.hashed_key, stored.prefix, stored.name)
    assert raw.startswith(stored.prefix)
    assert stored.last_used_at is None

    ApiClient(raw).get("/api/v1/formations")

    stored.refresh_from_db()
    assert stored.last_used_at is not None


def test_a_token_over_its_rate_is_told_to_wait(make_token, settings):
    settings.API_RATE_LIMIT = "3/m"
    api = ApiClient(make_token()[1])

    statuses = [api.get("/api/v1/formations").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    response = api.get("/api/v1/formations")
    assert response.json()["detail"] == "Trop de requêtes pour ce jeton : réessayez dans un instant."
    assert int(response["Retry-After"]) > 0


def test_the_rate_is_counted_per_token(make_token, settings):
    settings.API_RATE_LIMIT = "1/m"
    first, second = ApiClient(make_token("A")[1]), ApiClient(make_token("B")[1])

    assert first.get("/api/v1/formations").status_code == 200
    assert second.get("/api/v1/formations").status_code == 200
    assert first.get("/api/v1/formations").status_code == 429


def test_behind_the_proxy_the_rate_stays_per_token_and_a_forged_address_does_not_reset_it(
    make_token, settings
):
    # Issue 11, finding 4: behind the TLS proxy every request comes from the proxy's address. The
    # budget is the token's, so one partner cannot spend another's, and a forged X-Forwarded-For
    # (the client's own entries) buys no new budget.
    settings.BEHIND_TLS_PROXY = True
    settings.API_RATE_LIMIT = "1/m"
    first, second = make_token("A")[1], make_token("B")[1]

    def get(raw: str, forwarded_for: str) -> int:
        client = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)
        return client.get("/api/v1/formations", headers={"Authorization": f"Bearer {raw}"}).status_code

    assert get(first, "203.0.113.7") == 200
    assert get(second, "203.0.113.7") == 200
    assert get(first, "198.51.100.1, 203.0.113.99") == 429


def test_api_answers_are_not_kept_by_any_cache(api):
    # Issue 11, finding 6: personal data (names, dates of birth) in JSON is no-store like the pages.
    response = api.get("/api/v1/dossiers")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
