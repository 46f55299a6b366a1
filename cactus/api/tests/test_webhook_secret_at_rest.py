"""A webhook's signing secret is never stored in clear: a database dump, a backup or a reader of the
Django admin cannot forge signed deliveries to the CFA's partners (Fernet, as the OPCO keys)."""

import pytest
from django.core import serializers
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cactus.api import services
from cactus.api.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from cactus.api.tests.receiver import Receiver
from cactus.api.webhooks import UNREADABLE_SECRET
from cactus.dossiers import transitions
from cactus.dossiers.tests.factories import complete_dossier


def table_dump() -> str:
    """Every column of every webhook row, as a database dump would hold them."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {WebhookEndpoint._meta.db_table}")
        return repr(cursor.fetchall())


@pytest.mark.django_db
def test_the_secret_shown_at_creation_is_nowhere_in_the_database_nor_in_a_dump(client, cfa_admin):
    client.force_login(cfa_admin)
    response = client.post(
        "/acces-api/webhooks/nouveau/",
        {"name": "Yparéo", "url": "https://erp.example.test/cactus", "scope": "all"},
    )
    shown = response.context["endpoint"].secret
    assert shown.startswith("whsec_") and shown in response.content.decode()

    endpoint = WebhookEndpoint.objects.get()
    assert shown not in table_dump()
    assert shown not in serializers.serialize("json", [endpoint])  # manage.py dumpdata
    assert endpoint.secret == shown  # Cactus can still sign with it


@pytest.mark.django_db
def test_a_delivery_is_signed_with_the_decrypted_secret(formation, django_capture_on_commit_callbacks):
    dossier = complete_dossier(formation=formation)
    with Receiver() as receiver:
        endpoint = services.create_webhook_endpoint(name="Yparéo", url=receiver.url, by=None)
        receiver.secret = endpoint.secret
        with django_capture_on_commit_callbacks(execute=True):
            transitions.request_validation(dossier=dossier, by=dossier.employer_contact)

    [received] = receiver.received
    assert received.signature_valid


@pytest.mark.django_db
def test_a_secret_that_no_longer_decrypts_sends_nothing_rather_than_an_unsigned_body(
    formation, django_capture_on_commit_callbacks, settings
):
    dossier = complete_dossier(formation=formation)
    with Receiver() as receiver:
        services.create_webhook_endpoint(name="Yparéo", url=receiver.url, by=None)
        settings.SECRET_KEY = "another-secret-key-after-a-rotation-0123456789abcdefghijklmnop"
        with django_capture_on_commit_callbacks(execute=True):
            transitions.request_validation(dossier=dossier, by=dossier.employer_contact)

    assert receiver.received == []
    attempt = WebhookAttempt.objects.get()
    assert attempt.error == UNREADABLE_SECRET and attempt.status_code is None
    assert WebhookDelivery.objects.get().state == WebhookDelivery.State.PENDING  # retried once fixed


@pytest.mark.django_db(transaction=True)
def test_the_migration_encrypts_the_secrets_already_stored_in_clear():
    executor = MigrationExecutor(connection)
    before, after = [("api", "0001_tokens_and_webhooks")], [("api", "0002_encrypt_webhook_secrets")]
    executor.migrate(before)
    try:
        old_apps = executor.loader.project_state(before).apps
        Endpoint = old_apps.get_model("api", "WebhookEndpoint")
        Endpoint.objects.create(name="Yparéo", url="https://erp.example.test/c", secret="whsec_old-clear")
        assert "whsec_old-clear" in table_dump()

        executor = MigrationExecutor(connection)
        executor.migrate(after)
    finally:
        MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())

    assert "whsec_old-clear" not in table_dump()
    assert WebhookEndpoint.objects.get().secret == "whsec_old-clear"
