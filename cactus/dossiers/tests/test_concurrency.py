"""Two people (or one double click) acting at once yield exactly one transition."""

import threading

import pytest
from django.db import connection

from cactus.core.tests.bursts import one_burst_at_a_time
from cactus.dossiers import transitions
from cactus.dossiers.exceptions import DossierError
from cactus.dossiers.models import Dossier, DossierEvent
from cactus.dossiers.tests.factories import complete_dossier
from cactus.notifications.models import OutgoingEmail

THREADS = 24

pytestmark = [
    # The CFA groups a flush removed come back through conftest._reference_data.
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite has no row locks (select_for_update is a no-op) and serialises writers: "
        "the race only exists, and is only tested, on PostgreSQL (DATABASE_URL=postgres://...).",
    ),
]


def run_at_once(action) -> list:
    barrier = threading.Barrier(THREADS)
    outcomes = []

    def worker():
        from django.db import connections

        try:
            barrier.wait()
            action()
            outcomes.append("ok")
        except DossierError as error:
            outcomes.append(type(error).__name__)
        except Exception as error:  # noqa: BLE001 - any other failure must show in the assertion
            outcomes.append(f"crash: {error!r}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    with one_burst_at_a_time():
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return outcomes


def test_many_simultaneous_validation_requests_make_one_transition(formation, employer_contact):
    dossier = complete_dossier(formation=formation, employer_contact=employer_contact)

    outcomes = run_at_once(lambda: transitions.request_validation(dossier=dossier, by=employer_contact))

    assert outcomes.count("ok") == 1
    assert outcomes.count("InvalidTransition") == THREADS - 1
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.VALIDATION_REQUESTED
    assert (
        DossierEvent.objects.filter(dossier=dossier, to_status=Dossier.Status.VALIDATION_REQUESTED).count()
        == 1
    )
    assert OutgoingEmail.objects.filter(name="validation_requested").count() == formation.managers.count()


def test_a_validation_and_a_refusal_at_once_make_one_decision(formation, formation_manager, cfa_admin):
    dossier = complete_dossier(formation=formation)
    transitions.request_validation(dossier=dossier, by=dossier.employer_contact)
    calls = iter(range(THREADS))

    def decide():
        if next(calls) % 2:
            transitions.validate_dossier(dossier=dossier, by=formation_manager)
        else:
            transitions.refuse_dossier(dossier=dossier, by=cfa_admin, comment="À corriger")

    outcomes = run_at_once(decide)

    assert outcomes.count("ok") == 1
    decisions = DossierEvent.objects.filter(dossier=dossier, from_status=Dossier.Status.VALIDATION_REQUESTED)
    assert decisions.count() == 1
