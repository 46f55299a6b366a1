"""Backups restore: ops/backup.sh then ops/restore.sh into a new database and media directory give
the same rows and byte-identical files (docs/operations.md, "Backups").

On SQLite the test database lives in memory: it is first written to a file, as a live site's
database would be, and the scripts work on that file. On PostgreSQL they run pg_dump/pg_restore
against the test database and a new database created for the occasion.
"""

import hashlib
import os
import sqlite3
import subprocess
import sys
import uuid
from datetime import date
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection

from cactus.accounts.models import RgpdConsent
from cactus.core.tests.snapshots import media_snapshot
from cactus.core.tests.world import reload_reference_data
from cactus.documents.models import Document
from cactus.dossiers import services

PROJECT_ROOT = Path(__file__).resolve().parents[3]
BACKUP = PROJECT_ROOT / "ops" / "backup.sh"
RESTORE = PROJECT_ROOT / "ops" / "restore.sh"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    reload_reference_data()


def run(script: Path, directory: Path, *, database_url: str, media_root: Path) -> subprocess.CompletedProcess:
    env = os.environ | {"DATABASE_URL": database_url, "MEDIA_ROOT": str(media_root)}
    return subprocess.run(
        ["bash", str(script), str(directory)], env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def populated(formation, formation_manager):
    """A dossier with its events, e-mails, consent and two uploaded files."""
    dossier = services.register_alternant(
        formation=formation,
        alternant_email="lea@etudiant.test",
        employer_contact_email="rh@entreprise.test",
        by=formation_manager,
    )
    services.save_base_data(
        dossier=dossier,
        data={"alternant_last_name": "Martin", "alternant_birth_date": date(2007, 3, 2)},
        by=formation_manager,
    )
    RgpdConsent.objects.create(user=dossier.alternant, version=settings.RGPD_VERSION)
    for kind, content in [
        (Document.Kind.SIGNED_CERFA, b"%PDF-1.7 cerfa signe"),
        (Document.Kind.SIGNED_CONVENTION, b"%PDF-1.7 convention"),
    ]:
        document = Document(
            dossier=dossier,
            kind=kind,
            source=Document.Source.UPLOADED,
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
        )
        document.file.save(f"{kind}.pdf", ContentFile(content), save=True)
    return dossier


def table_digests_sqlite(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as database:
        tables = [
            row[0]
            for row in database.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        return {
            table: hashlib.sha256(
                repr(database.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()).encode()
            ).hexdigest()
            for table in tables
        }


def documents_sqlite(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as database:
        return database.execute("SELECT file, sha256 FROM documents_document ORDER BY id").fetchall()


def postgres_url(name: str) -> str:
    config = connection.settings_dict
    password = f":{config['PASSWORD']}" if config.get("PASSWORD") else ""
    return f"postgres://{config['USER']}{password}@{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}/{name}"


def table_digests_postgres(url: str) -> dict[str, str]:
    with psycopg.connect(url) as database:
        tables = [
            row[0]
            for row in database.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema='public' ORDER BY table_name"
            )
        ]
        return {
            table: hashlib.sha256(
                repr(database.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()).encode()
            ).hexdigest()
            for table in tables
        }


def documents_postgres(url: str) -> list[tuple[str, str]]:
    with psycopg.connect(url) as database:
        return database.execute("SELECT file, sha256 FROM documents_document ORDER BY id").fetchall()


def assert_files_match(documents: list[tuple[str, str]], media_root: Path) -> None:
    assert documents, "the backup holds no document"
    for name, sha256 in documents:
        assert hashlib.sha256((media_root / name).read_bytes()).hexdigest() == sha256, name


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite procedure; the PostgreSQL one is tested below"
)
def test_a_sqlite_backup_restores_the_same_rows_and_files(populated, tmp_path):
    live = tmp_path / "live.sqlite3"
    with sqlite3.connect(live) as target:
        connection.ensure_connection()
        connection.connection.backup(target)
    media = Path(settings.MEDIA_ROOT)

    backup = run(BACKUP, tmp_path / "backup", database_url=f"sqlite:///{live}", media_root=media)
    assert backup.returncode == 0, backup.stderr
    restored_db, restored_media = tmp_path / "restored.sqlite3", tmp_path / "restored-media"
    restore = run(
        RESTORE, tmp_path / "backup", database_url=f"sqlite:///{restored_db}", media_root=restored_media
    )
    assert restore.returncode == 0, restore.stderr

    assert table_digests_sqlite(restored_db) == table_digests_sqlite(live)
    assert media_snapshot(restored_media) == media_snapshot(media)
    assert_files_match(documents_sqlite(restored_db), restored_media)
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--check"],
        cwd=PROJECT_ROOT,
        env={key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
        | {"DATABASE_URL": f"sqlite:///{restored_db}"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert migrate.returncode == 0, migrate.stdout + migrate.stderr


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL procedure: run with DATABASE_URL=postgres://…"
)
def test_a_postgresql_dump_restores_into_a_new_database_with_the_same_rows_and_files(populated, tmp_path):
    source = postgres_url(connection.settings_dict["NAME"])
    new_name = f"cactus_restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(postgres_url("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{new_name}"')
    target = postgres_url(new_name)
    try:
        media = Path(settings.MEDIA_ROOT)
        backup = run(BACKUP, tmp_path / "backup", database_url=source, media_root=media)
        assert backup.returncode == 0, backup.stderr
        restore = run(
            RESTORE, tmp_path / "backup", database_url=target, media_root=tmp_path / "restored-media"
        )
        assert restore.returncode == 0, restore.stderr

        assert table_digests_postgres(target) == table_digests_postgres(source)
        assert media_snapshot(tmp_path / "restored-media") == media_snapshot(media)
        assert_files_match(documents_postgres(target), tmp_path / "restored-media")
    finally:
        with psycopg.connect(postgres_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{new_name}"')


def test_a_tampered_backup_is_refused_before_anything_is_restored(populated, tmp_path):
    live = tmp_path / "live.sqlite3"
    with sqlite3.connect(live) as database:
        database.execute("CREATE TABLE t (x)")
    backup = run(
        BACKUP, tmp_path / "backup", database_url=f"sqlite:///{live}", media_root=Path(settings.MEDIA_ROOT)
    )
    assert backup.returncode == 0, backup.stderr
    with open(tmp_path / "backup" / "media.tar.gz", "ab") as archive:
        archive.write(b"altered")

    restore = run(
        RESTORE,
        tmp_path / "backup",
        database_url=f"sqlite:///{tmp_path / 'new.sqlite3'}",
        media_root=tmp_path / "new-media",
    )

    assert restore.returncode != 0
    assert "FAILED" in restore.stdout + restore.stderr
    assert not (tmp_path / "new.sqlite3").exists()


def test_restoring_over_existing_media_is_refused(populated, tmp_path):
    live = tmp_path / "live.sqlite3"
    with sqlite3.connect(live) as database:
        database.execute("CREATE TABLE t (x)")
    run(BACKUP, tmp_path / "backup", database_url=f"sqlite:///{live}", media_root=Path(settings.MEDIA_ROOT))

    restore = run(
        RESTORE,
        tmp_path / "backup",
        database_url=f"sqlite:///{tmp_path / 'new.sqlite3'}",
        media_root=Path(settings.MEDIA_ROOT),
    )

    assert restore.returncode == 2
    assert "is not empty" in restore.stderr


def test_a_backup_is_readable_by_its_owner_only(populated, tmp_path):
    # It holds NIRs, salaries and signed scans: other accounts on the server must not read it.
    live = tmp_path / "live.sqlite3"
    with sqlite3.connect(live) as target:
        connection.ensure_connection()
        connection.connection.backup(target)
    old_umask = os.umask(0o022)  # the usual default, which the script must not rely on
    try:
        backup = run(
            BACKUP,
            tmp_path / "backup",
            database_url=f"sqlite:///{live}",
            media_root=Path(settings.MEDIA_ROOT),
        )
    finally:
        os.umask(old_umask)
    assert backup.returncode == 0, backup.stderr

    assert (tmp_path / "backup").stat().st_mode & 0o077 == 0
    written = sorted((tmp_path / "backup").iterdir())
    assert [path.name for path in written] == ["SHA256SUMS", "database.sqlite3", "media.tar.gz"]
    for path in written:
        assert path.stat().st_mode & 0o077 == 0, f"{path.name} is {oct(path.stat().st_mode & 0o777)}"
