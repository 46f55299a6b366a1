"""How the signatures app hears the life-cycle and shows itself in dossiers' pages (set up in ready()).

- `status_changed` (after commit): back to "Saisie en cours" cancels the round and revokes every
  link; "Documents signés retournés" reached by a paper upload, or "Documents validés" by a stamped
  scan, cancels it too; "Validé par la formation" (or back to it after a CFA rejection, which
  cancels the round first) starts a round when the dossier signs online and its éléments
  économiques are validated.
- The "Éléments économiques validés" event (no state change, so no signal) starts a round as well.
- Suivi - Info panel, back-office queue "Signatures en attente" and its deadline column "Lien de
  signature" (the day the link of the signer awaited expires), the demo's step.
"""

import logging
from datetime import date

from django.db.models import Exists, Min, OuterRef, Q, Subquery
from django.db.models.signals import post_save
from django.utils import timezone

from cactus.dossiers import extensions
from cactus.dossiers.models import Dossier, DossierEvent
from cactus.dossiers.signals import status_changed

logger = logging.getLogger(__name__)
Status = Dossier.Status
# A cancelled or broken contract (cactus/contracts) is not signed any more.
ENDED = {getattr(Status, name) for name in ("CANCELLED", "RUPTURED") if hasattr(Status, name)}


def connect() -> None:
    status_changed.connect(on_status_changed, dispatch_uid="signatures.status_changed")
    post_save.connect(on_event_saved, sender=DossierEvent, dispatch_uid="signatures.economic_validated")
    extensions.add_follow_up_panel(follow_up_panel)
    extensions.add_queue("signatures_pending", "Signatures en attente", pending_signatures)
    extensions.add_deadline_column(LINK_COLUMN)
    from cactus.signatures import demo, reminders

    extensions.add_demo_step(demo.demo_step)
    extensions.add_reminder_step(reminders.reminder_step)


def _start_if_online(dossier: Dossier) -> None:
    from cactus.signatures import services
    from cactus.signatures.models import SigningMode

    dossier = Dossier.objects.get(pk=dossier.pk)
    if services.mode_for(dossier) != SigningMode.ONLINE or not services.is_ready_to_sign(dossier):
        return
    if services.current_round(dossier):
        return
    try:
        services.start_round(dossier=dossier, by=None)
    except services.SigningError as error:
        # Logged for the CFA (e.g. a minor without the representative's e-mail); the paper route stays open.
        logger.warning("Signature en ligne non lancée pour le dossier %s : %s", dossier.pk, error)


def on_status_changed(sender, *, dossier, event, **kwargs) -> None:
    from cactus.signatures import services

    if event.to_status == Status.DRAFT:
        services.cancel_rounds(dossier=dossier, reason="Dossier revenu en « Saisie en cours »")
    elif event.to_status in ENDED:
        services.cancel_rounds(dossier=dossier, reason=f"Dossier {Status(event.to_status).label.lower()}")
    elif event.to_status == Status.DOCUMENTS_RETURNED:
        signing = services.current_round(dossier)
        if signing and signing.parties_signed_at is None:
            services.cancel_rounds(dossier=dossier, reason="Documents signés déposés sur papier")
    elif event.to_status == Status.DOCUMENTS_VALIDATED:
        # Validated in the back office (a stamped scan) while the CFA's link was pending: nothing left to sign.
        services.cancel_rounds(dossier=dossier, reason="Documents validés par le CFA dans le back-office")
    elif event.to_status == Status.VALIDATED:
        if event.from_status == Status.DOCUMENTS_RETURNED:
            # The CFA rejected the signed documents: they are signed again, from the start.
            services.cancel_rounds(dossier=dossier, reason="Documents signés refusés par le CFA")
        _start_if_online(dossier)


def on_event_saved(sender, instance, created, **kwargs) -> None:
    if created and instance.action == DossierEvent.Action.ECONOMIC_VALIDATED:
        from django.db import transaction

        dossier = instance.dossier
        transaction.on_commit(lambda: _start_if_online(dossier), robust=True)


def pending_signatures(today) -> Q:
    from cactus.signatures.models import Signer

    waiting = Signer.objects.filter(
        round__dossier=OuterRef("pk"),
        round__cancelled_at__isnull=True,
        round__completed_at__isnull=True,
        signed_at__isnull=True,
        refused_at__isnull=True,
    )
    return Q(Exists(waiting))


def _link_expiry(dossiers):
    """`prepare` of the column: when the link of the signer awaited expires (signatures are sequential:
    one link is out at a time), one subquery for the page, no query per row."""
    from cactus.signatures.models import Signer

    expires = (
        Signer.objects.filter(
            round__dossier=OuterRef("pk"),
            round__cancelled_at__isnull=True,
            round__completed_at__isnull=True,
            link_sent_at__isnull=False,
            signed_at__isnull=True,
            refused_at__isnull=True,
            revoked_at__isnull=True,
            locked_at__isnull=True,
        )
        .order_by()
        .values("round__dossier")
        .annotate(first=Min("link_expires_at"))
        .values("first")[:1]
    )
    return dossiers.annotate(signing_link_expires_at=Subquery(expires))


def _link_deadline(dossier, today: date) -> extensions.RunningDeadline | None:
    """Days left before the awaited signer's link expires (15 days; each reminder sends a new one)."""
    expires = getattr(dossier, "signing_link_expires_at", None)
    if expires is None:
        return None
    due = timezone.localtime(expires).date()
    return extensions.RunningDeadline(due=due, days_left=(due - today).days, unit="jour")


LINK_COLUMN = extensions.DeadlineColumn(
    "signature_link", "Lien de signature", _link_deadline, prepare=_link_expiry
)


def follow_up_panel(request, dossier):
    from cactus.signatures import services
    from cactus.signatures.models import SigningMode

    mode = services.mode_for(dossier)
    signing = dossier.signing_rounds.first()
    user = request.user
    may_choose = user.pk == dossier.employer_contact_id or user.is_cfa_staff
    can_choose = (
        may_choose and dossier.status in services.CHOOSABLE_STATUSES and not services.has_signatures(dossier)
    )
    if mode == SigningMode.PAPER and not signing and not can_choose:
        return None
    return (
        "signatures/panel.html",
        {
            "dossier": dossier,
            "mode": mode,
            "mode_label": SigningMode(mode).label,
            "signing": signing,
            "signers": list(signing.signers.order_by("position")) if signing else [],
            "is_cfa_admin": user.is_cfa_admin,
            "can_choose": can_choose,
            "can_resend": user.is_cfa_staff and signing is not None and signing.is_open,
        },
    )
