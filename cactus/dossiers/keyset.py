"""Keyset ("seek") pagination: the next page starts after the last row shown, never at an OFFSET.

An OFFSET makes the database read and throw away every row before the page (page 2000 of 50
rows reads 100,000 rows); a keyset reads only the page, through the ordering's index.

`page(queryset, ordering, size, cursor)` takes an ordering of field names ("contract_start",
"-updated_at", "formation__title"), always completed with the primary key as the tie-breaker so
that equal values never make a row appear twice or vanish between pages. Empty values (NULL)
come last in either direction, on both databases. The cursor is opaque to the page: a URL-safe
string holding the direction and the values of the row to continue from.
"""

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import F, OrderBy, Q, QuerySet

NEXT, PREVIOUS = "n", "p"


class InvalidCursor(ValueError):
    """A cursor that was not made by `page` (edited by hand, or from another ordering)."""


@dataclass
class Page:
    rows: list
    next_cursor: str | None
    previous_cursor: str | None

    @property
    def has_other_pages(self) -> bool:
        return bool(self.next_cursor or self.previous_cursor)


def _field_name(entry) -> str:
    """ "-name" from a field name or from `F("name").desc(...)` (an OrderBy of a plain field)."""
    if isinstance(entry, str):
        return entry
    if isinstance(entry, OrderBy) and isinstance(entry.expression, F):
        return f"{'-' if entry.descending else ''}{entry.expression.name}"
    raise ValueError(f"keyset pagination orders by fields only, not {entry!r}")


def with_tiebreaker(ordering) -> tuple[str, ...]:
    """The ordering as field names ("-" for descending), ending with the primary key (ascending unless given).

    `F("x").asc(nulls_last=True)` is taken as "x": empty values come last in either direction here.
    """
    fields = tuple({"id": "pk", "-id": "-pk"}.get(name, name) for name in map(_field_name, ordering))
    if not fields or fields[-1].lstrip("-") != "pk":
        fields = (*[name for name in fields if name.lstrip("-") != "pk"], "pk")
    return fields


def page(
    queryset: QuerySet, ordering, size: int, cursor: str | None = None, *, rows: QuerySet | None = None
) -> Page:
    """One page of `size` rows of `queryset` in `ordering`, from `cursor` (None: the first page).

    `rows`: the queryset the page's rows are then read from by primary key (default `queryset`),
    e.g. with the columns, joins and annotations the page shows, which the keys' query need not
    carry. Raises InvalidCursor for a cursor that does not decode or does not fit the ordering.
    """
    fields = with_tiebreaker(ordering)
    keys = [f"keyset_{index}" for index in range(len(fields))]
    descending = [name.startswith("-") for name in fields]
    nullable = [_nullable(queryset.model, name.lstrip("-")) for name in fields]
    annotated = queryset.annotate(
        **{key: F(name.lstrip("-")) for key, name in zip(keys, fields, strict=True)}
    )

    signature = _signature(fields)
    direction, values = (NEXT, None) if cursor is None else decode(cursor, len(fields), signature)
    backwards = direction == PREVIOUS
    if values is not None:
        try:
            annotated = annotated.filter(_seek(keys, descending, nullable, values, backwards=backwards))
        except (ValidationError, ValueError, TypeError) as error:  # a value that does not fit its field
            raise InvalidCursor(str(error)) from error
    order = [
        _order(key, desc != backwards, null, backwards)
        for key, desc, null in zip(keys, descending, nullable, strict=True)
    ]
    # The page's keys first (a narrow query the index answers), then its rows by primary key: the
    # database joins the related tables (select_related) for these rows only, never before sorting.
    keys_found = list(annotated.order_by(*order).values_list(*keys)[: size + 1])
    more = len(keys_found) > size
    keys_found = keys_found[:size]
    if backwards:
        keys_found.reverse()
    by_pk = (queryset if rows is None else rows).order_by().in_bulk([found[-1] for found in keys_found])
    rows = [by_pk[found[-1]] for found in keys_found if found[-1] in by_pk]
    has_next = more if not backwards else True
    has_previous = (values is not None) if not backwards else more
    return Page(
        rows=rows,
        next_cursor=encode(NEXT, list(keys_found[-1]), signature) if keys_found and has_next else None,
        previous_cursor=encode(PREVIOUS, list(keys_found[0]), signature)
        if keys_found and has_previous
        else None,
    )


def cursor_after(row_values, ordering) -> str:
    """A cursor for the rows after the row whose ordering values are `row_values` (bench, tests)."""
    fields = with_tiebreaker(ordering)
    if len(row_values) != len(fields):
        raise InvalidCursor("one value per field of the ordering")
    return encode(NEXT, list(row_values), _signature(fields))


def _order(key: str, descending: bool, null: bool, backwards: bool):
    """NULL last forwards (first backwards, the order reversed); nothing said for a column without
    NULL, so that PostgreSQL can read its index (a DESC index puts NULL first)."""
    expression = F(key).desc if descending else F(key).asc
    if not null:
        return expression()
    return expression(nulls_first=True) if backwards else expression(nulls_last=True)


def _seek(keys, descending, nullable, values, *, backwards: bool) -> Q:
    """Rows strictly after (or, backwards, before) `values` in the ordering, NULL last.

    OR over i of: the first i-1 keys equal, key i past its value. The first key's bound is added
    alone too, so that the database can start its index scan there rather than filter from the top.
    """
    condition = Q(pk__in=[])
    equal = Q()
    for key, desc, null, value in zip(keys, descending, nullable, values, strict=True):
        condition |= equal & _past(key, desc, null, value, backwards=backwards)
        equal &= Q(**{f"{key}__isnull": True}) if value is None else Q(**{key: value})
    first_value = values[0]
    if first_value is not None and not nullable[0]:
        lookup = "lte" if descending[0] != backwards else "gte"
        condition &= Q(**{f"{keys[0]}__{lookup}": first_value})
    return condition


def _past(key, desc, null, value, *, backwards: bool) -> Q:
    if not backwards:
        if value is None:
            return Q(pk__in=[])  # nothing after NULL: NULL comes last
        past = Q(**{f"{key}__{'lt' if desc else 'gt'}": value})
        return past | Q(**{f"{key}__isnull": True}) if null else past
    if value is None:
        return Q(**{f"{key}__isnull": False})  # every value comes before NULL
    return Q(**{f"{key}__{'gt' if desc else 'lt'}": value})


def _nullable(model, path: str) -> bool:
    if path == "pk":
        return False
    try:
        field = None
        for part in path.split("__"):
            field = model._meta.get_field(part)
            if field.null:
                return True
            model = field.related_model or model
        return False
    except FieldDoesNotExist:
        return True  # an annotation: assume it may be empty


def _signature(fields) -> str:
    """A short mark of the ordering, so that a cursor of another sort is refused, not misread."""
    return hashlib.blake2s(",".join(fields).encode(), digest_size=4).hexdigest()


def encode(direction: str, values: list, signature: str = "") -> str:
    payload = json.dumps([direction, [_dump(value) for value in values], signature], separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode(cursor: str, length: int, signature: str = "") -> tuple[str, list]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        direction, values, mark = json.loads(raw)
        values = [_load(value) for value in values]
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError, KeyError, ArithmeticError) as error:
        raise InvalidCursor(str(error)) from error  # ArithmeticError: Decimal's InvalidOperation
    if direction not in (NEXT, PREVIOUS) or len(values) != length or mark != signature:
        raise InvalidCursor("cursor of another ordering")
    return direction, values


def _dump(value):
    if isinstance(value, datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    if isinstance(value, Decimal):
        return {"dec": str(value)}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _load(value):
    if isinstance(value, dict):
        (kind, text), *_ = value.items()
        return {"dt": datetime.fromisoformat, "d": date.fromisoformat, "dec": Decimal}[kind](text)
    if value is not None and not isinstance(value, str | int | float | bool):
        raise TypeError("unexpected value in cursor")
    return value
