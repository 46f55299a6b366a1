"""Print a dossier's data as JSON, under the CERFA keys the documents are filled from."""

import json

from django.core.management.base import BaseCommand, CommandError

from cactus.dossiers.export import dossier_data
from cactus.dossiers.models import Dossier


class Command(BaseCommand):
    help = "Affiche les données d'un dossier en JSON (clés du CERFA, voir dossiers/README.md)."

    def add_arguments(self, parser):
        parser.add_argument("dossier_id", type=int, help="Numéro du dossier.")

    def handle(self, *args, dossier_id: int, **options):
        dossier = Dossier.objects.select_related("formation").filter(pk=dossier_id).first()
        if dossier is None:
            raise CommandError(f"Aucun dossier n° {dossier_id}.")
        self.stdout.write(json.dumps(dossier_data(dossier), ensure_ascii=False, indent=2))
