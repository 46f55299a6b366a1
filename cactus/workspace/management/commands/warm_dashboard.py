"""Compute the dashboard's CFA-wide, unfiltered charts (cron, every 5 minutes, and after a deploy)."""

import time

from django.core.management.base import BaseCommand

from cactus.workspace import figures


class Command(BaseCommand):
    help = "Calcule les chiffres du tableau de bord pour tout le CFA (sans filtre), pour qu'aucune page ne les attende."

    def handle(self, *args, **options):
        started = time.perf_counter()
        computed = figures.warm()
        self.stdout.write(
            f"{len(computed)} graphique(s) du tableau de bord calculé(s) en {time.perf_counter() - started:.1f} s."
        )
