"""Existing invitations: dead if the person has chosen a password since (issue 11), else bound to
the password of now, so that any password set from here on kills them."""

import hashlib

from django.db import migrations
from django.utils import timezone


def bind_or_revoke(apps, schema_editor):
    Invitation = apps.get_model("accounts", "Invitation")
    now = timezone.now()
    outstanding = Invitation.objects.filter(used_at__isnull=True, revoked_at__isnull=True)
    for invitation in outstanding.select_related("user").iterator():
        password = invitation.user.password
        if password and not password.startswith("!"):  # a usable password: chosen after the invitation
            invitation.revoked_at = now
        invitation.password_fingerprint = hashlib.sha256(password.encode()).hexdigest()
        invitation.save(update_fields=["revoked_at", "password_fingerprint"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_invitation_password_fingerprint"),
    ]

    operations = [migrations.RunPython(bind_or_revoke, migrations.RunPython.noop)]
