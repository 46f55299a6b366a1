"""Deadline reminders for sending the contract (5 jours ouvrables after its start, R-7.1).

Before the due date the contact alternance is reminded; once it has passed, the conseillère CFA
is alerted. Each reminder is sent once per dossier and due date (`SentReminder` is unique), so
`manage.py send_reminders` can run as often as wanted, even twice at the same time.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import IntegrityError, transaction

from cactus.dossiers import circuits, deadlines, emails, selectors
from cactus.dossiers.models import Dossier, DossierEvent, SentReminder

# The contact is reminded when this many jours ouvrables (or fewer) are left.
REMIND_WORKING_DAYS_BEFORE = 2
OPEN_STATUSES = sorted(Dossier.OPEN_STATUSES)


@dataclass
class ReminderReport:
    before_deadline: list[int] = field(default_factory=list)
    deadline_passed: list[int] = field(default_factory=list)


def late_dossiers(dossiers, today: date):
    """The dossiers (of a queryset) whose contract should already be with the OPCO or the DDETS."""
    return dossiers.filter(
        status__in=OPEN_STATUSES, contract_start__lte=deadlines.latest_start_due_before(today)
    ).exclude(version_kind=Dossier.VersionKind.AMENDMENT)  # an avenant keeps the contract's old start


def _record(dossier: Dossier, kind: str, due: date) -> bool:
    """Claim the reminder; False if it was already sent (by this run or another one)."""
    try:
        with transaction.atomic():
            _, created = SentReminder.objects.get_or_create(dossier=dossier, kind=kind, due_date=due)
    except IntegrityError:
        return False
    return created


@transaction.atomic
def _send(dossier: Dossier, kind: str, due: date, today: date) -> bool:
    if not _record(dossier, kind, due):
        return False
    final_label = circuits.circuit_for(dossier).final_label
    if kind == SentReminder.Kind.BEFORE_DEADLINE:
        days_left = deadlines.working_days_between(today, due)
        sent = [
            emails.deadline_reminder(
                dossier=dossier, due_date=due, days_left=days_left, final_label=final_label
            )
        ]
    else:
        addresses = selectors.advisor_addresses(dossier)
        sent = [
            emails.deadline_passed(dossier=dossier, due_date=due, to=address, final_label=final_label)
            for address in addresses
        ]
    DossierEvent.objects.create(
        dossier=dossier,
        action=DossierEvent.Action.REMINDER_SENT,
        changes={"kind": kind, "due_date": due.isoformat(), "to": [email.to for email in sent]},
    )
    return True


def send_deadline_reminders(*, today: date) -> ReminderReport:
    report = ReminderReport()
    open_dossiers = (
        Dossier.objects.filter(status__in=OPEN_STATUSES, contract_start__isnull=False)
        .exclude(version_kind=Dossier.VersionKind.AMENDMENT)  # no deadline computed for an avenant
        .select_related("formation__cfa_advisor", "employer_contact")
    )
    # Reminders: due date between today and REMIND_WORKING_DAYS_BEFORE jours ouvrables from now.
    soon = open_dossiers.filter(
        contract_start__gte=deadlines.earliest_start_due_on_or_after(today),
        contract_start__lte=today + timedelta(days=1),
        employer_contact__isnull=False,
    )
    for dossier in soon:
        due = deadlines.dossier_due_date(dossier)
        is_soon = due and 0 <= deadlines.working_days_between(today, due) <= REMIND_WORKING_DAYS_BEFORE
        if is_soon and _send(dossier, SentReminder.Kind.BEFORE_DEADLINE, due, today):
            report.before_deadline.append(dossier.pk)
    # A dossier is alerted once, even if a reopening later moves its start date.
    passed = late_dossiers(open_dossiers, today).exclude(
        sent_reminders__kind=SentReminder.Kind.DEADLINE_PASSED
    )
    for dossier in passed:
        due = deadlines.dossier_due_date(dossier)
        if due and due < today and _send(dossier, SentReminder.Kind.DEADLINE_PASSED, due, today):
            report.deadline_passed.append(dossier.pk)
    return report
