"""Load the official IDCC list into the referential (rules.md §14)."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Importe un fichier CSV de conventions collectives (UTF-8, séparateur « ; » ou « , »). "
        "Colonnes : idcc (obligatoire, 1 à 4 chiffres), libelle (obligatoire), branche, opco, "
        "en_vigueur (oui/non, 1/0 ; oui par défaut). Relancer la commande met à jour les lignes "
        "existantes sans toucher aux dossiers, qui gardent leur propre copie."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Chemin du fichier CSV")

    def handle(self, *args, **options):
        raise NotImplementedError
