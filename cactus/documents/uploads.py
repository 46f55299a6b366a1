"""Signed scans and the stamped CERFA, once checked (`cactus.core.uploads.read_valid_pdf`), are stored
as a new `Document` version. A refused file leaves nothing behind. The stored name is generated;
the client's name is kept only as `original_name`. Earlier versions are never overwritten (W-5,
workflow.md).
"""

import hashlib
import uuid

from django.core.files.base import ContentFile

from cactus.core.uploads import CheckedPdf
from cactus.documents.models import Document
from cactus.dossiers.models import Dossier, DossierEvent

UPLOADED_KINDS = (Document.Kind.SIGNED_CERFA, Document.Kind.SIGNED_CONVENTION, Document.Kind.STAMPED_CERFA)


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


def uploaded_document(dossier, document_id: int) -> Document | None:
    """One uploaded version (signed scan or stamped CERFA) of this dossier, None if it has no such file."""
    return Document.objects.filter(dossier=dossier, pk=document_id, source=Document.Source.UPLOADED).first()
