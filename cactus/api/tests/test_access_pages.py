"""The "Accès API" page: a CFA administrator creates and revokes tokens and webhooks (others: 403,
checked for every role by the access matrix)."""

import pytest

from cactus.accounts.models import hash_token
from cactus.api.models import ApiToken, WebhookEndpoint
from cactus.api.tests.conftest import ApiClient
from cactus.formations.tests.factories import FormationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, cfa_admin):
    client.force_login(cfa_admin)
    return client


def test_a_token_is_shown_once_at_creation_and_works(admin_client):
    response = admin_client.post("/acces-api/jetons/nouveau/", {"name": "Yparéo", "scope": "all"})

    assert response.status_code == 200
    raw = response.context["raw"]
    assert raw in response.content.decode()
    token = ApiToken.objects.get()
    assert token.hashed_key == hash_token(raw)
    assert raw not in admin_client.get("/acces-api/").content.decode()
    assert ApiClient(raw).get("/api/v1/dossiers").status_code == 200


def test_a_token_limited_to_chosen_formations_keeps_them(admin_client):
    chosen, _other = FormationFactory(), FormationFactory()

    admin_client.post(
        "/acces-api/jetons/nouveau/", {"name": "Région Sud", "scope": "chosen", "formations": [chosen.pk]}
    )

    token = ApiToken.objects.get()
    assert not token.all_formations
    assert list(token.formations.all()) == [chosen]


def test_choosing_formations_without_ticking_one_is_refused_in_french(admin_client):
    response = admin_client.post("/acces-api/jetons/nouveau/", {"name": "Région Sud", "scope": "chosen"})

    assert response.status_code == 200
    assert "Cochez au moins une formation" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoking_a_token_from_the_page_closes_the_api_to_it(admin_client):
    raw = admin_client.post("/acces-api/jetons/nouveau/", {"name": "Yparéo", "scope": "all"}).context["raw"]
    token = ApiToken.objects.get()

    response = admin_client.post(f"/acces-api/jetons/{token.pk}/revoquer/")

    assert response.status_code == 302
    assert ApiClient(raw).get("/api/v1/dossiers").status_code == 401
    token.refresh_from_db()
    assert token.revoked_by.email == "admin@cfa.test"
    assert "par admin@cfa.test" in admin_client.get("/acces-api/").content.decode()


def test_a_webhook_gets_a_secret_shown_at_creation_and_can_be_switched_off(admin_client):
    response = admin_client.post(
        "/acces-api/webhooks/nouveau/",
        {"name": "Yparéo", "url": "https://erp.example.test/cactus", "scope": "all"},
    )

    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.secret in response.content.decode()
    assert endpoint.secret not in admin_client.get(f"/acces-api/webhooks/{endpoint.pk}/").content.decode()

    admin_client.post(f"/acces-api/webhooks/{endpoint.pk}/", {"actif": "non"})
    endpoint.refresh_from_db()
    assert not endpoint.is_active
    assert endpoint.changed_by.email == "admin@cfa.test"


def test_a_webhook_address_must_be_http(admin_client):
    response = admin_client.post(
        "/acces-api/webhooks/nouveau/", {"name": "Yparéo", "url": "ftp://erp.example.test/", "scope": "all"}
    )

    assert response.status_code == 200
    assert not WebhookEndpoint.objects.exists()


@pytest.mark.parametrize("value", ["99999999999999999999999", "-1", "abc", "１"])
def test_a_forged_formation_id_is_a_form_error_not_a_server_error(admin_client, value):
    response = admin_client.post(
        "/acces-api/jetons/nouveau/", {"name": "Yparéo", "scope": "chosen", "formations": [value]}
    )

    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
