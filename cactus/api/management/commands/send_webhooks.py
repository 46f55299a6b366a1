"""Retry the webhook deliveries whose next attempt is due (cron, every minute)."""

from django.core.management.base import BaseCommand

from cactus.api.webhooks import send_due_webhooks


class Command(BaseCommand):
    help = "Renvoie les webhooks dont le prochain essai est arrivé."

    def handle(self, *args, **options):
        count = send_due_webhooks()
        self.stdout.write(f"{count} envoi(s) de webhook relancé(s).")
