"""CERFA FA13 n° 10103*14, contrat d'apprentissage: Cactus's own rendition of the official form.

Every box is drawn at the rectangle of the official blank's field (`official_forms.cerfa_10103_14.FIELDS`),
every label, band, line and check-box square where the official form prints it (`cerfa_10103_14_layout`),
and the values come from the same field map as the "official form" mode: both modes put a value in the
same box. Labels are in Helvetica and values in Helvetica unless they need DejaVu (`official_forms.drawing`):
standard fonts are not embedded, which keeps a CERFA close to the cost of a bare canvas.
The ministry block and the Cerfa logo, images on the official form, are drawn as text.
"""

import functools
import io

from reportlab.lib.colors import Color, black, white
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from cactus.documents.official_forms.cerfa_10103_14 import FIELD_MAP, NUMBER
from cactus.documents.official_forms.drawing import draw_page_values
from cactus.documents.official_forms.maps import CHECK
from cactus.documents.renderers.cerfa_10103_14_layout import LINES, RECTS, TEXTS

CERFA_NUMBER = NUMBER
PAGES = 2
FIELD_GREY = Color(0.867, 0.867, 0.867)
BLUE, RED = Color(0, 0, 0.569), Color(0.882, 0, 0.059)


def render(data: dict) -> bytes:
    values = FIELD_MAP.field_values(data)
    buffer = io.BytesIO()
    # invariant=1 fixes the creation date and the document id: same data, same bytes.
    canvas = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1)
    canvas.setTitle("Contrat d'apprentissage – CERFA n° " + CERFA_NUMBER)
    canvas.setSubject("Contrat d'apprentissage")
    canvas.setAuthor("Cactus")
    canvas.setCreator("Cactus")
    for page in range(1, PAGES + 1):
        _draw_layout(canvas, page)
        draw_page_values(canvas, FIELD_MAP.fields, values, page)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def render_dossier(dossier) -> bytes:
    from cactus.dossiers.export import dossier_data  # the tabs' export, the one source of the keys

    return render(dossier_data(dossier))


# The fonts of the layout, in the order the cached layout's code names them (/F1, /F2, …): every font
# `_page_layout` and `_header` use must be here, or the cached code would name a font the page lacks.
HEADER_FONTS = ("Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique")
LAYOUT_FONTS = tuple(dict.fromkeys([*(font for _page, _x, _y, font, _size, _words in TEXTS), *HEADER_FONTS]))


def _draw_layout(canvas: Canvas, page: int) -> None:
    """The page's fixed part, the same on every CERFA: its PDF operators are made once per process and
    appended as they are (about 500 strings a document: drawing them each time was most of the cost)."""
    for font in LAYOUT_FONTS:
        canvas.setFont(font, 8)  # declares the fonts in this document under the names the cached code uses
    canvas._code.extend(_layout_code(page))


@functools.cache
def _layout_code(page: int) -> tuple[str, ...]:
    scratch = Canvas(io.BytesIO(), pagesize=A4, invariant=1)
    for font in LAYOUT_FONTS:
        scratch.setFont(font, 8)
    start = len(scratch._code)
    scratch.saveState()
    _page_layout(scratch, page)
    if page == 1:
        _header(scratch)
    scratch.restoreState()
    return tuple(scratch._code[start:])


def _page_layout(canvas: Canvas, page: int) -> None:
    for number, x, y, width, height, grey, stroke in RECTS:
        if number != page:
            continue
        if grey is not None:
            canvas.setFillColor(Color(grey, grey, grey))
        canvas.setStrokeColor(black)
        canvas.setLineWidth(stroke or 0.5)
        canvas.rect(x, y, width, height, fill=grey is not None, stroke=bool(stroke))
    canvas.setStrokeColor(black)
    for number, x1, y1, x2, y2, width in LINES:
        if number == page:
            canvas.setLineWidth(width)
            canvas.line(x1, y1, x2, y2)
    canvas.setFillColor(FIELD_GREY)
    for field in FIELD_MAP.fields:
        if field.page == page and field.kind != CHECK:
            x1, y1, x2, y2 = field.rect
            canvas.rect(x1, y1, x2 - x1, y2 - y1, fill=1, stroke=0)
    canvas.setFillColor(black)
    for number, x, y, font, size, words in TEXTS:
        if number == page:
            canvas.setFont(font, size)
            canvas.drawString(x, y, words)


def _header(canvas: Canvas) -> None:
    """The ministry block and the Cerfa logo (images on the official form), and who drew this copy."""
    canvas.setFillColor(BLUE)
    canvas.rect(20, 822, 7, 10, fill=1, stroke=0)
    canvas.setFillColor(RED)
    canvas.rect(34, 822, 7, 10, fill=1, stroke=0)
    canvas.setFillColor(black)
    canvas.setFont("Helvetica-Bold", 6.3)
    for index, line in enumerate(
        ("MINISTÈRE", "DU TRAVAIL, DE LA SANTÉ,", "DES SOLIDARITÉS", "ET DES FAMILLES")
    ):
        canvas.drawString(20, 813 - index * 7, line)
    canvas.setFont("Helvetica-Oblique", 4.5)
    for index, line in enumerate(("Liberté", "Égalité", "Fraternité")):
        canvas.drawString(20, 784 - index * 5, line)
    canvas.setStrokeColor(black)
    canvas.setLineWidth(0.8)
    canvas.setFillColor(white)
    canvas.ellipse(492, 790, 540, 814, fill=0, stroke=1)
    canvas.setFillColor(black)
    canvas.setFont("Helvetica-BoldOblique", 12)
    canvas.drawCentredString(516, 798, "cerfa")
    canvas.setFont("Helvetica-Oblique", 5)
    canvas.drawString(20, 761, "Rendu par Cactus d'après le formulaire officiel")
