"""The check every uploaded PDF goes through, by content (no domain: the documents app stores them).

A file is accepted only if its name is plain, libmagic says it is a PDF, pypdf can parse it, it is
not encrypted, it holds no active content nor another file (`cactus.core.security`), it has between
1 and `settings.UPLOAD_MAX_PAGES` pages, it is at most `settings.UPLOAD_MAX_BYTES` (10 Mo by
default) and, when `CLAMAV_ADDRESS` is set, clamd finds no virus.
"""

import io
from dataclasses import dataclass

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from cactus.core import security


@dataclass(frozen=True)
class CheckedPdf:
    """An uploaded file that passed `read_valid_pdf`: its bytes and the name the client gave."""

    data: bytes
    original_name: str


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} Mo"


def read_valid_pdf(uploaded) -> CheckedPdf:
    """The file if it is a usable PDF; a ValidationError with a French message otherwise."""
    name = getattr(uploaded, "name", "le fichier")
    security.check_upload_name(name)
    limit = settings.UPLOAD_MAX_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            f"« {name} » pèse {_megabytes(uploaded.size)} : la taille maximale est {_megabytes(limit)}. "
            "Scannez le document en noir et blanc ou avec une résolution plus basse."
        )
    uploaded.seek(0)
    data = uploaded.read()
    if not data:
        raise ValidationError(f"« {name} » est vide : déposez le scan du document signé.")
    if magic.from_buffer(data[:4096], mime=True) != "application/pdf":
        raise ValidationError(
            f"« {name} » n'est pas un fichier PDF : déposez le document scanné au format PDF."
        )
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError(
                f"« {name} » est protégé par un mot de passe : déposez une version sans protection."
            )
        # Active content, polyglots and page bombs (security suite), before the page tree is walked.
        security.check_pdf_content(data=data, reader=reader, name=name)
        pages = len(reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, RecursionError) as error:
        raise ValidationError(
            f"« {name} » est un PDF illisible ou abîmé : scannez à nouveau le document."
        ) from error
    if pages == 0:
        raise ValidationError(f"« {name} » ne contient aucune page : scannez à nouveau le document.")
    security.scan_for_viruses(data=data, name=name)
    return CheckedPdf(data=data, original_name=name)
