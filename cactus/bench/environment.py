"""Where the bench's data lives and the settings it serves them with. Imported before Django is set up."""

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# BENCH_DATABASE in the environment names another one (several people benching on one server).
BENCH_DATABASE = os.environ.get("BENCH_DATABASE") or "cactus_bench"
# `--large` keeps 10^6 dossiers between runs: a database of its own, never dropped by `make bench`.
LARGE_DATABASE = os.environ.get("BENCH_LARGE_DATABASE") or "cactus_bench_large"


def bench_database_url(*, large: bool = False) -> str:
    """PostgreSQL when DATABASE_URL points to it (database `cactus_bench` on that server), SQLite otherwise."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(url)
        return urlunsplit(parts._replace(path=f"/{LARGE_DATABASE if large else BENCH_DATABASE}"))
    var_dir = Path(os.environ.get("CACTUS_VAR_DIR", BASE_DIR / "var"))
    return f"sqlite:///{var_dir / 'bench' / ('large.sqlite3' if large else 'bench.sqlite3')}"


def server_environment(database_url: str) -> dict[str, str]:
    """Production settings for gunicorn and for this process (the session cookies need the same key)."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DJANGO_SETTINGS_MODULE": "cactus.settings",
        "LOG_LEVEL": "ERROR",
        # The API's throttle stays on (its cache reads and writes are part of the cost), never reached.
        "API_RATE_LIMIT": "1000000/m",
    }


def fresh_database(url: str, *, keep: bool) -> None:
    if url.startswith("sqlite"):
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        if not keep:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    server = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not keep:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        if not exists or not keep:
            connection.execute(f'CREATE DATABASE "{name}"')
