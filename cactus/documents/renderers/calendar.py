"""Calendrier de l'alternance, generated from the formation's periods when no PDF was uploaded (ReportLab)."""

from reportlab.lib.units import mm
from reportlab.platypus import Table

from cactus.documents.exceptions import DocumentUnavailable
from cactus.documents.renderers.base import format_date, register_fonts
from cactus.documents.renderers.tables import GRID, HEAD, build, cell, header_flowables

TITLE = "Calendrier de l'alternance"


def render(data: dict) -> bytes:
    periods = data.get("periodes") or []
    if not periods:
        raise DocumentUnavailable(
            "La formation n'a ni calendrier déposé ni périodes saisies : le responsable de formation doit "
            "déposer le calendrier (PDF) ou saisir les périodes au CFA et en entreprise."
        )
    register_fonts()  # before the first Paragraph: it looks its font up when built
    rows = [[cell("Du", HEAD), cell("Au", HEAD), cell("Lieu", HEAD), cell("Précision", HEAD)]]
    rows += [
        [
            cell(format_date(period["du"])),
            cell(format_date(period["au"])),
            cell(period["lieu"]),
            cell(period.get("precision")),
        ]
        for period in periods
    ]
    table = Table(rows, colWidths=[28 * mm, 28 * mm, 40 * mm, 78 * mm], repeatRows=1)
    table.setStyle(GRID)
    return build(TITLE, [*header_flowables(TITLE, data), table])


def render_dossier(dossier) -> bytes:
    from cactus.documents.selectors import formation_data

    return render(formation_data(dossier))
