import io
from datetime import date

import pytest
import time_machine
from django.core.management import call_command

from cactus.dossiers.models import Dossier, DossierEvent, SentReminder
from cactus.dossiers.tests.factories import EmployerFactory
from cactus.dossiers.tests.states import dossier_in
from cactus.notifications.models import OutgoingEmail

Status = Dossier.Status
pytestmark = pytest.mark.django_db

# Contract starting Tuesday 1 September 2026: due Monday 7 September (5 jours ouvrables, R-7.1).
START = date(2026, 9, 1)


def run(on: str):
    with time_machine.travel(f"{on} 08:00 +0200", tick=False):
        call_command("send_reminders", stdout=io.StringIO())


def test_the_contact_is_reminded_once_before_the_due_date(cfa_advisor):
    dossier = dossier_in(Status.DOCUMENTS_VALIDATED, contract_start=START)

    run("2026-09-04")  # Friday: Saturday and Monday left
    run("2026-09-04")
    run("2026-09-05")

    emails = OutgoingEmail.objects.filter(name="deadline_reminder")
    assert list(emails.values_list("to", flat=True)) == [dossier.employer_contact.email]
    assert "7 septembre 2026" in emails.get().body
    assert dossier.events.filter(action=DossierEvent.Action.REMINDER_SENT).count() == 1


def test_nobody_is_reminded_while_the_due_date_is_far():
    dossier_in(Status.VALIDATED, contract_start=START)

    run("2026-09-01")

    assert not OutgoingEmail.objects.exists()


def test_the_advisor_is_alerted_once_when_the_due_date_has_passed(formation):
    dossier = dossier_in(Status.DOCUMENTS_VALIDATED, contract_start=START, formation=formation)

    run("2026-09-08")
    run("2026-09-09")

    alert = OutgoingEmail.objects.get(name="deadline_passed")
    assert alert.to == formation.cfa_advisor.email
    assert SentReminder.objects.get(kind="deadline_passed").dossier == dossier


def test_a_dossier_already_sent_is_left_alone():
    dossier_in(Status.SENT_TO_OPCO, contract_start=START)

    run("2026-09-04")
    run("2026-09-10")

    assert not OutgoingEmail.objects.exists()


def test_a_dossier_closed_by_the_cfa_has_no_deadline():
    dossier = dossier_in(Status.DOCUMENTS_VALIDATED, contract_start=START)
    EmployerFactory(dossier=dossier, is_monegasque=True)

    run("2026-09-04")
    run("2026-09-10")

    assert not OutgoingEmail.objects.exists()


def test_without_a_named_advisor_every_advisor_is_alerted(formation, cfa_advisor):
    from cactus.accounts.tests.factories import UserFactory

    other = UserFactory(cfa_advisor=True)
    formation.cfa_advisor = None
    formation.save()
    dossier_in(Status.VALIDATED, contract_start=START, formation=formation)

    run("2026-09-10")

    alerts = OutgoingEmail.objects.filter(name="deadline_passed")
    assert set(alerts.values_list("to", flat=True)) == {cfa_advisor.email, other.email}
