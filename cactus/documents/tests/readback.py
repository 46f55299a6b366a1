"""Read a PDF back as a person would: its text (pdftotext, poppler-utils), its pages and sizes (pypdf)."""

import io
import shutil
import subprocess
import tempfile

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4


def pdf_text(content: bytes, *, layout: bool = False) -> str:
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext introuvable : lancez `make deps` (paquet poppler-utils).")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        options = ["-layout"] if layout else []
        result = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", *options, handle.name, "-"], capture_output=True, check=True
        )
    return result.stdout.decode()


def flat_text(content: bytes) -> str:
    """The text with every run of white space (no-break spaces included) made one space."""
    return " ".join(pdf_text(content).replace("\u00a0", " ").split())


def assert_a4_pages(content: bytes, count: int) -> None:
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == count
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
            round(A4[0]),
            round(A4[1]),
        )


def text_in_boxes(content: bytes, fields) -> dict[str, str]:
    """{field name: the text drawn inside its rectangle} for the given FormFields (pypdf, form XObjects
    included): tells that a value is in the right box, not just somewhere on the page."""
    runs: dict[int, list[tuple[float, float, str]]] = {}
    reader = PdfReader(io.BytesIO(content))
    for number, page in enumerate(reader.pages, start=1):
        found = runs.setdefault(number, [])

        def visit(text, cm, tm, font, size, found=found):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                found.append((x, y, text.strip()))

        page.extract_text(visitor_text=visit)
    boxes = {}
    for field in fields:
        x1, y1, x2, y2 = field.rect
        inside = [
            (-y, x, words)
            for x, y, words in runs.get(field.page, [])
            if x1 - 1 <= x < x2 - 0.5 and y1 - 1 <= y <= y2
        ]
        boxes[field.name] = " ".join(words for _y, _x, words in sorted(inside))
    return boxes
