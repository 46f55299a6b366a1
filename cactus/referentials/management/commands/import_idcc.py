"""Load the official IDCC list into the referential (rules.md §14)."""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cactus.referentials.models import CollectiveAgreement
from cactus.referentials.selectors import normalize_idcc

REQUIRED_COLUMNS = {"idcc", "libelle"}
TRUE_VALUES = {"oui", "1", "true", "vrai", "o", "yes", ""}
FALSE_VALUES = {"non", "0", "false", "faux", "n", "no"}
# the special codes are not conventions and stay whatever the file says.
SPECIAL_CODES = {"9999", "9998"}


class Command(BaseCommand):
    help = (
        "Importe un fichier CSV de conventions collectives (UTF-8, séparateur « ; » ou « , », "
        "une ligne d'en-tête). Colonnes : idcc (obligatoire, 1 à 4 chiffres), libelle (obligatoire), "
        "branche (par défaut le libellé), opco, en_vigueur (oui/non ; oui par défaut). Relancer la "
        "commande avec le même fichier ne change rien ; les dossiers gardent leur propre copie du "
        "libellé, de la branche et de l'OPCO et ne sont jamais modifiés."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Chemin du fichier CSV")
        parser.add_argument(
            "--desactiver-absents",
            action="store_true",
            dest="deactivate_missing",
            help="Marquer « plus en vigueur » les conventions absentes du fichier (sauf 9999 et 9998).",
        )

    def handle(self, *args, **options):
        rows = self._read(Path(options["file"]))
        with transaction.atomic():
            created, updated = self._save(rows)
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

    def _read(self, path: Path) -> list[dict]:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Impossible de lire {path} en UTF-8 : {error}") from error
        first_line = text.split("\n", 1)[0]
        reader = csv.DictReader(text.splitlines(), delimiter=";" if ";" in first_line else ",")
        columns = {(name or "").strip().lower() for name in reader.fieldnames or []}
        if not columns >= REQUIRED_COLUMNS:
            raise CommandError(
                f"Colonnes manquantes : {', '.join(sorted(REQUIRED_COLUMNS - columns))}. "
                "La première ligne doit nommer les colonnes idcc;libelle;branche;opco;en_vigueur."
            )
        rows, errors, seen = [], [], set()
        for line_number, raw in enumerate(reader, start=2):
            row = {(key or "").strip().lower(): (value or "").strip() for key, value in raw.items()}
            idcc = normalize_idcc(row["idcc"])
            active = row.get("en_vigueur", "").lower()
            if not idcc:
                errors.append(f"ligne {line_number} : code IDCC « {row['idcc']} » invalide (1 à 4 chiffres)")
            elif not row["libelle"]:
                errors.append(f"ligne {line_number} : libellé manquant")
            elif active not in TRUE_VALUES | FALSE_VALUES:
                errors.append(f"ligne {line_number} : en_vigueur doit valoir oui ou non")
            elif idcc in seen:
                errors.append(f"ligne {line_number} : le code IDCC {idcc} figure déjà plus haut")
            else:
                seen.add(idcc)
                rows.append(
                    {
                        "idcc": idcc,
                        "label": row["libelle"],
                        "branch": row.get("branche") or row["libelle"],
                        "opco": row.get("opco", ""),
                        "is_active": active in TRUE_VALUES,
                    }
                )
        if errors:
            raise CommandError("Fichier refusé, rien n'a été importé :\n" + "\n".join(errors))
        return rows

    def _save(self, rows: list[dict]) -> tuple[int, int]:
        existing = {agreement.idcc: agreement for agreement in CollectiveAgreement.objects.all()}
        created = updated = 0
        for row in rows:
            agreement = existing.get(row["idcc"])
            if agreement is None:
                CollectiveAgreement.objects.create(**row)
                created += 1
            elif any(getattr(agreement, field) != value for field, value in row.items()):
                for field, value in row.items():
                    setattr(agreement, field, value)
                agreement.save()
                updated += 1
        return created, updated
