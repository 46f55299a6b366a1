"""SentReminder is now the dossiers app's (dossiers 0004): forget it here, keep its table."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0003_keep_personal_links_out_of_stored_mails"),
        ("dossiers", "0005_take_sent_reminder_from_notifications"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SentReminder")],
            database_operations=[],
        ),
    ]
