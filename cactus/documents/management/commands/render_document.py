"""Render one document of a dossier to a file, for CFA staff batch work. Nothing is stored in Cactus."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cactus.documents import services
from cactus.documents.exceptions import DocumentError
from cactus.documents.models import Document
from cactus.dossiers.models import Dossier

KINDS = {
    "cerfa": Document.Kind.CERFA,
    "convention": Document.Kind.CONVENTION,
    "calendrier": Document.Kind.CALENDAR,
    "programme": Document.Kind.PROGRAMME,
}


class Command(BaseCommand):
    help = "Produit le PDF d'un document du dossier (cerfa, convention, calendrier, programme)."

    def add_arguments(self, parser):
        parser.add_argument("document", choices=sorted(KINDS), help="Document à produire.")
        parser.add_argument("dossier_id", type=int, help="Numéro du dossier.")
        parser.add_argument("--output", required=True, type=Path, help="Fichier PDF à écrire.")

    def handle(self, *args, document: str, dossier_id: int, output: Path, **options):
        dossier = Dossier.objects.select_related("formation").filter(pk=dossier_id).first()
        if dossier is None:
            raise CommandError(f"Le dossier {dossier_id} n'existe pas.", returncode=2)
        try:
            content = services.render_bytes(dossier=dossier, kind=KINDS[document])
        except DocumentError as error:
            raise CommandError(str(error), returncode=2) from error
        output.write_bytes(content)
        self.stdout.write(
            f"{output} : {len(content)} octets ({services.download_name(dossier, KINDS[document])})."
        )
