"""SentReminder moves from notifications to dossiers (reminders are the dossiers' domain).

State only: the table keeps its name (`notifications_sentreminder`), its rows and its constraint.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0004_add_pay_cases_and_age_derogation"),
        ("notifications", "0002_add_sent_reminder"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SentReminder',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('before_deadline', "Relance du contact avant l'échéance"), ('deadline_passed', 'Alerte à la conseillère : échéance dépassée')], max_length=20, verbose_name='relance')),
                        ('due_date', models.DateField(verbose_name='échéance')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='envoyée le')),
                        ('dossier', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sent_reminders', to='dossiers.dossier')),
                    ],
                    options={
                        'verbose_name': 'relance envoyée',
                        'verbose_name_plural': 'relances envoyées',
                        'db_table': 'notifications_sentreminder',
                        'constraints': [models.UniqueConstraint(fields=('dossier', 'kind', 'due_date'), name='one_reminder_per_due_date')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
