"""Synthetic official blanks for tests: an AcroForm with a field map's names and rectangles (ReportLab).

The project ships no copy of the official PDFs: these stand-ins have the same fields at the same places,
a printed line saying which form they imitate, and nothing else.
"""

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from cactus.documents.official_forms.maps import CHECK, FieldMap, FormField


def synthetic_blank(field_map: FieldMap, *, fields: tuple[FormField, ...] | None = None) -> bytes:
    fields = field_map.fields if fields is None else fields
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    pages = max(field.page for field in field_map.fields)
    for page in range(1, pages + 1):
        canvas.drawString(40, 820, f"Formulaire de test imitant le CERFA n° {field_map.number} – page {page}")
        for field in fields:
            if field.page != page:
                continue
            x1, y1, x2, y2 = field.rect
            if field.kind == CHECK:
                canvas.acroForm.checkbox(name=field.name, x=x1, y=y1, size=x2 - x1, borderWidth=0)
            else:
                canvas.acroForm.textfield(
                    name=field.name, x=x1, y=y1, width=x2 - x1, height=y2 - y1, borderWidth=0
                )
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
