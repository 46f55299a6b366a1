"""Dossiers put straight into a life-cycle state, for tests that start mid-way."""

from datetime import datetime
from zoneinfo import ZoneInfo

from cactus.dossiers.models import Dossier, DossierEvent
from cactus.dossiers.tests.factories import DossierFactory

Status = Dossier.Status
AT = datetime(2026, 9, 1, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))


def dossier_in(status: str, *, economic: bool | None = None, **fields) -> Dossier:
    """A complete dossier (base data, every tab complete) at `status`, with the dates set so far."""
    dossier = DossierFactory(with_base_data=True, is_entry_complete=True, status=status, **fields)
    reached = dossier.has_reached
    dates = {
        "validation_requested_at": reached(Status.VALIDATION_REQUESTED),
        "validated_at": reached(Status.VALIDATED),
        "documents_returned_at": reached(Status.DOCUMENTS_RETURNED),
        "documents_validated_at": reached(Status.DOCUMENTS_VALIDATED),
        "sent_to_opco_at": status == Status.SENT_TO_OPCO,
    }
    if economic is None:
        economic = reached(Status.VALIDATED) and status != Status.DRAFT
    dates["economic_validated_at"] = economic
    for name, is_set in dates.items():
        setattr(dossier, name, AT if is_set and status != Status.DRAFT else None)
    dossier.save()
    if dossier.validated_at:
        DossierEvent.objects.create(
            dossier=dossier,
            action=DossierEvent.Action.STATUS_CHANGED,
            from_status=Status.VALIDATION_REQUESTED,
            to_status=Status.VALIDATED,
            created_at=AT,
        )
    return dossier
