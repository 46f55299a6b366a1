"""Where each signer's visible box goes: the form's own signature areas.

CERFA 10103*14, page 2 (coordinates from `documents/renderers/cerfa_10103_14_layout.py`: the labels
"Signature de l'employeur" x 39, "de l'apprenti(e)" x 205, "du représentant légal" x 353 at y 186,
above the "cadre réservé" band at y 103; "Visa du CFA (cachet et signature du directeur)" at y 361,
left column, free down to the attestation at y 226). CERFA 12434*05, page 2: "Signature de
l'employeur" x 96 and "du salarié" x 384 at y 204, above "CADRE RÉSERVÉ À L'OPCO" at y 134 (no box
for a legal representative: the salarié's area is shared). The convention (WeasyPrint, variable
length): under its "Pour le CFA" / "Pour l'employeur" boxes, found in the PDF's text.
"""

import subprocess
from xml.etree import ElementTree

from cactus.dossiers.models import ContractScheme
from cactus.signatures.pdf import Placement
from cactus.signatures.rules import CERFA, Role

CERFA_APPRENTICESHIP = {
    Role.EMPLOYER: Placement(1, (22, 108, 194, 182)),
    Role.ALTERNANT: Placement(1, (200, 108, 346, 182)),
    Role.REPRESENTATIVE: Placement(1, (352, 108, 574, 182)),
    Role.CFA: Placement(1, (24, 240, 284, 356)),
}
CERFA_PROFESSIONALISATION = {
    Role.EMPLOYER: Placement(1, (24, 142, 290, 200)),
    Role.ALTERNANT: Placement(1, (300, 142, 436, 200)),
    Role.REPRESENTATIVE: Placement(1, (440, 142, 572, 200)),
}
CONVENTION_LABELS = {Role.CFA: "Pour le CFA", Role.EMPLOYER: "Pour l'employeur"}


def placement(kind: str, role: str, *, scheme: str, content: bytes) -> Placement:
    if kind == CERFA:
        table = (
            CERFA_PROFESSIONALISATION
            if scheme == ContractScheme.PROFESSIONALISATION
            else CERFA_APPRENTICESHIP
        )
        return table[role]
    return _below_label(content, CONVENTION_LABELS[role])


def _below_label(content: bytes, label: str) -> Placement:
    """The convention's signature box: under the label, inside the 70 pt frame the template draws.

    The label's position comes from poppler's `pdftotext -bbox` (top-left origin, in points).
    """
    words = label.split()
    pages = _words_by_page(content)
    for index in range(len(pages) - 1, -1, -1):
        page_words, page_height = pages[index]
        texts = [text for text, _box in page_words]
        for start in range(len(texts) - len(words), -1, -1):
            if texts[start : start + len(words)] == words:
                x_min, _y_min, _x_max, y_max = page_words[start][1]
                bottom = page_height - y_max  # the label's baseline area, in PDF coordinates
                return Placement(
                    index, (round(x_min), round(bottom) - 52, round(x_min) + 200, round(bottom) - 17)
                )
    # An edited convention without the label: a box at the foot of the last page.
    left = 60 if label == CONVENTION_LABELS[Role.CFA] else 320
    return Placement(len(pages) - 1, (left, 40, left + 200, 100))


def _words_by_page(content: bytes) -> list[tuple[list[tuple[str, tuple[float, ...]]], float]]:
    result = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=content, capture_output=True, timeout=60, check=True
    )
    namespace = "{http://www.w3.org/1999/xhtml}"
    root = ElementTree.fromstring(result.stdout)
    pages = []
    for page in root.iter(f"{namespace}page"):
        words = [
            (word.text or "", tuple(float(word.get(key)) for key in ("xMin", "yMin", "xMax", "yMax")))
            for word in page.iter(f"{namespace}word")
        ]
        pages.append((words, float(page.get("height"))))
    return pages
