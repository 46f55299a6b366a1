"""Indexes for the back office's search (name, e-mail, SIRET), on PostgreSQL only.

- `cactus_fold_name(last, first)`: "NOM PRÉNOM" upper-cased without accents; IMMUTABLE so it can
  be indexed (`unaccent` itself is only STABLE: it reads its dictionary, named here explicitly).
- trigram GIN indexes (`pg_trgm`) for `LIKE '%…%'` on that name and on the users' e-mails
  (`UPPER(email::text)`, the expression Django writes for `icontains`);
- `varchar_pattern_ops` on the SIRET for `LIKE '123…%'` (the default index cannot serve LIKE
  under a non-C collation).

Built CONCURRENTLY (hence not atomic) so a production table is not locked while they build.
Creating the extensions needs a role allowed to (a superuser, or the database owner for these
two trusted extensions since PostgreSQL 13). SQLite gets nothing here: cactus.dossiers.search
registers a Python twin of the function on each connection and scans.
"""

from cactus.core import indexes
from django.db import DatabaseError, migrations

EXTENSIONS = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE EXTENSION IF NOT EXISTS unaccent",
]
# unaccent's C function declared IMMUTABLE: the SQL wrapper below is then inlined into the queries
# and the index (no SQL-function call per row: a search rechecks thousands of rows). Declaring a C
# function needs a superuser; without one, the wrapper calls the STABLE unaccent (slower, same result).
C_UNACCENT = """
    CREATE OR REPLACE FUNCTION cactus_unaccent(regdictionary, text) RETURNS text
    LANGUAGE c IMMUTABLE PARALLEL SAFE STRICT AS '$libdir/unaccent', 'unaccent_dict'
"""
# Every name in the body is schema-qualified: pg_restore runs with an empty search_path, and the
# index on cactus_fold_name must rebuild there (a dump that does not restore is no backup).
# No `SET search_path` clause instead: it would stop PostgreSQL from inlining the function.
FOLD_NAME = """
    CREATE OR REPLACE FUNCTION cactus_fold_name(last_name text, first_name text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT pg_catalog.upper(
            {unaccent}('{schema}.unaccent'::regdictionary, last_name || ' ' || first_name)
        )
    $$
"""
INDEXES = [
    """
    CREATE INDEX CONCURRENTLY IF NOT EXISTS dossier_name_trgm ON dossiers_dossier
    USING gin (cactus_fold_name(alternant_last_name, alternant_first_name) gin_trgm_ops)
    """,
    """
    CREATE INDEX CONCURRENTLY IF NOT EXISTS dossier_siret_prefix ON dossiers_dossier
    (siret varchar_pattern_ops)
    """,
    """
    CREATE INDEX CONCURRENTLY IF NOT EXISTS user_email_trgm ON accounts_user
    USING gin (upper(email::text) gin_trgm_ops)
    """,
]
BACKWARD = [
    "DROP INDEX CONCURRENTLY IF EXISTS user_email_trgm",
    "DROP INDEX CONCURRENTLY IF EXISTS dossier_siret_prefix",
    "DROP INDEX CONCURRENTLY IF EXISTS dossier_name_trgm",
    "DROP FUNCTION IF EXISTS cactus_fold_name(text, text)",
    "DROP FUNCTION IF EXISTS cactus_unaccent(regdictionary, text)",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in EXTENSIONS:
        schema_editor.execute(statement)
    with schema_editor.connection.cursor() as cursor:  # where the extensions and functions go
        cursor.execute("SELECT current_schema()")
        [schema] = cursor.fetchone()
    schema = '"' + schema.replace('"', '""') + '"'
    unaccent = f"{schema}.cactus_unaccent"
    try:
        schema_editor.execute(C_UNACCENT)
    except DatabaseError:  # not a superuser (autocommit: nothing else is undone)
        unaccent = f"{schema}.unaccent"
    schema_editor.execute(FOLD_NAME.format(unaccent=unaccent, schema=schema))
    for statement in INDEXES:
        name = statement.split("IF NOT EXISTS")[1].split()[0]
        indexes.drop_invalid(schema_editor, name)  # a build that failed last time
        schema_editor.execute(statement)
        indexes.ensure_valid(schema_editor, name)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in BACKWARD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("accounts", "0005_remove_links_from_stored_emails"),
        ("dossiers", "0011_add_contract_versions_ruptures_and_cancellations"),
    ]

    operations = [migrations.RunPython(forward, backward)]
