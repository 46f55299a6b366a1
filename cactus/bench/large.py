"""`make bench-large`: the back office's pages at 10^6 dossiers, in-process, p50/p99 and SQL queries.

`python -m cactus.bench --large` grows the bench data to 10^6 dossiers once, in a database of its
own (`cactus_bench_large`) kept between runs, then times each page with Django's test client in
this process (no network, no server: what the page itself costs), as the issue's "today" table
was measured. The target is p99 < 50 ms for every back-office page, queries constant in N.
"""

import gc
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from cactus.bench import data, pages
from cactus.dossiers import back_office, keyset
from cactus.dossiers.models import Dossier

TARGET_P99_MS = 50.0
DEEP_PAGE = 2000  # the "page 2000": reached by its keyset cursor, not by an offset
PAGE_SIZE = 50


@dataclass
class Timing:
    key: str
    label: str
    path: str
    queries: int = 0
    times_ms: list[float] = field(default_factory=list)
    sql_ms: list[float] = field(default_factory=list)

    @property
    def p50(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def p99(self) -> float:
        ordered = sorted(self.times_ms)
        return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]

    def as_dict(self) -> dict:
        return {
            "label": self.label,
            "path": self.path,
            "queries": self.queries,
            "runs": len(self.times_ms),
            "p50_ms": round(self.p50, 2),
            "p99_ms": round(self.p99, 2),
            "max_ms": round(max(self.times_ms), 2),
            "sql_p50_ms": round(statistics.median(self.sql_ms), 2),
        }


def back_office_pages(scene: pages.Scene) -> list[tuple[str, str, str]]:
    """(key, label, path) of every page measured; the dashboard's when the workspace app is there."""
    office = reverse("dossiers:back_office")
    dossier = scene.dossier
    siret = (
        Dossier.objects.filter(employer_contact=scene.contact)
        .exclude(siret="")
        .values_list("siret", flat=True)
    ).first()
    found = [
        ("a", "/sante/ (trivial view, the machine's reference)", reverse("core:health")),
        ("b", "Vos dossiers (contact, 50 dossiers)", reverse("dossiers:list")),
        (
            "c",
            "a tab page (Données de base)",
            reverse("dossiers:tab", kwargs={"pk": dossier.pk, "tab": "base"}),
        ),
        ("bo1", "back office, all dossiers, page 1", office),
        ("bo2000", f"back office, page {DEEP_PAGE} (keyset cursor)", f"{office}?curseur={deep_cursor()}"),
        (
            "bof",
            "back office, filtered by formation and state",
            f"{office}?{urlencode({'formation': dossier.formation_id, 'status': 'validation_requested'})}",
        ),
        ("bon", "back office, search by name (Lefèvre)", f"{office}?{urlencode({'q': 'Lefèvre'})}"),
        ("bos", "back office, search by SIRET", f"{office}?{urlencode({'q': siret})}"),
        ("boe", "back office, search by e-mail", f"{office}?{urlencode({'q': data.BUSY_CONTACT_EMAIL})}"),
        ("bol", "queue « En retard pour l'OPCO »", f"{office}?queue=late"),
    ]
    dashboard = dashboard_path()
    if dashboard:
        found.append(("dash", "dashboard (workspace)", dashboard))
    return found


def dashboard_path() -> str | None:
    """The hook for the workspace app's dashboard (issue 15, part 2): measured once it exists."""
    if not apps.is_installed("cactus.workspace"):
        return None
    for name in ("workspace:dashboard", "workspace:home"):
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


def deep_cursor() -> str:
    """The cursor of page DEEP_PAGE of the unfiltered list (or of its last page if fewer)."""
    total = Dossier.objects.count()
    # The row just before the page's first one (an OFFSET once here, to find it; never in the page).
    position = max(0, min((DEEP_PAGE - 1) * PAGE_SIZE, total - PAGE_SIZE) - 1)
    ordering = keyset.with_tiebreaker(back_office.DEFAULT_ORDERING)
    fields = [name.lstrip("-") for name in ordering]
    row = Dossier.objects.order_by(*ordering).values_list(*fields)[position]
    return keyset.cursor_after(row, ordering)


def measure(key: str, label: str, path: str, user, *, runs: int, warm_up: int = 3) -> Timing:
    client = Client()
    client.force_login(user)
    timing = Timing(key, label, path)
    for _ in range(warm_up):  # the session's first request records the RGPD consent; the caches fill
        check(client.get(path), path)
    with CaptureQueriesContext(connection) as captured:
        check(client.get(path), path)
    timing.queries = len(captured)
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            timing.times_ms.append((time.perf_counter() - started) * 1000)
        timing.sql_ms.append(sum(float(query["time"]) for query in captured.captured_queries) * 1000)
        check(response, path)
    return timing


def load_average() -> str:
    """The machine's load (1, 5, 15 minutes): the figures are in-process timings on a shared machine."""
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:  # not on every platform
        return "?"


def check(response, path: str) -> None:
    if response.status_code != 200:
        raise RuntimeError(f"GET {path} answered {response.status_code}, not 200.")


def queue_counts_miss_ms(runs: int = 3) -> float:
    """The back office's queue counts once their one-minute cache has expired (a scan of the file)."""
    today = timezone.localdate()
    times = []
    for _ in range(runs):
        cache.delete(back_office.queue_counts_cache_key(today, "staff"))
        started = time.perf_counter()
        back_office.queue_counts(Dossier.objects.all(), today, scope="staff")
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def dashboard_miss_ms(runs: int = 1) -> float | None:
    """The dashboard's numbers for CFA staff, unfiltered, once their 10-minute cache has expired."""
    if not dashboard_path():
        return None
    from cactus.workspace import selectors

    today = timezone.localdate()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        for compute in selectors.CHARTS.values():
            compute(Dossier.objects.order_by(), today)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def run(size: int, *, runs: int, only: list[str] | None = None) -> dict:
    """Time every page (or the `only` ones, /sante/ always), then the caches' misses (not with `only`)."""
    scene = pages.find_scene()
    # As cactus/wsgi.py does in each worker: start-up's objects out of the garbage collector's walks.
    gc.collect()
    gc.freeze()
    timings = []
    print(f"  load average before: {load_average()}", flush=True)
    for key, label, path in back_office_pages(scene):
        if only and key != "a" and key not in only:
            continue
        user = scene.contact if key in ("a", "b", "c") else scene.advisor
        timing = measure(key, label, path, user, runs=runs)
        timings.append(timing)
        flag = "" if key in ("a", "b", "c") or timing.p99 < TARGET_P99_MS else "  > 50 ms"
        print(
            f"  {label:<48} p50 {timing.p50:7.1f} ms  p99 {timing.p99:7.1f} ms  "
            f"SQL p50 {statistics.median(timing.sql_ms):6.1f} ms  {timing.queries:3d} queries{flag}",
            flush=True,
        )
    if not dashboard_path():
        print("  dashboard (workspace): not available yet", flush=True)
    load = load_average()
    print(f"  load average after: {load}", flush=True)
    if only:
        return {
            "size": size,
            "runs": runs,
            "load_average": load,
            "pages": {timing.key: timing.as_dict() for timing in timings},
        }
    miss = queue_counts_miss_ms()
    print(f"  queue counts, cache expired (once a minute per scope): {miss:.0f} ms", flush=True)
    charts_miss = dashboard_miss_ms()
    if charts_miss is not None:
        print(
            "  dashboard numbers computed (by the refresh task or warm_dashboard; on a page view only"
            f" at a cold start): {charts_miss:.0f} ms",
            flush=True,
        )
    return {
        "size": size,
        "runs": runs,
        "load_average": load,
        "pages": {timing.key: timing.as_dict() for timing in timings},
        "queue_counts_cache_miss_ms": round(miss, 1),
        "dashboard_cache_miss_ms": round(charts_miss, 1) if charts_miss is not None else None,
    }


def print_table(result: dict, out=sys.stdout) -> None:
    size = result["size"]
    print(
        f"\n| page ({size:,} dossiers, {result['runs']} requests) | p50 ms | p99 ms | SQL p50 ms | queries |",
        file=out,
    )
    print("|---|---|---|---|---|", file=out)
    for entry in result["pages"].values():
        print(
            f"| {entry['label']} | {entry['p50_ms']:.1f} | {entry['p99_ms']:.1f} | {entry['sql_p50_ms']:.1f} "
            f"| {entry['queries']} |",
            file=out,
        )


def run_large(sizes: list[int], *, runs: int, only: list[str] | None = None) -> int:
    """Prepare the kept database, grow it to each size and measure; figures in var/bench/large.json."""
    import json

    from django.conf import settings
    from django.core.management import call_command

    from cactus.bench.run import ProgressLine, database_description

    description = database_description()
    print(f"Cactus bench --large on {description['label']}", flush=True)
    if description["vendor"] != "postgresql":
        print(
            "  (SQLite: no trigram index, no estimate; the figures that matter are PostgreSQL's)", flush=True
        )
    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)  # DEBUG off: the manifest storage
    results = {"database": description, "sizes": {}}
    for size in sizes:
        progress = ProgressLine("dossiers") if sys.stderr.isatty() else None
        generated = data.generate(size, progress=progress.show if progress else None)
        if progress:
            progress.close()
        print(
            f"{size:>9,} dossiers: {generated.created:,} created in {generated.seconds:.1f} s "
            f"({generated.rate:,.0f} dossiers/s)",
            flush=True,
        )
        result = run(size, runs=runs, only=only)
        result["generation"] = {"created": generated.created, "seconds": round(generated.seconds, 1)}
        results["sizes"][str(size)] = result
        print_table(result)
    path = settings.VAR_DIR / "bench" / "large.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"\nFigures written to {path}.", flush=True)
    return 0
