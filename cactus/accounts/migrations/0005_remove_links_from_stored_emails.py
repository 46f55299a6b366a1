"""Stored copies of invitation and reset mails kept working links (issue 11): remove them.

Mails already sent (or failed) lose the link for good; a mail still waiting keeps it in
`secret_link` only, so the worker can still send it and forget it. Lives in accounts, which owns
these links; notifications stays free of their shape.
"""

import re

from django.db import migrations

PLACEHOLDER = "[lien personnel : envoyé par e-mail, non conservé]"  # notifications.models, frozen here
LINKS = re.compile(
    r"https?://[^\s\"'<>]+?/(?:invitation/[\w-]+/|mot-de-passe/[\w-]+/[\w-]+/)",
)


def remove_links(apps, schema_editor):
    OutgoingEmail = apps.get_model("notifications", "OutgoingEmail")
    for email in OutgoingEmail.objects.filter(name__in=["invitation", "password_reset"]).iterator():
        found = LINKS.findall(email.body) or LINKS.findall(email.html_body)
        if not found:
            continue
        if email.status == "queued":
            email.secret_link = found[0]
        email.body = LINKS.sub(PLACEHOLDER, email.body)
        email.html_body = LINKS.sub(PLACEHOLDER, email.html_body)
        email.save(update_fields=["body", "html_body", "secret_link"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_revoke_invitations_of_accounts_with_a_password"),
        ("notifications", "0003_keep_personal_links_out_of_stored_mails"),
    ]

    operations = [migrations.RunPython(remove_links, migrations.RunPython.noop)]
