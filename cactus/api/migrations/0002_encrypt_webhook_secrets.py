"""Webhook secrets were kept in clear: each is now encrypted (core.encryption), the clear column dropped."""

from django.db import migrations, models

from cactus.core import encryption

PURPOSE = "cactus.api.webhooks"  # api.models.WEBHOOK_SECRET_PURPOSE, frozen here


def encrypt_secrets(apps, schema_editor):
    WebhookEndpoint = apps.get_model("api", "WebhookEndpoint")
    for endpoint in WebhookEndpoint.objects.all().only("pk", "secret"):
        endpoint.secret_encrypted = encryption.encrypt(endpoint.secret, purpose=PURPOSE)
        endpoint.save(update_fields=["secret_encrypted"])


def decrypt_secrets(apps, schema_editor):
    WebhookEndpoint = apps.get_model("api", "WebhookEndpoint")
    for endpoint in WebhookEndpoint.objects.all().only("pk", "secret_encrypted"):
        endpoint.secret = encryption.decrypt(endpoint.secret_encrypted, purpose=PURPOSE)
        endpoint.save(update_fields=["secret"])


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_tokens_and_webhooks"),
    ]

    operations = [
        migrations.AddField(
            model_name="webhookendpoint",
            name="secret_encrypted",
            field=models.TextField(default="", editable=False),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="webhookendpoint",
            name="secret",
            field=models.CharField(max_length=100, default=""),
        ),
        migrations.RunPython(encrypt_secrets, decrypt_secrets),
        migrations.RemoveField(model_name="webhookendpoint", name="secret"),
    ]
