"""Byte-exact pictures of what Cactus holds about a dossier, to prove that nothing changed (tests only)."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.core import serializers

from cactus.documents.models import Document
from cactus.dossiers.models import Dossier, DossierEvent
from cactus.notifications.models import OutgoingEmail


def dossier_snapshot(dossier: Dossier) -> str:
    """The dossier, its events, documents and e-mails, serialised in a fixed order.

    Accounts are left out: logging in (last_login) is not a change to a dossier.
    """
    querysets = [
        Dossier.objects.filter(pk=dossier.pk),
        DossierEvent.objects.filter(dossier=dossier).order_by("pk"),
        Document.objects.filter(dossier=dossier).order_by("pk"),
        OutgoingEmail.objects.filter(dossier=dossier).order_by("pk"),
    ]
    return "\n".join(serializers.serialize("json", queryset, indent=1) for queryset in querysets)


def media_snapshot(root: Path | None = None) -> dict[str, str]:
    """sha256 of every file under MEDIA_ROOT, by relative path."""
    root = Path(root or settings.MEDIA_ROOT)
    if not root.exists():
        return {}
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def media_snapshot_without_other_dossiers(dossier: Dossier) -> dict[str, str]:
    """MEDIA_ROOT's files, less those of other dossiers' documents (a command may add those)."""
    others = set(Document.objects.exclude(dossier=dossier).values_list("file", flat=True))
    return {name: digest for name, digest in media_snapshot().items() if name not in others}
