"""Search of dossiers by name, e-mail and SIRET: accents and case folded, through indexes on PostgreSQL.

The same SQL function `cactus_fold_name(last, first)` exists on both databases:
- on PostgreSQL, an IMMUTABLE wrapper around `unaccent` + `upper`, created by the migration
  `0011_search_indexes` with the trigram GIN indexes (`pg_trgm`) that serve `LIKE '%…%'`;
- on SQLite, a Python function registered on each new connection (`register_sqlite_functions`),
  with no index: SQLite is the development fallback, it scans.

A search is the UNION of four index-served parts (the alternant's name on the dossier, the
alternant's e-mail, the contact alternance's e-mail, the SIRET by prefix), not an OR across the
joined tables: PostgreSQL cannot combine indexes of several tables in one OR and would read every
dossier. The caller's own filters (formation, visibility) apply on top, so a responsable de
formation still sees only their formations' dossiers.
"""

import unicodedata

from django.db import models
from django.db.models import F, Func, QuerySet

NAME_FUNCTION = "cactus_fold_name"
# SIRET: 14 digits; people paste it with spaces ("123 456 789 00012").
SIRET_DIGITS = 14


def fold(text: str) -> str:
    """Upper case without accents, as `cactus_fold_name` stores it: "Lefèvre" -> "LEFEVRE"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).upper()


def _fold_name(last_name, first_name) -> str:
    return fold(f"{last_name or ''} {first_name or ''}")


class FoldedName(Func):
    """The dossier's alternant "NOM PRÉNOM", folded; the expression the trigram index is built on."""

    function = NAME_FUNCTION
    output_field = models.CharField()

    def __init__(self):
        super().__init__(F("alternant_last_name"), F("alternant_first_name"))


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: the SQLite twin of the PostgreSQL function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(NAME_FUNCTION, 2, _fold_name, deterministic=True)


def matching_ids(query: str) -> QuerySet | None:
    """The ids of the dossiers whose name, e-mail or SIRET matches `query` (a UNION), or None if blank."""
    from cactus.dossiers.models import Dossier

    query = " ".join(query.split())
    if not query:
        return None
    ids = Dossier.objects.order_by().values("pk")
    parts = [
        ids.alias(folded=FoldedName()).filter(folded__contains=fold(query)),
        ids.filter(alternant__email__icontains=query),
        ids.filter(employer_contact__email__icontains=query),
    ]
    digits = query.replace(" ", "")
    if digits.isdigit() and len(digits) <= SIRET_DIGITS:
        parts.append(ids.filter(siret__startswith=digits))
    first, *others = parts
    return first.union(*others)


def search(dossiers: QuerySet, query: str) -> QuerySet:
    ids = matching_ids(query)
    return dossiers if ids is None else dossiers.filter(pk__in=ids)
