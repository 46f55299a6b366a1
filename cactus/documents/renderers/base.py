"""What every renderer shares: fonts, French formats, and a ReportLab form that fits values in boxes.

A renderer takes the dossier's data as a dict (keys of the domain files, dates ISO, amounts as
strings) and returns PDF bytes. Rendering is deterministic (ReportLab's invariant mode): the same
data give the same bytes, so a frozen dossier's documents can be reproduced exactly.
"""

import io
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from reportlab.lib.colors import Color, black, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from cactus.documents.exceptions import DocumentError

# Debian's fonts-dejavu-core: DejaVu covers French accents, œ, € and the check-box glyphs.
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {
    "DejaVu": "DejaVuSans.ttf",
    "DejaVu-Bold": "DejaVuSans-Bold.ttf",
    "DejaVu-Oblique": "DejaVuSans-Oblique.ttf",
    "DejaVu-BoldOblique": "DejaVuSans-BoldOblique.ttf",
}
REGULAR, BOLD, ITALIC, BOLD_ITALIC = FONT_FILES

CHECKED, UNCHECKED = "☒", "☐"
NBSP = "\u00a0"

GREY_BAND = Color(0.85, 0.85, 0.85)
BOX_STROKE = Color(0.55, 0.62, 0.75)


def font_path(name: str) -> Path:
    path = FONT_DIR / FONT_FILES[name]
    if not path.exists():
        raise DocumentError(
            f"Police introuvable : {path}. Installez le paquet Debian fonts-dejavu-core "
            "(`make deps`) pour produire les documents avec les accents."
        )
    return path


def register_fonts() -> None:
    for name in FONT_FILES:
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(font_path(name))))
    # Paragraphs (calendrier, programme) find the bold face through the family.
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)


# --- French formats -------------------------------------------------------------------------


def text(value) -> str:
    """A printable value: a missing one is an empty string, never "None"."""
    if value is None:
        return ""
    return str(value).strip()


def format_date(value) -> str:
    """ISO date (or date) → JJ/MM/AAAA; empty stays empty."""
    if not value:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    try:
        return date.fromisoformat(str(value)[:10]).strftime("%d/%m/%Y")
    except ValueError as error:
        raise DocumentError(
            f"Date illisible dans les données du dossier : « {value} » (attendu AAAA-MM-JJ)."
        ) from error


def format_number(value, *, decimals: int = 2) -> str:
    """ "1234.5" → "1 234,50" (no-break space between thousands, comma for decimals)."""
    if value in (None, ""):
        return ""
    try:
        number = Decimal(str(value).replace(",", "."))
    except InvalidOperation as error:
        raise DocumentError(f"Montant illisible dans les données du dossier : « {value} ».") from error
    formatted = f"{number:,.{decimals}f}"
    return formatted.replace(",", NBSP).replace(".", ",")


def format_amount(value) -> str:
    """ "1234.56" → "1 234,56 €"; empty stays empty."""
    number = format_number(value)
    return f"{number}{NBSP}€" if number else ""


def format_rate(value) -> str:
    """Percentages are integers or decimals: "43" → "43", "53.5" → "53,5"."""
    if value in (None, ""):
        return ""
    try:
        number = Decimal(str(value).replace(",", "."))
    except InvalidOperation as error:
        raise DocumentError(f"Taux illisible dans les données du dossier : « {value} ».") from error
    return format(number.normalize(), "f").replace(".", ",")


def format_phone(value) -> str:
    """The CERFA boxes expect the national number: "+33612345678" → "06 12 34 56 78"; others as stored."""
    number = text(value).replace(" ", "")
    if number.startswith("+33") and len(number) == 12 and number[3:].isdigit():
        national = "0" + number[3:]
        return " ".join(national[index : index + 2] for index in range(0, 10, 2))
    return text(value)


def is_yes(value) -> bool:
    return value is True or text(value).lower() in {"oui", "true", "1", "o", "yes"}


def is_no(value) -> bool:
    return value is False or text(value).lower() in {"non", "false", "0", "n", "no"}


def address_number(data: dict, prefix: str) -> str:
    """The N° box holds the number and its indice de répétition ("12 bis")."""
    return " ".join(
        filter(None, [text(data.get(f"{prefix}_numero")), text(data.get(f"{prefix}_repetition_voie"))])
    )


def person_name(last, first) -> str:
    return " ".join(filter(None, [text(last).upper(), text(first)]))


# --- A ReportLab form: labels, boxes that fit their value, check boxes, section bands -----------


# The two-column grid both CERFAs are drawn on (points, A4): margins, column split, row height.
LEFT, MIDDLE, RIGHT = 28, 302, 567
COLUMN_END = MIDDLE - 8
ROW = 14.5


def birth_rows(
    form: "Form", data: dict, prefix: str, *, x: float, y: float, right: float, row: float
) -> float:
    """Date de naissance, sexe, département and commune de naissance: four rows both CERFAs share."""
    form.field(x, y, "Date de naissance :", format_date(data.get(f"{prefix}_date_naissance")), end=x + 150)
    y -= row
    sex = text(data.get(f"{prefix}_sexe")).upper()
    mark = form.label(x, y, "Sexe :")
    mark = form.checkbox(mark + 6, y, sex == "M", "M")
    form.checkbox(mark + 4, y, sex == "F", "F")
    y -= row
    form.field(x, y, "Département de naissance :", data.get(f"{prefix}_departement_naissance"), end=x + 150)
    y -= row
    form.field(x, y, "Commune de naissance :", data.get(f"{prefix}_commune_naissance"), end=right)
    return y - row


class Form:
    """A canvas with the official form's vocabulary. Coordinates in points, origin bottom left."""

    LABEL_SIZE = 7.5
    VALUE_SIZE = 8.5
    MIN_VALUE_SIZE = 4.5
    BOX_HEIGHT = 11

    def __init__(self, *, title: str, subject: str):
        register_fonts()
        self.buffer = io.BytesIO()
        # invariant=1 fixes the creation date and the document id: same data, same bytes.
        self.canvas = Canvas(self.buffer, pagesize=A4, invariant=1, pageCompression=1)
        self.canvas.setTitle(title)
        self.canvas.setSubject(subject)
        self.canvas.setAuthor("Cactus")
        self.canvas.setCreator("Cactus")
        self.width, self.height = A4

    def finish(self) -> bytes:
        self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue()

    def new_page(self) -> None:
        self.canvas.showPage()

    # Text
    def label(
        self, x: float, y: float, words: str, *, font: str = REGULAR, size: float | None = None
    ) -> float:
        """Draw a label; return the x where it ends."""
        size = size or self.LABEL_SIZE
        self.canvas.setFillColor(black)
        self.canvas.setFont(font, size)
        self.canvas.drawString(x, y, words)
        return x + pdfmetrics.stringWidth(words, font, size)

    def rich_label(
        self, x: float, y: float, parts: list[tuple[str, str]], size: float | None = None
    ) -> float:
        """A label made of (font, words) parts, e.g. a bold start and a regular end."""
        for font, words in parts:
            x = self.label(x, y, words, font=font, size=size)
        return x

    def centered(self, x: float, y: float, words: str, *, font: str = BOLD, size: float = 8) -> None:
        self.canvas.setFillColor(black)
        self.canvas.setFont(font, size)
        self.canvas.drawCentredString(x, y, words)

    def band(self, y: float, title: str, *, x: float = 28, width: float | None = None) -> None:
        """A grey section band with its title centred, as on the official form."""
        width = width or self.width - 2 * x
        self.canvas.setFillColor(GREY_BAND)
        self.canvas.setStrokeColor(black)
        self.canvas.setLineWidth(0.6)
        self.canvas.rect(x, y - 3, width, 12, fill=1, stroke=1)
        self.centered(x + width / 2, y, title, size=8)

    def line(self, x1: float, y1: float, x2: float, y2: float, width: float = 0.6) -> None:
        self.canvas.setStrokeColor(black)
        self.canvas.setLineWidth(width)
        self.canvas.line(x1, y1, x2, y2)

    # Boxes
    def box(
        self, x: float, y: float, width: float, value, *, height: float | None = None, name: str = ""
    ) -> None:
        """A value box whose baseline zone starts at y; the value is shrunk or wrapped to fit, never cut."""
        height = height or self.BOX_HEIGHT
        self.canvas.setStrokeColor(BOX_STROKE)
        self.canvas.setFillColor(white)
        self.canvas.setLineWidth(0.5)
        self.canvas.rect(x, y - 2.5, width, height, fill=0, stroke=1)
        value = text(value)
        if value:
            self._fit(x + 2, y - 2.5, width - 4, height, value, name)

    def _fit(self, x: float, bottom: float, width: float, height: float, value: str, name: str) -> None:
        size = self.VALUE_SIZE
        while size >= self.MIN_VALUE_SIZE:
            lines = simpleSplit(value, REGULAR, size, width)
            leading = size * 1.08
            if len(lines) * leading <= height + 0.5 and all(
                pdfmetrics.stringWidth(line, REGULAR, size) <= width for line in lines
            ):
                self.canvas.setFillColor(black)
                self.canvas.setFont(REGULAR, size)
                top = bottom + (height + len(lines) * leading) / 2 - size * 0.85
                for index, line in enumerate(lines):
                    self.canvas.drawString(x, top - index * leading, line)
                return
            size -= 0.5
        raise DocumentError(
            f"La valeur « {value} » est trop longue pour la case « {name or 'sans nom'} » du document : "
            "raccourcissez-la dans le dossier."
        )

    def checkbox(self, x: float, y: float, checked: bool, caption: str = "", *, size: float = 9) -> float:
        """A tick box drawn checked (☒) or not (☐), then its caption; return the x where it ends."""
        self.canvas.setFillColor(black)
        self.canvas.setFont(REGULAR, size)
        glyph = CHECKED if checked else UNCHECKED
        self.canvas.drawString(x, y - 1, glyph)
        end = x + pdfmetrics.stringWidth(glyph, REGULAR, size) + 2
        if caption:
            end = self.label(end, y, caption) + 6
        return end

    def yes_no(self, x: float, y: float, value) -> float:
        """The official oui / non pair: neither is ticked when the answer is unknown."""
        end = self.checkbox(x, y, is_yes(value), "oui")
        return self.checkbox(end + 4, y, is_no(value), "non")

    def field(
        self, x: float, y: float, caption, value, *, end: float, gap: float = 3, name: str = ""
    ) -> None:
        """Label then a box up to `end` on the same line. `caption` is a string or rich parts."""
        label_end = self.label(x, y, caption) if isinstance(caption, str) else self.rich_label(x, y, caption)
        self.box(label_end + gap, y, end - label_end - gap, value, name=name or _plain(caption))

    def field_below(
        self, x: float, y: float, caption, value, *, width: float, height: float = 12, name: str = ""
    ) -> float:
        """Label on one line, box on the next; return the y under the box."""
        if isinstance(caption, str):
            self.label(x, y, caption)
        else:
            self.rich_label(x, y, caption)
        self.box(x, y - height - 0.5, width, value, height=height, name=name or _plain(caption))
        return y - height - 13


def _plain(caption) -> str:
    if isinstance(caption, str):
        return caption.rstrip(" :")
    return "".join(words for _font, words in caption).rstrip(" :")
