"""Programme de la formation, generated from the formation's modules when no PDF was uploaded (ReportLab)."""

from reportlab.lib.units import mm
from reportlab.platypus import Table

from cactus.documents.exceptions import DocumentUnavailable
from cactus.documents.renderers.base import register_fonts
from cactus.documents.renderers.tables import GRID, HEAD, build, cell, header_flowables

TITLE = "Programme de la formation"


def render(data: dict) -> bytes:
    modules = data.get("modules") or []
    if not modules:
        raise DocumentUnavailable(
            "La formation n'a ni programme déposé ni modules saisis : le responsable de formation doit "
            "déposer le programme (PDF) ou saisir ses modules et leurs heures."
        )
    register_fonts()  # before the first Paragraph: it looks its font up when built
    rows = [[cell("N°", HEAD), cell("Module et contenu", HEAD), cell("Heures", HEAD)]]
    for number, module in enumerate(modules, start=1):
        content = module["intitule"] + (f"\n{module['contenu']}" if module.get("contenu") else "")
        rows.append([cell(number), cell(content), cell(module["heures"])])
    rows.append([cell(""), cell("Total", HEAD), cell(sum(int(module["heures"]) for module in modules), HEAD)])
    table = Table(rows, colWidths=[12 * mm, 142 * mm, 20 * mm], repeatRows=1)
    table.setStyle(GRID)
    return build(TITLE, [*header_flowables(TITLE, data), table])


def render_dossier(dossier) -> bytes:
    from cactus.documents.selectors import formation_data

    return render(formation_data(dossier))
