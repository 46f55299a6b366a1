"""Every signing service locks the dossier before its signers, as choose_mode, start_round and the
life-cycle's transitions do: with two orders, a signature meeting a change of mode or a reopening
deadlocks on PostgreSQL (one holds the signer and waits for the dossier, the other the reverse).

Read from the SQL each service sends (`SELECT … FOR UPDATE OF "table"`): needs PostgreSQL, where
row locks exist; skipped on SQLite, which sends no FOR UPDATE.
"""

import re
from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cactus.core.tests.test_concurrency import postgresql_only
from cactus.dossiers.models import Dossier
from cactus.signatures import reminders, services
from cactus.signatures.models import Signer, SigningMode, SigningRound
from cactus.signatures.tests.helpers import checker, last_code, last_link

pytestmark = [postgresql_only, pytest.mark.django_db]

DOSSIER, SIGNER, ROUND = Dossier._meta.db_table, Signer._meta.db_table, SigningRound._meta.db_table
LOCKED_TABLE = re.compile(r'FOR UPDATE OF "?(\w+)"?|FROM "(\w+)".*FOR UPDATE', re.S)


def locked_tables(queries) -> list[str]:
    """The table each `SELECT … FOR UPDATE` of the captured queries locks, in order."""
    tables = []
    for query in queries:
        if "FOR UPDATE" in query["sql"]:
            match = LOCKED_TABLE.search(query["sql"])
            tables.append(match.group(1) or match.group(2))
    return tables


def assert_dossier_first(queries) -> None:
    tables = locked_tables(queries)
    assert tables, "the service locked nothing"
    assert tables[0] == DOSSIER, tables
    for table in (SIGNER, ROUND):
        if table in tables:
            assert tables.index(DOSSIER) < tables.index(table), tables


def first_signer(dossier) -> Signer:
    return services.current_round(dossier).signers.order_by("position").first()


def test_asking_for_a_code_locks_the_dossier_then_the_signer(signing_dossier):
    signer = first_signer(signing_dossier)
    with CaptureQueriesContext(connection) as captured:
        services.send_code(signer=signer)
    assert_dossier_first(captured.captured_queries)


def test_signing_locks_the_dossier_then_the_signer(signing_dossier, django_capture_on_commit_callbacks):
    signer = first_signer(signing_dossier)
    token = last_link(signer.email)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_code(signer=signer)
    with CaptureQueriesContext(connection) as captured:
        services.sign(
            token=token, code=last_code(signer.email), consent=True, ip="203.0.113.7", user_agent="x"
        )
    assert_dossier_first(captured.captured_queries)
    assert Signer.objects.get(pk=signer.pk).signed_at is not None


def test_a_wrong_code_locks_the_dossier_then_the_signer(signing_dossier):
    signer = first_signer(signing_dossier)
    token = last_link(signer.email)
    services.send_code(signer=signer)
    with CaptureQueriesContext(connection) as captured, pytest.raises(services.SigningError):
        services.sign(token=token, code="000000x", consent=True, ip="203.0.113.7", user_agent="x")
    assert_dossier_first(captured.captured_queries)


def test_refusing_locks_the_dossier_then_the_signer(signing_dossier):
    signer = first_signer(signing_dossier)
    token = last_link(signer.email)
    with CaptureQueriesContext(connection) as captured:
        services.refuse(token=token, comment="Mon nom est mal écrit", ip="203.0.113.7", user_agent="x")
    assert_dossier_first(captured.captured_queries)


def test_a_new_link_from_the_cfa_locks_the_dossier_then_the_signer(signing_dossier):
    with CaptureQueriesContext(connection) as captured:
        services.resend_link(dossier=signing_dossier, by=checker())
    assert_dossier_first(captured.captured_queries)


def test_cancelling_the_rounds_locks_the_dossier_before_writing_rounds_and_signers(signing_dossier):
    with CaptureQueriesContext(connection) as captured:
        services.cancel_rounds(dossier=signing_dossier, reason="Dossier revenu en « Saisie en cours »")
    assert_dossier_first(captured.captured_queries)


def test_switching_to_paper_locks_the_dossier_then_cancels_the_signers(signing_dossier):
    with CaptureQueriesContext(connection) as captured:
        services.choose_mode(
            dossier=signing_dossier, mode=SigningMode.PAPER, by=signing_dossier.employer_contact
        )
    assert_dossier_first(captured.captured_queries)


def test_a_reminder_locks_the_dossier_then_the_signer(signing_dossier):
    signer = first_signer(signing_dossier)
    with time_machine.travel(date(2100, 1, 4)), CaptureQueriesContext(connection) as captured:
        assert reminders._remind(signer.pk)
    assert_dossier_first(captured.captured_queries)
