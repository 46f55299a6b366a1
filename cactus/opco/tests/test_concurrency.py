"""Fifty triggers of the deposit at once (double clicks, a retry while the task runs) give one deposit;
fifty of a rupture's declaration give one POST.

Needs PostgreSQL's row locks (SELECT … FOR UPDATE), as cactus/core/tests/test_concurrency.py;
skipped on SQLite, which serialises every write on the whole file and would prove nothing.
"""

import pytest

from cactus.core.tests.test_concurrency import THREADS, fire_at_once, postgresql_only
from cactus.dossiers.models import Dossier
from cactus.opco import declarations, services
from cactus.opco.models import Declaration, Deposit, OpcoConnection
from cactus.opco.tests.conftest import rupture, validate


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_deposit_triggers_give_one_deposit_with_the_opco(
    connection, sandbox, returned_dossier, cfa_advisor, django_capture_on_commit_callbacks
):
    OpcoConnection.objects.filter(pk=connection.pk).update(mode=OpcoConnection.Mode.MANUAL)
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)
    assert not Deposit.objects.exists()  # validated while the OPCO was on "dépôt manuel"
    OpcoConnection.objects.filter(pk=connection.pk).update(mode=OpcoConnection.Mode.API)

    outcomes = fire_at_once(THREADS, lambda index: services.request_deposit(dossier=dossier, by=cfa_advisor))

    assert outcomes == {"done": THREADS}
    deposit = Deposit.objects.get()
    assert deposit.status == Deposit.Status.ACCEPTED
    assert sandbox.state.deposits_received == 1
    assert len(sandbox.state.idempotency) == 1
    assert Dossier.objects.get(pk=dossier.pk).status == Dossier.Status.SENT_TO_OPCO
    assert (
        Dossier.objects.get(pk=dossier.pk).events.filter(to_status=Dossier.Status.SENT_TO_OPCO).count() == 1
    )


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_triggers_of_a_rupture_s_declaration_give_one_post_to_the_opco(
    connection, sandbox, returned_dossier, cfa_advisor, django_capture_on_commit_callbacks
):
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)
    OpcoConnection.objects.filter(pk=connection.pk).update(mode=OpcoConnection.Mode.MANUAL)
    rupture(dossier, cfa_advisor, django_capture_on_commit_callbacks)  # while the OPCO is on "dépôt manuel"
    assert not Declaration.objects.exists()
    OpcoConnection.objects.filter(pk=connection.pk).update(mode=OpcoConnection.Mode.API)
    posts = []
    original = sandbox.state.declare
    sandbox.state.declare = lambda *args: posts.append(args) or original(*args)

    outcomes = fire_at_once(THREADS, lambda index: declarations.request_declaration(dossier=dossier))

    assert outcomes == {"done": THREADS}
    assert Declaration.objects.get().status == Declaration.Status.SENT
    assert len(posts) == 1 and len(sandbox.state.declarations) == 1
