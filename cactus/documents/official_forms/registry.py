"""Every field map Cactus knows, which one is in force, and which one an uploaded PDF is."""

import io
from datetime import date

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from cactus.documents.exceptions import DocumentError
from cactus.documents.official_forms import cerfa_10103_14, cerfa_12434_05
from cactus.documents.official_forms.maps import FieldMap

# Append the next version here (its own module); keep the old ones, with their `valid_until` set.
FIELD_MAPS: tuple[FieldMap, ...] = (cerfa_10103_14.FIELD_MAP, cerfa_12434_05.FIELD_MAP)

# Two rectangles are the same box within this margin (points): a re-saved blank may round them.
RECT_TOLERANCE = 1.5


def known_forms() -> str:
    return ", ".join(f"n° {field_map.number} ({field_map.title})" for field_map in FIELD_MAPS)


def get_map(number: str) -> FieldMap:
    for field_map in FIELD_MAPS:
        if field_map.number == number:
            return field_map
    raise DocumentError(
        f"Cactus ne connaît pas le formulaire CERFA n° {number}. Formulaires connus : {known_forms()}."
    )


def map_in_force(scheme: str, *, on: date) -> FieldMap | None:
    """The version of the dispositif's form in force on that day (None if Cactus has no map for it)."""
    for field_map in FIELD_MAPS:
        if field_map.scheme == scheme and field_map.is_in_force(on):
            return field_map
    return None


def recognise(content: bytes) -> FieldMap:
    """The field map of this blank, from its fields' names, count and rectangles; a DocumentError otherwise."""
    widgets = read_widgets(content)
    if not widgets:
        raise DocumentError(
            "Ce PDF ne contient aucun champ à remplir : ce n'est pas un formulaire CERFA vierge. "
            f"Téléchargez le formulaire officiel sur le site de l'État. Formulaires reconnus : {known_forms()}."
        )
    for field_map in FIELD_MAPS:
        if _matches(widgets, field_map):
            return field_map
    raise DocumentError(
        f"Ce PDF n'est pas un formulaire CERFA que Cactus sait remplir ({len(widgets)} champs qui ne "
        f"correspondent à aucune version connue). Formulaires reconnus : {known_forms()}. "
        "Vérifiez le numéro imprimé en haut à droite du formulaire."
    )


def read_widgets(content: bytes) -> dict[str, tuple[int, tuple[float, ...]]]:
    """{full field name: (page, rectangle)} of every form widget of a PDF."""
    try:
        reader = PdfReader(io.BytesIO(content))
        widgets = {}
        for number, page in enumerate(reader.pages, start=1):
            for annotation in page.get("/Annots") or []:
                annotation = annotation.get_object()
                if annotation.get("/Subtype") != "/Widget":
                    continue
                rect = tuple(round(float(value), 1) for value in annotation["/Rect"])
                widgets[_full_name(annotation)] = (number, rect)
        return widgets
    except (PdfReadError, KeyError, ValueError, TypeError) as error:
        raise DocumentError(
            "Ce fichier n'est pas un PDF lisible : téléchargez à nouveau le formulaire officiel."
        ) from error


def _full_name(annotation) -> str:
    parts = []
    node = annotation
    while node is not None:
        if "/T" in node:
            parts.append(str(node["/T"]))
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
    return ".".join(reversed(parts))


def _matches(widgets: dict, field_map: FieldMap) -> bool:
    if len(widgets) != len(field_map.fields):
        return False
    for field in field_map.fields:
        found = widgets.get(field.name)
        if found is None or found[0] != field.page:
            return False
        if any(abs(a - b) > RECT_TOLERANCE for a, b in zip(found[1], field.rect, strict=True)):
            return False
    return True
