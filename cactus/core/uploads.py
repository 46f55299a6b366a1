"""The one check every uploaded file goes through, whichever form receives it (by content, no domain:
the documents app stores signed scans, formations its calendrier and programme).

Signed scans ("Retour des documents", the stamped CERFA) and the formation's calendrier and
programme are all PDFs a person sends to Cactus and Cactus sends on: each is accepted only if its
name is plain, it is at most `settings.UPLOAD_MAX_BYTES` (10 Mo by default), libmagic says it is a
PDF, and `security.check_pdf` finds it readable, unencrypted, without active content nor another
file, within the parsing limits and with 1 to `settings.UPLOAD_MAX_PAGES` pages; when
`CLAMAV_ADDRESS` is set, clamd must find no virus. A refused file leaves nothing behind.
"""

from dataclasses import dataclass

import magic
from django.conf import settings
from django.core.exceptions import ValidationError

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
    uploaded.seek(0)
    if not data:
        raise ValidationError(f"« {name} » est vide : déposez le scan du document signé.")
    if magic.from_buffer(data[:4096], mime=True) != "application/pdf":
        raise ValidationError(
            f"« {name} » n'est pas un fichier PDF : déposez le document scanné au format PDF."
        )
    security.check_pdf(data=data, name=name)
    security.scan_for_viruses(data=data, name=name)
    return CheckedPdf(data=data, original_name=name)


def validate_uploaded_pdf(value) -> None:
    """Model-field validator: a file freshly uploaded through any form (the admin's too) is checked.

    A file already stored (`_committed`) was checked when it arrived and is not read again.
    """
    if value and not getattr(value, "_committed", True):
        read_valid_pdf(value.file)
