"""Fill an uploaded official blank from a field map and flatten it (pypdf + a ReportLab overlay).

Why not pypdf's `update_page_form_field_values(..., flatten=True)`: its appearance streams use the form's
/He (Helvetica, WinAnsi) at the field's fixed size, so a long value overflows its box and a name outside
WinAnsi loses letters; check boxes depend on the blank's own /Yes appearance. Cactus instead draws each
value in its field's rectangle with the fitting rules of its own rendition (`drawing.py`), stamps that
layer on the blank's pages, then removes the fields (the widgets and the /AcroForm): the result is a
flat PDF — nothing left to edit — that reads as the official form filled in.
"""

import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject
from reportlab.pdfgen.canvas import Canvas

from cactus.documents.official_forms.drawing import draw_page_values
from cactus.documents.official_forms.maps import FieldMap


def fill(blank: bytes, field_map: FieldMap, data: dict) -> bytes:
    """The blank with the dossier's values in its boxes, flattened (no form fields left)."""
    values = field_map.field_values(data)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(blank)))
    overlay = PdfReader(io.BytesIO(_overlay(field_map, values, writer)))
    for page, layer in zip(writer.pages, overlay.pages, strict=True):
        page.merge_page(layer, over=True)
    _flatten(writer)
    writer.add_metadata({"/Producer": "Cactus"})
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _overlay(field_map: FieldMap, values: dict, writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, pageCompression=1)
    for number, page in enumerate(writer.pages, start=1):
        box = page.mediabox
        canvas.setPageSize((float(box.width), float(box.height)))
        draw_page_values(canvas, field_map.fields, values, number)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _flatten(writer: PdfWriter) -> None:
    """Drop the widgets (their values are now page content) and the form itself."""
    writer.remove_annotations(subtypes="/Widget")
    root = writer.root_object
    if NameObject("/AcroForm") in root:
        del root[NameObject("/AcroForm")]
