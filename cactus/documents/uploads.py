"""Signed scans and the stamped CERFA: checked by content, then stored as a new `Document` version.

A file is accepted only if libmagic says it is a PDF, pypdf can parse it, it is not encrypted,
it has at least one page and it is at most `settings.UPLOAD_MAX_BYTES` (10 Mo by default).
A refused file leaves nothing behind. The stored name is generated; the client's name is kept
only as `original_name`. Earlier versions are never overwritten (W-5, workflow.md).
"""

import hashlib
import io
import uuid
from dataclasses import dataclass

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from cactus.documents.models import Document
from cactus.dossiers.models import Dossier, DossierEvent

UPLOADED_KINDS = (Document.Kind.SIGNED_CERFA, Document.Kind.SIGNED_CONVENTION, Document.Kind.STAMPED_CERFA)


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
        pages = len(reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise ValidationError(
            f"« {name} » est un PDF illisible ou abîmé : scannez à nouveau le document."
        ) from error
    if pages == 0:
        raise ValidationError(f"« {name} » ne contient aucune page : scannez à nouveau le document.")
    return CheckedPdf(data=data, original_name=name)


def store_uploaded_pdf(*, dossier, kind: str, pdf: CheckedPdf, by) -> Document:
    """Store one checked PDF as a new version of `kind` (called inside the service's transaction)."""
    if kind not in UPLOADED_KINDS:
        raise ValueError(f"{kind} is not an uploaded kind")
    document = Document(
        dossier=dossier,
        kind=kind,
        source=Document.Source.UPLOADED,
        sha256=hashlib.sha256(pdf.data).hexdigest(),
        size=len(pdf.data),
        original_name=pdf.original_name[:255],
        created_by=by,
    )
    document.file.save(f"{kind}-{uuid.uuid4().hex}.pdf", ContentFile(pdf.data), save=False)
    document.save()
    return document


RETURNED_KINDS = (Document.Kind.SIGNED_CERFA, Document.Kind.SIGNED_CONVENTION)


def current_signed_documents(dossier) -> dict[str, Document | None]:
    """The signed CERFA and convention that count for "Retour des documents".

    For each kind: its latest version, if it was uploaded since the dossier was last validated by
    the formation and the CFA has not rejected it (rejections list the rejected document ids).
    """
    result: dict[str, Document | None] = dict.fromkeys(RETURNED_KINDS)
    if not dossier.validated_at:
        return result
    rejected: set[int] = set()
    for changes in DossierEvent.objects.filter(
        dossier=dossier,
        action=DossierEvent.Action.STATUS_CHANGED,
        from_status=Dossier.Status.DOCUMENTS_RETURNED,
        to_status=Dossier.Status.VALIDATED,
    ).values_list("changes", flat=True):
        rejected.update(changes.get("rejected_documents", []))
    for kind in RETURNED_KINDS:
        latest = (
            Document.objects.filter(dossier=dossier, kind=kind, created_at__gte=dossier.validated_at)
            .order_by("-created_at", "-pk")
            .first()
        )
        if latest and latest.pk not in rejected:
            result[kind] = latest
    return result
