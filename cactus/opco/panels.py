"""What the OPCO app adds to the dossiers' pages: the "Suivi - Info" panel, two back-office queues and
the deadline column "Décision OPCO (20 jours)" of the back office's work list.

The 20-day count: the OPCO has 20 days from receipt of the complete file to decide (rules.md
R-7.1; the effect of its silence is unverified there, so Cactus only shows and lists it).
"""

from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from cactus.dossiers import extensions
from cactus.dossiers.models import Dossier
from cactus.opco import declarations
from cactus.opco.models import AWAITING_DECISION, Declaration, Deposit, OpcoStateChange

DECISION_DAYS = 20


def decision_due(deposit: Deposit) -> date | None:
    return deposit.received_on + timedelta(days=DECISION_DAYS) if deposit.received_on else None


# A cancelled or broken contract leaves every active queue (issue 16): its OPCO is told by the
# declaration, and nothing is left to correct or to wait for.
_ACTIVE = ~Q(status__in=Dossier.ENDED_STATUSES)


def _rejected(today: date) -> Q:
    return Q(
        Exists(
            Deposit.objects.filter(
                dossier=OuterRef("pk"),
                is_current=True,
                status__in=[Deposit.Status.REJECTED, Deposit.Status.FAILED],
            )
        )
        & _ACTIVE
    )


def _silent(today: date) -> Q:
    return Q(
        Exists(
            Deposit.objects.filter(
                dossier=OuterRef("pk"),
                is_current=True,
                status=Deposit.Status.ACCEPTED,
                opco_state__in=AWAITING_DECISION,
                received_on__lt=today - timedelta(days=DECISION_DAYS),
            )
        )
        & _ACTIVE
    )


QUEUES = [
    ("opco_rejected", "Rejeté par l'OPCO : à corriger", _rejected),
    ("opco_silent", f"OPCO sans décision après {DECISION_DAYS} jours", _silent),
]


def _awaiting_since(dossiers):
    """`prepare` of the column: the day the OPCO received the current deposit, while it has not decided
    (one subquery for the page, no query per row)."""
    received = Deposit.objects.filter(
        dossier=OuterRef("pk"),
        is_current=True,
        status=Deposit.Status.ACCEPTED,
        opco_state__in=AWAITING_DECISION,
    ).values("received_on")[:1]
    return dossiers.annotate(opco_awaiting_since=Subquery(received))


def _decision_deadline(dossier, today: date) -> extensions.RunningDeadline | None:
    received = getattr(dossier, "opco_awaiting_since", None)
    if received is None:
        return None
    due = received + timedelta(days=DECISION_DAYS)
    return extensions.RunningDeadline(due=due, days_left=(due - today).days, unit="jour")


DECISION_COLUMN = extensions.DeadlineColumn(
    "opco_decision", f"Décision OPCO ({DECISION_DAYS} jours)", _decision_deadline, prepare=_awaiting_since
)


def follow_up_panel(request, dossier):
    """The dossier's deposits with its OPCO: where the current one stands, the OPCO's timeline."""
    deposit = Deposit.objects.filter(dossier=dossier, is_current=True).first()
    if deposit is None:
        return None
    today = timezone.localdate()
    previous = Deposit.objects.filter(dossier=dossier, is_current=False)
    staff = request.user.is_cfa_staff
    # CFA staff see each superseded deposit, and whether the OPCO spoke of it after it was replaced
    # (services._superseded_state: recorded, not applied to the dossier).
    history = (
        list(
            previous.annotate(
                answered_after=Exists(
                    OpcoStateChange.objects.filter(
                        deposit=OuterRef("pk"), recorded_at__gte=deposit.created_at
                    )
                )
            )
        )
        if staff
        else []
    )
    # Only a broken or cancelled dossier has declarations (those states are final): no query otherwise.
    told = (
        list(Declaration.objects.filter(dossier=dossier)) if dossier.status in Dossier.ENDED_STATUSES else []
    )
    due = decision_due(deposit)
    waiting = deposit.opco_state in AWAITING_DECISION and due is not None
    return (
        "opco/follow_up_panel.html",
        {
            "deposit": deposit,
            "timeline": list(deposit.state_changes.all()),
            "decision_due": due if waiting else None,
            "days_left": (due - today).days if waiting else None,
            "days_late": (today - due).days if waiting else None,
            "decision_days": DECISION_DAYS,
            "previous": previous.count() if not staff else len(history),
            "history": history,
            "can_retry": deposit.status == Deposit.Status.FAILED
            and staff
            and dossier.status == Dossier.Status.DOCUMENTS_VALIDATED,
            # The rupture or cancellation told to the OPCO (declarations.py); CFA staff may send a
            # failed one again.
            "declarations": told,
            "can_retry_declaration": staff,
            # Ended after the OPCO accepted the deposit, yet nothing declared: its OPCO went back to
            # "dépôt manuel" (declarations.request_declaration), so the CFA tells it by hand.
            "undeclared": (
                declarations.KIND_FOR_STATUS[dossier.status].label
                if dossier.status in declarations.KIND_FOR_STATUS
                and deposit.status == Deposit.Status.ACCEPTED
                and not told
                else ""
            ),
        },
    )
