"""Profile one bench page in-process with pyinstrument: `python -m cactus.bench.profile b [--requests 50]`.

Uses the bench database as the last `make bench` left it (run it first, or with --keep-data).
"""

import argparse
import os
import sys

from cactus.bench.environment import bench_database_url, server_environment


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cactus.bench.profile", description=__doc__.splitlines()[0]
    )
    parser.add_argument("page", choices=list("abcdef"), help="the page's letter in the bench table")
    parser.add_argument("--requests", type=int, default=50, help="requests to profile (after 5 to warm up)")
    args = parser.parse_args(argv)
    os.environ.update(server_environment(bench_database_url()))

    import django

    django.setup()
    from django.test import Client
    from pyinstrument import Profiler

    from cactus.bench import pages, queries

    page = {page.key: page for page in pages.build_pages(pages.find_scene())}[args.page]
    client = Client()
    if page.user is not None:
        client.force_login(page.user)
    for _ in range(5):
        queries.request(client, page)
    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(args.requests):
            queries.request(client, page)
    print(f"({page.key}) {page.method} {page.path}: {args.requests} requests")
    print(profiler.output_text(unicode=True, color=sys.stdout.isatty()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
