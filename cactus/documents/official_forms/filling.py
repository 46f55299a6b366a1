"""Fill an uploaded official blank from a field map and flatten it (pikepdf + a ReportLab layer).

Why not pypdf's `update_page_form_field_values(..., flatten=True)`: its appearance streams use the form's
/He (Helvetica, WinAnsi) at the field's fixed size, so a long value overflows its box and a name outside
WinAnsi loses letters; check boxes depend on the blank's own /Yes appearance. Cactus instead draws each
value in its field's rectangle with the fitting rules of its own rendition (`drawing.py`), lays that
layer over each page, then removes the fields (the widgets and the /AcroForm): the result is a flat PDF —
nothing left to edit — that reads as the official form filled in.

Why pikepdf (qpdf) for this step and not pypdf: copying the 216-field blank through pypdf costs ~1 s per
document on the CI machine (it parses and re-serialises every object in Python); qpdf does the same in
C++ about four times faster, and `deterministic_id` keeps the output reproducible byte for byte.
"""

import io

import pikepdf
from reportlab.pdfgen.canvas import Canvas

from cactus.documents.official_forms.drawing import draw_page_values
from cactus.documents.official_forms.maps import FieldMap


def fill(blank: bytes, field_map: FieldMap, data: dict) -> bytes:
    """The blank with the dossier's values in its boxes, flattened (no form fields left)."""
    values = field_map.field_values(data)
    with pikepdf.open(io.BytesIO(blank)) as pdf:
        sizes = [(float(page.mediabox[2]), float(page.mediabox[3])) for page in pdf.pages]
        with pikepdf.open(io.BytesIO(_layers(field_map, values, sizes))) as layers:
            for number, (page, layer) in enumerate(zip(pdf.pages, layers.pages, strict=True), start=1):
                _stamp(pdf, page, layer, number)
                _drop_widgets(page)
        if "/AcroForm" in pdf.Root:
            del pdf.Root.AcroForm
        output = io.BytesIO()
        pdf.save(output, deterministic_id=True)
    return output.getvalue()


def _layers(field_map: FieldMap, values: dict, sizes: list[tuple[float, float]]) -> bytes:
    """One page of values per page of the blank, drawn by ReportLab at the fields' rectangles."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, pageCompression=1)
    for number, size in enumerate(sizes, start=1):
        canvas.setPageSize(size)
        draw_page_values(canvas, field_map.fields, values, number)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _stamp(pdf: pikepdf.Pdf, page: pikepdf.Page, layer: pikepdf.Page, number: int) -> None:
    """Draw the layer over the page as a form XObject (pikepdf's `add_overlay` names it at random: not
    reproducible). Pages may share their /Resources, so each page's layer has its own name."""
    name = pikepdf.Name(f"/CactusValues{number}")
    page.add_resource(pdf.copy_foreign(layer.as_form_xobject()), pikepdf.Name.XObject, name)
    # q … Q around the blank's own content, so no state it leaves can move or colour the values.
    page.contents_add(b"q\n", prepend=True)
    page.contents_add(f"\nQ q {name} Do Q\n".encode())


def _drop_widgets(page) -> None:
    """The widgets go, their values now being page content; other annotations (links) stay."""
    if "/Annots" not in page:
        return
    kept = [annotation for annotation in page.Annots if annotation.get("/Subtype") != "/Widget"]
    if kept:
        page.Annots = pikepdf.Array(kept)
    else:
        del page.Annots
