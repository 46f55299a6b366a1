"""The poll and a webhook recording two OPCO states at once: the latest state by date wins, whatever
the order of the commits, because `record_opco_state` holds the deposit's row lock (after the
dossier's, the one order of every deposit service) from the new state to the deposit's save.

Needs PostgreSQL's row locks; skipped on SQLite, which serialises every write on the whole file.
"""

import threading
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext

from cactus.core.tests.test_concurrency import postgresql_only
from cactus.core.tests.world import make_dossier_in_state, reload_reference_data
from cactus.dossiers.models import Dossier
from cactus.opco import services
from cactus.opco.models import Deposit, OpcoState, OpcoStateChange

pytestmark = [postgresql_only, pytest.mark.django_db(transaction=True)]
EARLIER = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
LATER = EARLIER + timedelta(days=3)


@pytest.fixture
def deposit(formation, alternant, employer_contact):
    reload_reference_data()
    dossier = make_dossier_in_state(
        Dossier.Status.SENT_TO_OPCO,
        formation=formation,
        alternant=alternant,
        employer_contact=employer_contact,
    )
    return Deposit.objects.create(
        dossier=dossier,
        opco="ATLAS",
        idempotency_key=uuid.uuid4(),
        data_version=dossier.version,
        status=Deposit.Status.ACCEPTED,
        opco_number="ATLAS-2026-000042",
    )


def test_an_older_state_committed_last_does_not_overwrite_the_newer_one(deposit, monkeypatch):
    # The poll (thread "poll") records EN_COURS_INSTRUCTION of 1 October and stops just before saving
    # the deposit; the webhook (thread "webhook") brings ANNULE of 4 October meanwhile. Without the
    # lock the webhook saves first and the poll's save puts the older state back.
    poll_ready, webhook_done = threading.Event(), threading.Event()
    save = Deposit.save

    def paused_save(self, *args, **kwargs):
        if threading.current_thread().name == "poll":
            poll_ready.set()
            webhook_done.wait(timeout=3)  # with the lock the webhook waits for us: go on after a while
        return save(self, *args, **kwargs)

    monkeypatch.setattr(Deposit, "save", paused_save)
    errors = []

    def record(state, at):
        try:
            services.record_opco_state(
                Deposit.objects.get(pk=deposit.pk), state=state, at=at, source=OpcoStateChange.Source.POLL
            )
        except Exception as error:  # noqa: BLE001 - shown by the assertion below
            errors.append(error)
        finally:
            if threading.current_thread().name == "webhook":
                webhook_done.set()
            close_old_connections()
            connection.close()

    poll = threading.Thread(name="poll", target=record, args=(OpcoState.EN_COURS_INSTRUCTION, EARLIER))
    poll.start()
    assert poll_ready.wait(timeout=30)
    webhook = threading.Thread(name="webhook", target=record, args=(OpcoState.ANNULE, LATER))
    webhook.start()
    poll.join()
    webhook.join()

    assert errors == []
    assert Deposit.objects.get(pk=deposit.pk).opco_state == OpcoState.ANNULE
    assert set(deposit.state_changes.values_list("state", flat=True)) == {
        OpcoState.EN_COURS_INSTRUCTION,
        OpcoState.ANNULE,
    }


def test_recording_a_state_locks_the_dossier_then_the_deposit(deposit):
    with CaptureQueriesContext(connection) as captured:
        services.record_opco_state(
            deposit, state=OpcoState.ANNULE, at=LATER, source=OpcoStateChange.Source.POLL
        )
    locked = [query["sql"] for query in captured.captured_queries if "FOR UPDATE" in query["sql"]]
    assert len(locked) >= 2
    assert f'FOR UPDATE OF "{Dossier._meta.db_table}"' in locked[0]
    assert f'FOR UPDATE OF "{Deposit._meta.db_table}"' in locked[1]
    assert deposit.opco_state == OpcoState.ANNULE  # the caller's object shows what was saved
