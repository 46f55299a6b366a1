"""Fill the database with N believable dossiers for the bench (bulk inserts)."""

import sys

from django.core.management.base import BaseCommand, CommandError

from cactus.bench import data


class Command(BaseCommand):
    help = (
        "Crée des dossiers de mesure jusqu'à en avoir N (formations, employeurs ayant 1 à 50 dossiers, "
        "tous les états, les deux dispositifs et niveaux de saisie). Relancer ne duplique rien."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--count", type=int, required=True, help="Nombre total de dossiers de mesure voulu."
        )
        parser.add_argument(
            "--reset", action="store_true", help="Supprime d'abord toutes les données de mesure existantes."
        )
        parser.add_argument(
            "--seed", type=int, default=2026, help="Graine du tirage (mêmes données à graine égale)."
        )

    def handle(self, *args, count: int, reset: bool, seed: int, **options):
        if count < 1:
            raise CommandError("--count doit être un entier positif.")
        if reset:
            removed = data.reset()
            self.stdout.write(f"{removed} dossiers de mesure supprimés.")
        show_progress = self.stdout.isatty()
        result = data.generate(count, seed=seed, progress=self._progress if show_progress else None)
        if show_progress:
            sys.stdout.write("\n")
        if result.created == 0:
            self.stdout.write(f"Déjà {result.total} dossiers de mesure : rien à créer.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.created} dossiers créés en {result.seconds:.1f} s "
                f"({result.rate:,.0f} dossiers/s) ; {result.total} dossiers de mesure au total.".replace(
                    ",", " "
                )
            )
        )

    def _progress(self, done: int, total: int) -> None:
        sys.stdout.write(f"\r{done}/{total} dossiers")
        sys.stdout.flush()
