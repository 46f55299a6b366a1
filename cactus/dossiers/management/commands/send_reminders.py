"""Send the OPCO / DDETS deadline reminders. Safe to run many times a day: a reminder leaves once.

Schedule it, e.g. every hour on working days, with cron:
    0 * * * 1-6  cd /srv/cactus && .venv/bin/python manage.py send_reminders
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from cactus.dossiers import extensions
from cactus.dossiers.reminders import send_deadline_reminders


class Command(BaseCommand):
    help = (
        "Relance les contacts avant l'échéance d'envoi à l'OPCO et alerte la conseillère une fois dépassée."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        report = send_deadline_reminders(today=today)
        self.stdout.write(
            f"Relances avant échéance : {len(report.before_deadline)} ; "
            f"alertes d'échéance dépassée : {len(report.deadline_passed)}."
        )
        # The apps above dossiers (signatures…) send their own reminders (extensions.add_reminder_step).
        for step in extensions.reminder_steps():
            step(today, self.stdout)
