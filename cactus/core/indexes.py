"""Indexes that migrations build CONCURRENTLY on PostgreSQL (the table stays writable meanwhile).

A concurrent build that fails halfway (a deadlock, a cancelled deploy, a lack of disk) leaves an
INVALID index under the new name. On the next `migrate`, `CREATE INDEX CONCURRENTLY IF NOT EXISTS`
would skip it, the migration would then drop the old index, and the lists would be left with an
index PostgreSQL never uses. So: `drop_invalid` removes such a leftover before the build, and
`ensure_valid` stops the migration, before the old index is dropped, when the new one is not valid.
Both do nothing on other databases.
"""

VALIDITY = """
    SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    WHERE c.relname = %s AND pg_table_is_visible(c.oid)
"""


def _validity(schema_editor, name: str) -> bool | None:
    """True (valid), False (invalid leftover) or None (no such index)."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(VALIDITY, [name])
        row = cursor.fetchone()
    return None if row is None else bool(row[0])


def drop_invalid(schema_editor, name: str) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    if _validity(schema_editor, name) is False:
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {schema_editor.quote_name(name)}")


def ensure_valid(schema_editor, name: str) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    if not _validity(schema_editor, name):
        raise RuntimeError(
            f"The index {name} was not built (or is invalid): run `migrate` again; the old index is kept."
        )
