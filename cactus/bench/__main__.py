"""`make bench`: pages under load, SQL query counts and document rendering, at 10^4 and 10^5 dossiers.

Run as `python -m cactus.bench [--large] [--sizes 10000,100000] [--keep-data]`. See docs/bench.md.
"""

import argparse
import os
import secrets
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DEFAULT_SIZES = [10_000, 100_000]
LARGE_SIZE = 1_000_000
BENCH_DATABASE = "cactus_bench"


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m cactus.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--large", action="store_true", help=f"also measure at {LARGE_SIZE:,} dossiers")
    parser.add_argument(
        "--sizes", type=sizes_list, default=None, help="comma-separated data sizes (default: 10000,100000)"
    )
    parser.add_argument(
        "--keep-data", action="store_true", help="reuse the bench database instead of starting afresh"
    )
    args = parser.parse_args(argv)
    args.sizes = sorted(set((args.sizes or DEFAULT_SIZES) + ([LARGE_SIZE] if args.large else [])))
    return args


def sizes_list(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from error
    if not sizes or min(sizes) < 60:
        raise argparse.ArgumentTypeError("each size must be at least 60 dossiers")
    return sizes


def bench_database_url() -> str:
    """PostgreSQL when DATABASE_URL points to it (database `cactus_bench` on that server), SQLite otherwise."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(url)
        return urlunsplit(parts._replace(path=f"/{BENCH_DATABASE}"))
    var_dir = Path(os.environ.get("CACTUS_VAR_DIR", BASE_DIR / "var"))
    return f"sqlite:///{var_dir / 'bench' / 'bench.sqlite3'}"


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
    }


def main(argv=None) -> int:
    args = parse_args(argv)
    database_url = bench_database_url()
    environment = server_environment(database_url)
    os.environ.update(environment)
    fresh_database(database_url, keep=args.keep_data)

    import django

    django.setup()
    from cactus.bench.run import Bench

    bench = Bench(environment=environment, sizes=args.sizes)
    return bench.run()


def fresh_database(url: str, *, keep: bool) -> None:
    if url.startswith("sqlite"):
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        if not keep:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    server = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DATABASE]
        ).fetchone()
        if exists and not keep:
            connection.execute(f'DROP DATABASE "{BENCH_DATABASE}" WITH (FORCE)')
        if not exists or not keep:
            connection.execute(f'CREATE DATABASE "{BENCH_DATABASE}"')


if __name__ == "__main__":
    sys.exit(main())
