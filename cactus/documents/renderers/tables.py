"""A small ReportLab platypus page for the list-like documents (calendrier, programme)."""

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from cactus.documents.renderers.base import BOLD, REGULAR, format_date, person_name, text

TITLE = ParagraphStyle("title", fontName=BOLD, fontSize=15, leading=19, alignment=1, spaceAfter=4)
SUBTITLE = ParagraphStyle("subtitle", fontName=REGULAR, fontSize=9, leading=12, alignment=1, spaceAfter=10)
BODY = ParagraphStyle("body", fontName=REGULAR, fontSize=8.5, leading=11)
HEAD = ParagraphStyle("head", parent=BODY, fontName=BOLD)

GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.Color(0.6, 0.6, 0.6)),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
)


def cell(value, style: ParagraphStyle = BODY) -> Paragraph:
    """A table cell that wraps its text instead of overflowing."""
    return Paragraph(escape(text(value)).replace("\n", "<br/>"), style)


def header_flowables(title: str, data: dict) -> list:
    """Title, formation and alternant, as on both documents."""
    facts = [
        ("Formation", data.get("formation_intitule")),
        (
            "Code diplôme / RNCP",
            " / ".join(
                filter(None, [text(data.get("formation_code_diplome")), text(data.get("formation_rncp"))])
            ),
        ),
        (
            "Dates",
            f"du {format_date(data.get('formation_date_debut'))} au {format_date(data.get('formation_date_fin'))}",
        ),
        (
            "Durée",
            f"{text(data.get('formation_duree_heures'))} heures"
            if data.get("formation_duree_heures")
            else "",
        ),
        ("Lieu de formation", data.get("formation_lieu")),
        ("Alternant", person_name(data.get("alternant_nom"), data.get("alternant_prenom"))),
    ]
    table = Table(
        [[cell(label, HEAD), cell(value)] for label, value in facts if text(value)],
        colWidths=[45 * mm, 129 * mm],
    )
    table.setStyle(GRID)
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (0, -1), colors.Color(0.95, 0.95, 0.95))]))
    return [
        Paragraph(escape(title), TITLE),
        Paragraph(escape(text(data.get("cfa_denomination"))), SUBTITLE),
        table,
        Spacer(1, 8 * mm),
    ]


def build(title: str, flowables: list) -> bytes:
    buffer = io.BytesIO()
    # invariant=1: same data, same bytes (no creation date, fixed document id).
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author="Cactus",
        creator="Cactus",
        invariant=1,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
    )
    document.build(flowables, onFirstPage=_footer(title), onLaterPages=_footer(title))
    return buffer.getvalue()


def _footer(title: str):
    def draw(canvas, document) -> None:
        canvas.setFont(REGULAR, 7)
        canvas.setFillColor(colors.Color(0.35, 0.35, 0.35))
        canvas.drawCentredString(A4[0] / 2, 9 * mm, f"{title} – page {document.page}")

    return draw
