"""Small valid (and invalid) PDFs for tests, made with ReportLab and pypdf."""

import io

from pypdf import PdfWriter
from reportlab.pdfgen import canvas


def pdf_bytes(text: str = "CERFA signé", pages: int = 1) -> bytes:
    buffer = io.BytesIO()
    document = canvas.Canvas(buffer)
    for number in range(pages):
        document.drawString(72, 720, f"{text} – page {number + 1}")
        document.showPage()
    document.save()
    return buffer.getvalue()


def encrypted_pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pageless_pdf_bytes() -> bytes:
    buffer = io.BytesIO()
    PdfWriter().write(buffer)
    return buffer.getvalue()
