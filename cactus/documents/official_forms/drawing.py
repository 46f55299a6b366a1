"""Draw field values in their rectangles: shared by the filled official blank and Cactus's own rendition.

Values are written in Helvetica, the official forms' own field font (/He 8): one of PDF's 14 standard
fonts, so nothing is embedded. A value Helvetica cannot encode (e.g. « Łukasz », « Nguyễn ») is written in
DejaVu Sans instead (embedded, subset). A value too long for its box is drawn smaller (down to 4.5 pt) and
wrapped; if it still does not fit, a DocumentError names the box: never cut silently.
"""

from reportlab.lib.colors import black
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from cactus.documents.exceptions import DocumentError
from cactus.documents.official_forms.maps import CHECK, FormField
from cactus.documents.renderers.base import REGULAR, register_fonts

VALUE_FONT = "Helvetica"
VALUE_SIZE = 8
MIN_VALUE_SIZE = 4.5
PADDING = 1.5


def value_font(value: str) -> str:
    """Helvetica when the value is in its encoding (WinAnsi), else DejaVu Sans."""
    try:
        value.encode("cp1252")
    except UnicodeEncodeError:
        register_fonts()
        return REGULAR
    return VALUE_FONT


def draw_value(canvas: Canvas, field: FormField, value: str | bool) -> None:
    if field.kind == CHECK:
        if value is True:
            draw_cross(canvas, field.rect)
        return
    draw_text(canvas, field, str(value))


def draw_cross(canvas: Canvas, rect) -> None:
    x1, y1, x2, y2 = rect
    inset = (x2 - x1) * 0.2
    canvas.setStrokeColor(black)
    canvas.setLineWidth(0.9)
    canvas.line(x1 + inset, y1 + inset, x2 - inset, y2 - inset)
    canvas.line(x1 + inset, y2 - inset, x2 - inset, y1 + inset)


def draw_text(canvas: Canvas, field: FormField, value: str) -> None:
    x1, y1, x2, y2 = field.rect
    width, height = x2 - x1 - 2 * PADDING, y2 - y1
    font = value_font(value)
    size = VALUE_SIZE
    while size >= MIN_VALUE_SIZE:
        leading = size * 1.05
        lines = (
            [value]
            if pdfmetrics.stringWidth(value, font, size) <= width
            else simpleSplit(value, font, size, width)
        )
        if len(lines) * leading <= height + 0.5 and all(
            pdfmetrics.stringWidth(line, font, size) <= width for line in lines
        ):
            canvas.setFillColor(black)
            canvas.setFont(font, size)
            top = y1 + (height + len(lines) * leading) / 2 - size * 0.82
            for index, line in enumerate(lines):
                canvas.drawString(x1 + PADDING, top - index * leading, line)
            return
        size -= 0.5
    raise DocumentError(
        f"La valeur « {value} » est trop longue pour la case « {field.label} » du document : "
        "raccourcissez-la dans le dossier."
    )


def draw_page_values(canvas: Canvas, fields: tuple[FormField, ...], values: dict, page: int) -> None:
    """Every value of one page, in the map's field order."""
    for field in fields:
        if field.page == page and field.name in values:
            draw_value(canvas, field, values[field.name])
