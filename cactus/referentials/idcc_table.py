"""The IDCC → label, branch, OPCO table as a CSV file (rules.md §14): read it, save it.

The shipped file is `data/idcc_opco.csv` (its sources in `data/README.md`). Migration `0006`
loads it; `manage.py import_idcc [FILE]` loads it again, or an official file, the day it changes.
"""

import csv
from pathlib import Path

from cactus.referentials.selectors import normalize_idcc

SHIPPED_FILE = Path(__file__).resolve().parent / "data" / "idcc_opco.csv"
REQUIRED_COLUMNS = {"idcc", "libelle"}
TRUE_VALUES = {"oui", "1", "true", "vrai", "o", "yes", ""}
FALSE_VALUES = {"non", "0", "false", "faux", "n", "no"}
# the special codes are not conventions and stay whatever a file says.
SPECIAL_CODES = {"9999", "9998"}
FIELDS = ("label", "branch", "opco", "is_active")


class IdccFileError(ValueError):
    """A file the import refuses as a whole; the message is French and names the bad lines."""


def read_idcc_csv(path: Path) -> list[dict]:
    """The rows of a UTF-8 CSV (`;` or `,`) with a header naming idcc, libelle and optionally
    branche, opco, en_vigueur (other columns, such as source, are ignored). All or nothing."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise IdccFileError(f"Impossible de lire {path} en UTF-8 : {error}") from error
    first_line = text.split("\n", 1)[0]
    reader = csv.DictReader(text.splitlines(), delimiter=";" if ";" in first_line else ",")
    columns = {(name or "").strip().lower() for name in reader.fieldnames or []}
    if not columns >= REQUIRED_COLUMNS:
        raise IdccFileError(
            f"Colonnes manquantes : {', '.join(sorted(REQUIRED_COLUMNS - columns))}. "
            "La première ligne doit nommer les colonnes idcc;libelle;branche;opco;en_vigueur."
        )
    rows, errors, seen = [], [], set()
    for line_number, raw in enumerate(reader, start=2):
        row = {(key or "").strip().lower(): (value or "").strip() for key, value in raw.items() if key}
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
        raise IdccFileError("Fichier refusé, rien n'a été importé :\n" + "\n".join(errors))
    return rows


def save_agreements(rows: list[dict], *, model) -> tuple[int, int]:
    """Create or update `model` (CollectiveAgreement, or its historical version in a migration)
    from `rows`; returns (created, updated). Special codes are left as they are."""
    existing = {agreement.idcc: agreement for agreement in model.objects.all()}
    created = updated = 0
    for row in rows:
        if row["idcc"] in SPECIAL_CODES:
            continue
        agreement = existing.get(row["idcc"])
        if agreement is None:
            model.objects.create(**row)
            created += 1
        elif any(getattr(agreement, field) != row[field] for field in FIELDS):
            for field in FIELDS:
                setattr(agreement, field, row[field])
            agreement.save()
            updated += 1
    return created, updated
