"""Remuneration simulator: prints the legal minimum periods as JSON (issue 3)."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Calcule les périodes de rémunération minimale légale. Exemple : "
        "--naissance 2003-11-20 --debut 2024-09-02 --fin 2026-08-31 [--smc 2100.00] "
        "[--departement 976] [--dispositif apprentissage|professionnalisation]"
    )

    def add_arguments(self, parser):
        parser.add_argument("--naissance", help="Date de naissance (AAAA-MM-JJ)")
        parser.add_argument("--debut", help="Date de début d'exécution du contrat (AAAA-MM-JJ)")
        parser.add_argument("--fin", help="Date de fin du contrat (AAAA-MM-JJ)")
        parser.add_argument("--smc", help="Salaire minimum conventionnel mensuel (ex. 2100.00)")
        parser.add_argument("--departement", default="", help="Département de l'employeur (976 : Mayotte)")
        parser.add_argument(
            "--dispositif", default="apprentissage", help="apprentissage ou professionnalisation"
        )

    def handle(self, *args, **options):
        raise NotImplementedError
