"""Load the IDCC → label, branch, OPCO table into the referential (rules.md §14)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cactus.referentials.idcc_table import (
    SHIPPED_FILE,
    SPECIAL_CODES,
    IdccFileError,
    read_idcc_csv,
    save_agreements,
)
from cactus.referentials.models import CollectiveAgreement


class Command(BaseCommand):
    help = (
        "Importe un fichier CSV de conventions collectives (UTF-8, séparateur « ; » ou « , », "
        "une ligne d'en-tête). Colonnes : idcc (obligatoire, 1 à 4 chiffres), libelle (obligatoire), "
        "branche (par défaut le libellé), opco, en_vigueur (oui/non ; oui par défaut) ; les autres "
        "colonnes (source…) sont ignorées. Sans fichier, recharge la table livrée "
        "(cactus/referentials/data/idcc_opco.csv). Relancer la commande avec le même fichier ne change "
        "rien ; les dossiers gardent leur propre copie du libellé, de la branche et de l'OPCO et ne sont "
        "jamais modifiés."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            nargs="?",
            default=str(SHIPPED_FILE),
            help="Chemin du fichier CSV (par défaut la table livrée)",
        )
        parser.add_argument(
            "--desactiver-absents",
            action="store_true",
            dest="deactivate_missing",
            help="Marquer « plus en vigueur » les conventions absentes du fichier (sauf 9999 et 9998).",
        )

    def handle(self, *args, **options):
        try:
            rows = read_idcc_csv(Path(options["file"]))
        except IdccFileError as error:
            raise CommandError(str(error)) from error
        with transaction.atomic():
            created, updated = save_agreements(rows, model=CollectiveAgreement)
            deactivated = 0
            if options["deactivate_missing"]:
                deactivated = (
                    CollectiveAgreement.objects.filter(is_active=True)
                    .exclude(idcc__in=[row["idcc"] for row in rows])
                    .exclude(idcc__in=SPECIAL_CODES)
                    .update(is_active=False)
                )
        self.stdout.write(
            f"{len(rows)} conventions lues : {created} créées, {updated} mises à jour, "
            f"{len(rows) - created - updated} inchangées, {deactivated} désactivées."
        )
