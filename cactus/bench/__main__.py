"""`make bench`: pages under load, SQL query counts and document rendering, at 10^4 and 10^5 dossiers.

Run as `python -m cactus.bench [--sizes 10000,100000] [--keep-data] [--pages bd]`; `--large [--sizes N]
[--runs 100] [--fresh]` is `make bench-large` (the back office in-process at 10^6); see docs/bench.md.
"""

import argparse
import os
import sys

from cactus.bench.environment import bench_database_url, fresh_database, server_environment

DEFAULT_SIZES = [10_000, 100_000]
LARGE_SIZE = 1_000_000


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m cactus.bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--large",
        action="store_true",
        help=f"the back office in-process at {LARGE_SIZE:,} dossiers (or --sizes), data kept between runs",
    )
    parser.add_argument("--fresh", action="store_true", help="with --large: drop the kept data first")
    parser.add_argument("--runs", type=int, default=100, help="with --large: timed requests per page")
    parser.add_argument(
        "--only",
        type=lambda text: [key.strip() for key in text.split(",") if key.strip()],
        default=None,
        help="with --large: the pages to time, by key (bo1,bo2000,bof,bon,bos,boe,bol,dash; the reference "
        "/sante/ always runs), without the cache-miss timings",
    )
    parser.add_argument(
        "--sizes", type=sizes_list, default=None, help="comma-separated data sizes (default: 10000,100000)"
    )
    parser.add_argument(
        "--keep-data", action="store_true", help="reuse the bench database instead of starting afresh"
    )
    parser.add_argument(
        "--pages", default="abcdef", help="the pages to measure, by letter (default: abcdef; (a) always runs)"
    )
    parser.add_argument(
        "--no-documents", action="store_true", help="skip the document renders and the 1,000-CERFA ZIP"
    )
    args = parser.parse_args(argv)
    if set(args.pages) - set("abcdef"):
        parser.error("--pages takes letters among a, b, c, d, e, f")
    if args.large:
        args.sizes = sorted(set(args.sizes or [LARGE_SIZE]))
    else:
        args.sizes = sorted(set(args.sizes or DEFAULT_SIZES))
    return args


def sizes_list(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from error
    if not sizes or min(sizes) < 60:
        raise argparse.ArgumentTypeError("each size must be at least 60 dossiers")
    return sizes


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.large:
        return main_large(args)
    database_url = bench_database_url()
    environment = server_environment(database_url)
    os.environ.update(environment)
    fresh_database(database_url, keep=args.keep_data)

    import django

    django.setup()
    from cactus.bench.run import Bench

    bench = Bench(
        environment=environment, sizes=args.sizes, page_keys="a" + args.pages, documents=not args.no_documents
    )
    return bench.run()


def main_large(args) -> int:
    """--large: grow the kept database to each size (never shrink it) and time the back office in-process."""
    database_url = bench_database_url(large=True)
    environment = server_environment(database_url)
    os.environ.update(environment)
    fresh_database(database_url, keep=not args.fresh)

    import django

    django.setup()
    from cactus.bench.large import run_large

    return run_large(args.sizes, runs=args.runs, only=args.only)


if __name__ == "__main__":
    sys.exit(main())
