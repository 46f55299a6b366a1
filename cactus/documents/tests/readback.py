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
