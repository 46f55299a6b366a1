"""Reminders after 2 and 5 jours ouvrables to whoever has not signed, through `manage.py send_reminders`."""

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from cactus.signatures import services
from cactus.signatures.tests.helpers import bring_to_signature, last_link, online_dossier

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def test_the_waiting_signer_is_reminded_after_2_then_5_working_days_with_a_new_link(
    signing_ca, django_capture_on_commit_callbacks, mailoutbox
):
    # Monday 7 December 2026: the first link leaves.
    with time_machine.travel(datetime(2026, 12, 7, 9, 0, tzinfo=PARIS), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            dossier = online_dossier()
        with django_capture_on_commit_callbacks(execute=True):
            dossier = bring_to_signature(dossier)
    signer = services.current_round(dossier).signers.get(position=1)
    first = last_link(signer.email)

    def run(day: int) -> str:
        output = StringIO()
        moment = datetime(2026, 12, day, 8, 0, tzinfo=PARIS)
        with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
            call_command("send_reminders", stdout=output)
        return output.getvalue()

    assert "Relances de signature : 0." in run(8)  # 1 jour ouvrable
    assert "Relances de signature : 1." in run(9)  # 2 jours ouvrables
    assert "Relances de signature : 0." in run(9)  # once only
    second = last_link(signer.email)
    assert second != first
    with pytest.raises(services.SigningError, match="remplacé par un lien plus récent"):
        services.signer_for_token(first)
    assert "Relances de signature : 0." in run(11)  # 4 jours ouvrables
    assert "Relances de signature : 1." in run(12)  # Saturday: 5 jours ouvrables (Monday–Saturday)
    assert "Relances de signature : 0." in run(14)
    assert dossier.events.filter(action="reminder_sent", changes__kind="signature").count() == 2
