"""PostgreSQL: grow the bench data past SEED dossiers by copying them in SQL, not row by row in Python.

Python makes the first SEED dossiers (data.generate: every state, tab rows, events, the busy
contact). Beyond, each round copies up to as many generated dossiers as there are, with their
alternant, their contact alternance, their tab rows and their events, in one INSERT … SELECT per
table: the server does the work (about 10^5 dossiers, 1.2 million rows, per few seconds) instead
of Python building and sending every row. The copies are new people: alternant-N and contact-N
numbers continue where the data stops, the SIRET changes establishment (NIC) with a valid Luhn
key, and the formation is spread over all the bench formations. Names, states and dates are the
originals', so the distributions do not change.
"""

from django.apps import apps
from django.db import DatabaseError, connection, transaction

from cactus.accounts.models import User
from cactus.bench import tab_data
from cactus.dossiers.models import Dossier, DossierEvent

SEED = 20_000
DROPPED_TABLE = "bench_dropped_indexes"
DROP_INDEXES_FROM = 100_000  # dossiers to copy: below, updating the indexes row by row is cheaper


def _luhn_digit(digits: str, length: int) -> str:
    """SQL: the Luhn check digit of the SQL text `digits` of `length` digits, unrolled (no loop per row)."""
    terms = []
    for position in range(1, length + 1):
        digit = f"substring({digits}, {position}, 1)::int"
        # Counting from the right of the number without its key, the 1st, 3rd… digits are doubled.
        terms.append(f"({digit} * 2 - 9 * ({digit} >= 5)::int)" if (length - position) % 2 == 0 else digit)
    return f"((10 - ({' + '.join(terms)}) % 10) % 10)::text"


def _number(expression: str, width: int) -> str:
    """SQL: the number zero-padded to `width` digits (never cut, as lpad would)."""
    return f"lpad(({expression})::text, greatest({width}, length(({expression})::text)), '0')"


def grow(
    count: int, *, alternant_domain: str, contact_domain: str, formation_prefix: str, progress=None
) -> None:
    """Copy generated dossiers until there are `count` (PostgreSQL only)."""
    with connection.cursor() as cursor:
        # A bench database: losing the last commits in a crash is fine, waiting for each fsync is not.
        cursor.execute("SET synchronous_commit = off")
        cursor.execute("SET maintenance_work_mem = '256MB'")
        replica = _skip_foreign_key_checks(cursor)
        _restore_indexes(cursor)  # left dropped by an interrupted run
        _drop_indexes(cursor, count)
        try:
            _grow(cursor, count, alternant_domain, contact_domain, formation_prefix, progress)
        finally:
            _restore_indexes(cursor)
            if replica:
                cursor.execute("SET session_replication_role = DEFAULT")


def _skip_foreign_key_checks(cursor) -> bool:
    """Django's foreign keys are DEFERRABLE INITIALLY DEFERRED: each copied row would be checked at
    COMMIT, one lookup per row and key (minutes per million rows). The copies point at rows that
    exist by construction, so the session skips the checks (`replica` role: needs a superuser;
    without one, the copy is only slower)."""
    try:
        with transaction.atomic():
            cursor.execute("SET session_replication_role = replica")
    except DatabaseError:
        return False
    return True


def _restore_indexes(cursor) -> None:
    cursor.execute("SELECT to_regclass(%s)", [DROPPED_TABLE])
    if cursor.fetchone()[0] is None:
        return
    cursor.execute(f"SELECT name, definition FROM {DROPPED_TABLE}")
    for name, definition in cursor.fetchall():
        cursor.execute(definition.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1))
        cursor.execute(f"DELETE FROM {DROPPED_TABLE} WHERE name = %s", [name])
    cursor.execute(f"DROP TABLE {DROPPED_TABLE}")


def _drop_indexes(cursor, count: int) -> None:
    """Before a large copy, drop the copied tables' secondary indexes, their definitions kept aside.

    Building an index once over the whole table (a sort; GIN in bulk) is several times faster
    than updating it row by row. Primary keys and unique indexes stay: they are constraints.
    """
    cursor.execute("SELECT count(*) FROM dossiers_dossier")
    if count - cursor.fetchone()[0] < DROP_INDEXES_FROM:
        return
    tables = [model._meta.db_table for model in _copied_models()]
    cursor.execute(
        "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
        "WHERE NOT indisunique AND NOT indisprimary AND indrelid::regclass::text = ANY(%s)",
        [tables],
    )
    found = cursor.fetchall()
    cursor.execute(f"CREATE TABLE IF NOT EXISTS {DROPPED_TABLE} (name text PRIMARY KEY, definition text)")
    for name, definition in found:
        # Written down first (committed), so that an interrupted run gets them back (_restore_indexes).
        cursor.execute(
            f"INSERT INTO {DROPPED_TABLE} VALUES (%s, %s) ON CONFLICT DO NOTHING", [name, definition]
        )
        cursor.execute(f"DROP INDEX {name}")


def _copied_models() -> list:
    children = [apps.get_model("dossiers", name) for name in tab_data.TAB_MODELS if tab_data.is_available()]
    return [User, Dossier, *children, DossierEvent]


def _grow(cursor, count, alternant_domain, contact_domain, formation_prefix, progress) -> None:
    while True:
        cursor.execute(
            "SELECT count(*) FROM accounts_user WHERE email LIKE %s", [f"alternant-%@{alternant_domain}"]
        )
        have = cursor.fetchone()[0]
        if have >= count:
            return
        with transaction.atomic():
            _round(cursor, have, min(have, count - have), alternant_domain, contact_domain, formation_prefix)
        if progress:
            progress(have + min(have, count - have), count)


def _round(cursor, have: int, copies: int, alternant_domain: str, contact_domain: str, formation_prefix: str):
    # ON COMMIT DROP does not fire inside an outer transaction (a test's): drop them by hand too.
    cursor.execute("DROP TABLE IF EXISTS bench_dossier_map, bench_user_map, bench_formations")
    alternant_like = f"alternant-%@{alternant_domain}"
    contact_like = f"contact-%@{contact_domain}"
    cursor.execute(
        "SELECT coalesce(max(substring(email, 9, length(email) - 9 - %s)::int), -1) + 1 FROM accounts_user "
        "WHERE email LIKE %s",
        [len(contact_domain), contact_like],
    )
    contacts = cursor.fetchone()[0]
    nic_offset = max(1, have // SEED)
    cursor.execute(
        f"""
        CREATE TEMP TABLE bench_dossier_map ON COMMIT DROP AS
        SELECT d.id AS old, nextval(pg_get_serial_sequence('{Dossier._meta.db_table}', 'id')) AS new
        FROM {Dossier._meta.db_table} d JOIN accounts_user a ON a.id = d.alternant_id
        WHERE a.email LIKE %s AND substring(a.email, 11, length(a.email) - 11 - %s)::int < %s
        """,
        [alternant_like, len(alternant_domain), copies],
    )
    cursor.execute("CREATE UNIQUE INDEX ON bench_dossier_map (old)")
    alternant_number = f"substring(u.email, 11, length(u.email) - 11 - {len(alternant_domain)})::int + {have}"
    contact_number = f"substring(u.email, 9, length(u.email) - 9 - {len(contact_domain)})::int + {contacts}"
    cursor.execute(
        f"""
        CREATE TEMP TABLE bench_user_map ON COMMIT DROP AS
        SELECT u.id AS old, nextval(pg_get_serial_sequence('accounts_user', 'id')) AS new,
               CASE WHEN u.email LIKE %s
                    THEN 'alternant-' || {_number(alternant_number, 7)} || %s
                    ELSE 'contact-' || {_number(contact_number, 6)} || %s END AS email
        FROM accounts_user u
        WHERE u.id IN (
            SELECT d.alternant_id FROM {Dossier._meta.db_table} d JOIN bench_dossier_map m ON m.old = d.id
            UNION
            SELECT d.employer_contact_id FROM {Dossier._meta.db_table} d JOIN bench_dossier_map m ON m.old = d.id
            WHERE d.employer_contact_id IS NOT NULL
        )
        """,
        [alternant_like, f"@{alternant_domain}", f"@{contact_domain}"],
    )
    cursor.execute("CREATE UNIQUE INDEX ON bench_user_map (old)")
    cursor.execute(
        """
        CREATE TEMP TABLE bench_formations ON COMMIT DROP AS
        SELECT (row_number() OVER (ORDER BY id)) - 1 AS idx, id FROM formations_formation WHERE title LIKE %s
        """,
        [f"{formation_prefix}%"],
    )
    cursor.execute("SELECT count(*) FROM bench_formations")
    formations = cursor.fetchone()[0]

    _copy(cursor, User, "u", "JOIN bench_user_map m ON m.old = u.id", {"id": "m.new", "email": "m.email"})
    base = f"(substring(d.siret, 1, 9) || {_number(f'substring(d.siret, 10, 4)::int + {nic_offset}', 4)})"
    siret = f"CASE WHEN length(d.siret) = 14 THEN {base} || {_luhn_digit(base, 13)} ELSE d.siret END"
    _copy(
        cursor,
        Dossier,
        "d",
        "JOIN bench_dossier_map m ON m.old = d.id JOIN bench_user_map a ON a.old = d.alternant_id "
        "LEFT JOIN bench_user_map c ON c.old = d.employer_contact_id "
        f"JOIN bench_formations f ON f.idx = m.new % {formations}",
        {
            "id": "m.new",
            "alternant_id": "a.new",
            "employer_contact_id": "c.new",
            "formation_id": "f.id",
            "siret": siret,
        },
    )
    for model in _copied_models()[2:]:
        overrides = {"id": None, "dossier_id": "m.new"}
        joins = "JOIN bench_dossier_map m ON m.old = t.dossier_id"
        if model is DossierEvent:
            overrides["actor_id"] = "coalesce(a.new, t.actor_id)"
            joins += " LEFT JOIN bench_user_map a ON a.old = t.actor_id"
        _copy(cursor, model, "t", joins, overrides)


def _copy(cursor, model, alias: str, joins: str, overrides: dict[str, str | None]) -> None:
    """INSERT INTO model's table SELECT its columns (or the override's expression; None: left out)."""
    columns = [
        field.column for field in model._meta.concrete_fields if overrides.get(field.column, "") is not None
    ]
    expressions = [overrides.get(column) or f'{alias}."{column}"' for column in columns]
    table = model._meta.db_table
    names = ", ".join(f'"{column}"' for column in columns)
    cursor.execute(
        f"INSERT INTO {table} ({names}) SELECT {', '.join(expressions)} FROM {table} {alias} {joins}"
    )
