"""Search of dossiers by name, e-mail and SIRET: accents and case folded, through indexes on PostgreSQL.

The same SQL function `cactus_fold_name(last, first)` exists on both databases:
- on PostgreSQL, an IMMUTABLE wrapper around `unaccent` + `upper`, created by the migration
  `0012_search_indexes` with the trigram GIN indexes (`pg_trgm`) that serve `LIKE '%…%'` (and
  inlined into the queries, so a row's check costs no function call);
- on SQLite, a Python function registered on each new connection (`register_sqlite_functions`),
  with no index: SQLite is the development fallback, it scans.

A search is an OR of the dossier's own indexed columns (the alternant's name, the ids of the
alternant and of the contact alternance whose e-mail matches, the SIRET by prefix), not an OR
across joined tables: PostgreSQL cannot combine indexes of several tables in one OR and would read
every dossier. The caller's own filters (formation, visibility) apply on top, so a responsable de
formation still sees only their formations' dossiers.
"""

import re
import unicodedata

from django.db import models
from django.db.models import F, Func, Q, QuerySet

NAME_FUNCTION = "cactus_fold_name"
# SIRET: 14 digits; people paste it with spaces ("123 456 789 00012").
SIRET_DIGITS = 14
# A whole e-mail address is looked up as such, not as a part of every address (its domain's
# trigrams would match thousands of users).
EMAIL_ADDRESS = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
# At most this many users matched by e-mail are passed to the dossiers' query as a list of ids.
EMAIL_MATCHES = 200


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


def matching(query: str) -> Q | None:
    """The condition on a dossier for `query`: its name, its people's e-mails, its SIRET (None if blank).

    The users whose e-mail matches are looked up first (one query, on their trigram index), so
    that the dossier's condition is an OR of its own indexed columns: PostgreSQL combines their
    indexes (BitmapOr) for a rare term and walks the list's order for a common one. Beyond
    EMAIL_MATCHES users (a domain, "gmail"), the e-mail part stays a subquery: right, only slower.
    Needs `folded_name=FoldedName()` aliased on the queryset (see `search`).
    """
    from cactus.accounts.models import User

    query = " ".join(query.split())
    if not query:
        return None
    condition = Q(folded_name__contains=fold(query))
    if EMAIL_ADDRESS.fullmatch(query):
        # A whole address: the user with it (addresses are stored in lower case; unique index).
        users = User.objects.filter(email=query.lower()).values("pk")
    else:
        users = User.objects.filter(email__icontains=query).values("pk")
    user_ids = list(users[: EMAIL_MATCHES + 1].values_list("pk", flat=True))
    if len(user_ids) > EMAIL_MATCHES:
        user_ids = users
    if user_ids:
        condition |= Q(alternant_id__in=user_ids) | Q(employer_contact_id__in=user_ids)
    digits = query.replace(" ", "")
    if digits.isdigit() and len(digits) <= SIRET_DIGITS:
        condition |= Q(siret__startswith=digits)
    return condition


def search(dossiers: QuerySet, query: str) -> QuerySet:
    condition = matching(query)
    return dossiers if condition is None else dossiers.alias(folded_name=FoldedName()).filter(condition)
