"""Reminders to whoever has not signed: 2 and 5 jours ouvrables after their link was sent.

Run by `manage.py send_reminders` (the apps above dossiers add their reminders through
`extensions.add_reminder_step`). A reminder sends a new link (only hashes are kept, so the first
link cannot be sent again); the previous link then stops working. Each is counted on the signer
(`reminders_sent`), so running the command many times a day sends each reminder once.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from cactus.dossiers.deadlines import working_days_between
from cactus.dossiers.models import DossierEvent
from cactus.signatures import services
from cactus.signatures.models import Signer

REMINDER_WORKING_DAYS = (2, 5)


def waiting_signers():
    return Signer.objects.filter(
        round__cancelled_at__isnull=True,
        round__completed_at__isnull=True,
        link_sent_at__isnull=False,
        signed_at__isnull=True,
        refused_at__isnull=True,
        revoked_at__isnull=True,
        locked_at__isnull=True,
        reminders_sent__lt=len(REMINDER_WORKING_DAYS),
    ).select_related("round__dossier")


def send_signature_reminders(*, today: date) -> list[int]:
    """The signers reminded today (their ids)."""
    reminded = []
    for signer in waiting_signers():
        elapsed = working_days_between(timezone.localtime(signer.link_sent_at).date(), today)
        if elapsed >= REMINDER_WORKING_DAYS[signer.reminders_sent] and _remind(signer.pk):
            reminded.append(signer.pk)
    return reminded


@transaction.atomic
def _remind(signer_id: int) -> bool:
    signer = services.lock_signer(signer_id)  # the dossier first, as every signing service
    if signer.is_done or signer.revoked_at or signer.locked_at:
        return False
    services.send_reminder_link(signer)
    DossierEvent.objects.create(
        dossier=signer.round.dossier,
        action=DossierEvent.Action.REMINDER_SENT,
        changes={
            "kind": "signature",
            "signer": signer.role,
            "to": [signer.email],
            "number": signer.reminders_sent,
        },
        comment=f"Relance de signature envoyée à {signer.name} ({signer.get_role_display()})",
    )
    return True


def reminder_step(today: date, stdout) -> None:
    stdout.write(f"Relances de signature : {len(send_signature_reminders(today=today))}.")
