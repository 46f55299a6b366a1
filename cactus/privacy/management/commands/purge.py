"""`manage.py purge [--apply]`: anonymise the dossiers past their retention period (see privacy/retention.py)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from cactus.privacy import retention


class Command(BaseCommand):
    help = (
        "Anonymise les dossiers dont la durée de conservation est échue "
        f"({retention.RETENTION_YEARS} ans après la fin du contrat). Sans --apply, liste seulement."
    )

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="Anonymiser vraiment (sinon : simulation).")

    def handle(self, *args, apply: bool, **options):
        today = timezone.localdate()
        dossiers = list(retention.dossiers_past_retention(today))
        for dossier in dossiers:
            end = retention.retention_end(dossier)
            self.stdout.write(
                f"Dossier {dossier.pk} – {dossier.formation.title} – {dossier.get_status_display()} – "
                f"conservation échue le {end:%d/%m/%Y}"
            )
            if apply:
                retention.anonymise_dossier(dossier=dossier, today=today)
        if apply:
            self.stdout.write(self.style.SUCCESS(f"{len(dossiers)} dossier(s) anonymisé(s)."))
        else:
            self.stdout.write(
                f"{len(dossiers)} dossier(s) à anonymiser. Simulation : rien n'a été modifié ; "
                "relancez avec --apply pour anonymiser."
            )
