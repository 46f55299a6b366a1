"""Field map of CERFA EJ20 n° 12434*05, contrat de professionnalisation (notice n° 51650#09).

The 114 fields (94 text, 20 check boxes) are those of the official blank, with their widget rectangles and
printed labels: they are the coordinates table Cactus's own rendition is drawn from
(`renderers/cerfa_12434_05_layout.py`), so the rendition and the filled official form put every value in the
same box. The values are the rendition's (`renderers.cerfa_professionnalisation.field_values`): one map for
both. Names are LibreOffice's generic ones, like 10103*14's, and mean other boxes there.
"""

from datetime import date

from cactus.documents.official_forms.maps import FieldMap, FormField, Values
from cactus.documents.renderers import cerfa_12434_05_layout as layout
from cactus.documents.renderers.cerfa_professionnalisation import field_values

NUMBER = layout.CERFA_NUMBER

FIELDS: tuple[FormField, ...] = tuple(
    FormField(name, field.page, field.kind, field.rect, field.label) for name, field in layout.FIELDS.items()
)


def values(data: dict) -> Values:
    """The rendition's values, without the empty ones (an empty box is left as the blank has it)."""
    return {name: value for name, value in field_values(data).items() if value != ""}


FIELD_MAP = FieldMap(
    scheme="professionnalisation",
    number=NUMBER,
    title="contrat de professionnalisation",
    # Published with its notice 51650#09 (15 January 2025) on 17 January 2025 (News Tank RH); the form
    # says no date of entry into force. No later version was found.
    valid_from=date(2025, 1, 17),
    valid_until=None,
    fields=FIELDS,
    values=values,
)
