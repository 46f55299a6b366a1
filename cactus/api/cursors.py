"""Keyset pagination: pages in ascending id, the cursor an opaque string naming the last id seen.

No OFFSET: page 2,000 costs what page 1 costs (an index range on the primary key), and a row
created or deleted while a client pages never shifts the others (no duplicate, no gap).
"""

import base64
import binascii
import json

from django.db.models import QuerySet


class InvalidCursor(ValueError):
    message = "Curseur invalide : reprenez la valeur « curseur_suivant » d'une réponse précédente."


def encode(last_id: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"apres": last_id}).encode()).decode().rstrip("=")


def decode(cursor: str) -> int:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        last_id = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))["apres"]
    except (binascii.Error, ValueError, UnicodeError, KeyError, TypeError) as error:
        raise InvalidCursor from error
    if not isinstance(last_id, int) or isinstance(last_id, bool) or not 0 <= last_id < 2**63:
        raise InvalidCursor
    return last_id


def page(queryset: QuerySet, *, cursor: str | None, limit: int) -> tuple[list, str | None]:
    """The rows after the cursor, and the cursor of the next page (None on the last one)."""
    if cursor:
        queryset = queryset.filter(pk__gt=decode(cursor))
    rows = list(queryset.order_by("pk")[: limit + 1])
    if len(rows) > limit:
        return rows[:limit], encode(rows[limit - 1].pk)
    return rows, None
