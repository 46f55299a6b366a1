"""Byte-exact pictures of what Cactus holds about a dossier, to prove that nothing changed (tests only)."""

import hashlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.db import models

from cactus.dossiers.models import Dossier

# Rows about a dossier that are history, not data: a reminder or a log line may be added to a
# frozen dossier (and the purge's own record).
HISTORY_MODELS = {
    "dossiers.DossierEvent",
    "notifications.OutgoingEmail",
    "dossiers.SentReminder",
    "privacy.Anonymisation",
}


# What a person typed and did not validate (drafts): kept on purpose when a page is refused, never data.
DRAFT_MODELS = {"dossiers.TabDraft"}


def dossier_snapshot(dossier: Dossier, *, history: bool = True, drafts: bool = True) -> str:
    """The dossier and every row of every model attached to it, serialised in a fixed order.

    Related models are discovered (a new tab's model is included without touching this file).
    Accounts are left out: logging in (last_login) is not a change to a dossier.
    """
    querysets = [Dossier.objects.filter(pk=dossier.pk)]
    for relation in sorted(
        Dossier._meta.related_objects, key=lambda relation: relation.related_model._meta.label
    ):
        model = relation.related_model
        if not history and model._meta.label in HISTORY_MODELS:
            continue
        if not drafts and model._meta.label in DRAFT_MODELS:
            continue
        querysets.append(model.objects.filter(**{relation.field.name: dossier}).order_by("pk"))
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
    """MEDIA_ROOT's files, less those that rows of other dossiers point to (a command may add those).

    Every model with a file field and a `dossier` link counts (documents, signing rounds…), so a
    new app's files are covered without touching this function.
    """
    others: set[str] = set()
    for model in apps.get_models():
        file_fields = [
            field.name for field in model._meta.get_fields() if isinstance(field, models.FileField)
        ]
        if not file_fields or not any(field.name == "dossier" for field in model._meta.get_fields()):
            continue
        for values in model.objects.exclude(dossier=dossier).values_list(*file_fields):
            others.update(name for name in values if name)
    return {name: digest for name, digest in media_snapshot().items() if name not in others}
