"""The field map format (see the package docstring) and the helpers maps use to format values."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from cactus.documents.exceptions import DocumentError

TEXT, CHECK = "text", "check"

Rect = tuple[float, float, float, float]
Values = dict[str, str | bool]


@dataclass(frozen=True)
class FormField:
    """One AcroForm field of an official blank: exact name, page (1-based), kind, rectangle, printed label."""

    name: str
    page: int
    kind: str
    rect: Rect
    label: str


@dataclass(frozen=True)
class FieldMap:
    """Everything Cactus knows about one version of an official form (see the package docstring)."""

    scheme: str
    number: str
    title: str
    valid_from: date
    valid_until: date | None
    fields: tuple[FormField, ...]
    values: Callable[[dict], Values]

    @property
    def by_name(self) -> dict[str, FormField]:
        return {field.name: field for field in self.fields}

    def is_in_force(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)

    def field_values(self, data: dict) -> Values:
        """The map's values for these data, checked against its own fields (a typo in a map fails loudly)."""
        values = self.values(data)
        fields = self.by_name
        unknown = [name for name in values if name not in fields]
        if unknown:
            raise ValueError(f"Field map {self.number} writes unknown fields: {unknown}")
        wrong = [
            name for name, value in values.items() if isinstance(value, bool) != (fields[name].kind == CHECK)
        ]
        if wrong:
            raise ValueError(f"Field map {self.number} gives wrong value types for: {wrong}")
        return values


# --- Helpers the maps use to split values as the official boxes expect ----------------------------


def date_parts(value) -> tuple[str, str, str]:
    """ISO date → ("31", "01", "2026") for the day / month / year boxes; empty stays empty."""
    if not value:
        return ("", "", "")
    try:
        day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    except ValueError as error:
        raise DocumentError(
            f"Date illisible dans les données du dossier : « {value} » (attendu AAAA-MM-JJ)."
        ) from error
    return (f"{day.day:02d}", f"{day.month:02d}", f"{day.year:04d}")


def amount_parts(value) -> tuple[str, str]:
    """ "1234.5" → ("1 234", "50") for the euros / centimes boxes; empty stays empty."""
    if value in (None, ""):
        return ("", "")
    try:
        number = Decimal(str(value).replace(",", ".").replace(" ", "")).quantize(Decimal("0.01"))
    except InvalidOperation as error:
        raise DocumentError(f"Montant illisible dans les données du dossier : « {value} ».") from error
    euros, cents = f"{number:.2f}".split(".")
    return (f"{int(euros):,}".replace(",", "\u00a0"), cents)


def put(values: Values, names: str | tuple[str, ...], parts) -> None:
    """Write one value, or several parts in several boxes, leaving empty parts out."""
    if isinstance(names, str):
        names, parts = (names,), (parts,)
    for name, part in zip(names, parts, strict=True):
        if isinstance(part, bool):
            values[name] = part
        elif part not in (None, ""):
            values[name] = str(part).strip()


def put_yes_no(values: Values, yes: str, no: str, answer: bool | None) -> None:
    """An Oui / Non pair: one box ticked, or neither when the answer is unknown."""
    if answer is None:
        return
    values[yes] = answer is True
    values[no] = answer is False
