"""A concurrent index build that failed leaves an INVALID index: the next `migrate` must rebuild it,
not skip it and drop the old one (migrations dossiers 0012-0014, `cactus.core.indexes`)."""

import pytest
from django.db import connection

from cactus.core import indexes

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="CREATE INDEX CONCURRENTLY: PostgreSQL only"
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def table_with_duplicates():
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE index_leftover_test (value integer)")
        cursor.execute("INSERT INTO index_leftover_test VALUES (1), (1)")
    yield
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS index_leftover_test")


def validity(name):
    with connection.cursor() as cursor:
        cursor.execute(indexes.VALIDITY, [name])
        row = cursor.fetchone()
    return None if row is None else row[0]


def test_a_failed_concurrent_build_is_dropped_and_rebuilt_not_skipped(table_with_duplicates):
    with connection.cursor() as cursor, pytest.raises(Exception, match="could not create unique index"):
        # Duplicates make the concurrent build fail after it created the index: left INVALID.
        cursor.execute("CREATE UNIQUE INDEX CONCURRENTLY leftover_idx ON index_leftover_test (value)")
    assert validity("leftover_idx") is False

    with connection.schema_editor(atomic=False) as editor:
        with pytest.raises(RuntimeError, match="leftover_idx"):
            # What the migrations did before: IF NOT EXISTS skips the invalid index.
            editor.execute(
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS leftover_idx ON index_leftover_test (value)"
            )
            indexes.ensure_valid(editor, "leftover_idx")

        indexes.drop_invalid(editor, "leftover_idx")
        assert validity("leftover_idx") is None
        editor.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS leftover_idx ON index_leftover_test (value)")
        indexes.ensure_valid(editor, "leftover_idx")
    assert validity("leftover_idx") is True


def test_a_valid_index_is_left_alone(table_with_duplicates):
    with connection.schema_editor(atomic=False) as editor:
        editor.execute("CREATE INDEX CONCURRENTLY valid_idx ON index_leftover_test (value)")
        indexes.drop_invalid(editor, "valid_idx")
        indexes.ensure_valid(editor, "valid_idx")
    assert validity("valid_idx") is True
