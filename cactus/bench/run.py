"""The bench's steps, its table on stdout and var/bench/latest.json.

A step that cannot run because the feature is not in this build is printed as "not available
yet"; any other failure is printed with its traceback and makes the bench exit with 1.
"""

import json
import os
import platform
import sys
import time
import traceback
from datetime import UTC, datetime

from django.conf import settings
from django.core.management import call_command
from django.db import connection

from cactus.bench import data, deposit, documents, load, pages, queries

RESULTS_PATH = settings.VAR_DIR / "bench" / "latest.json"
TARGET_RATIO = 0.5  # pages (b)-(e) at half the trivial view's throughput or better
TARGET_CERFA_TO_CANVAS = 2.0


class Bench:
    def __init__(
        self,
        *,
        environment: dict[str, str],
        sizes: list[int],
        page_keys: str = "abcde",
        documents: bool = True,
    ):
        self.page_keys = page_keys
        self.documents = documents
        self.environment = environment
        self.sizes = sizes
        self.failures: list[dict] = []
        self.results: dict = {
            "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
            "database": database_description(),
            "load": {
                "server": f"gunicorn, {load.WORKERS} workers, DEBUG off",
                "client": (
                    f"wrk -t1 -c{load.CONNECTIONS} -d{load.DURATION} after a {load.WARM_UP} warm-up; "
                    f"(a) again for {load.REFERENCE_DURATION} after each page"
                ),
            },
            "sizes": {},
            "queries": {},
            "documents": None,
            "bulk": None,
            "bulk_official": None,
            "deposit": None,
            "failures": self.failures,
        }

    def run(self) -> int:
        started = time.perf_counter()
        say(f"Cactus bench on {self.results['database']['label']}, {os.cpu_count()} CPUs")
        with self.step("prepare the database"):
            call_command("migrate", verbosity=0, interactive=False)
            call_command("createcachetable", verbosity=0)
            call_command("collectstatic", verbosity=0, interactive=False)
        if not self.failures:
            for size in self.sizes:
                self.measure_size(size)
            self.compare_queries()
            if self.documents:
                self.measure_documents()
            else:
                skipped = {"status": "skipped", "reason": "--no-documents"}
                self.results["documents"] = self.results["bulk"] = self.results["bulk_official"] = skipped
                self.results["deposit"] = skipped
        self.results["seconds"] = round(time.perf_counter() - started, 1)
        RESULTS_PATH.parent.mkdir(parents=True, exist_ok=True)
        RESULTS_PATH.write_text(json.dumps(self.results, indent=2, ensure_ascii=False) + "\n")
        print_table(self.results)
        say(f"Figures written to {RESULTS_PATH} ({self.results['seconds']} s).")
        if self.failures:
            say(
                f"FAILED: {len(self.failures)} step(s) could not run: "
                + "; ".join(f["step"] for f in self.failures)
            )
            return 1
        return 0

    def step(self, name: str):
        return Step(self, name)

    def measure_size(self, size: int) -> None:
        result = self.results["sizes"][str(size)] = {"pages": {}}
        with self.step(f"generate {size} dossiers"):
            progress = ProgressLine("dossiers") if sys.stderr.isatty() else None
            generated = data.generate(size, progress=progress.show if progress else None)
            if progress:
                progress.close()
            result["generation"] = {
                "created": generated.created,
                "seconds": round(generated.seconds, 2),
                "dossiers_per_second": round(generated.rate),
            }
            say(
                f"{size:>9,} dossiers: {generated.created:,} created in {generated.seconds:.1f} s "
                f"({generated.rate:,.0f} dossiers/s)"
            )
        if "generation" not in result:
            return
        with self.step(f"find the pages at {size}"):
            scene = pages.find_scene()
            page_list = [page for page in pages.build_pages(scene) if page.key in self.page_keys]
        if any(f["step"] == f"find the pages at {size}" for f in self.failures):
            return
        for page in page_list:
            entry = result["pages"][page.key] = {
                "label": page.label,
                "method": page.method,
                "path": page.path,
            }
            with self.step(f"({page.key}) queries at {size}"):
                entry["queries"] = queries.count_queries(page)
        version = scene.dossier.version
        with (
            self.step(f"start gunicorn at {size}"),
            load.Server(self.environment, RESULTS_PATH.parent / "gunicorn.log") as server,
        ):
            self.load_pages(size, server, page_list, result["pages"])
        scene.dossier.refresh_from_db()
        if scene.dossier.version != version:
            self.fail(
                f"(d) at {size}",
                RuntimeError(
                    f"The unchanged POST bumped the dossier's version ({version} -> {scene.dossier.version})."
                ),
            )

    def load_pages(self, size: int, server, page_list: list[pages.Page], entries: dict) -> None:
        """(a), then each page followed by (a) again; a page's ratio is to the mean of the (a) runs around it."""
        trivial, *others = page_list
        with self.step(f"(a) load at {size}"):
            measured = load.measure(server, trivial)
            entries["a"] |= figures(measured) | {"ratio_to_a": 1.0}
            say(f"  (a) {measured.requests_per_second:8.1f} req/s  {trivial.label}")
        if "requests_per_second" not in entries["a"]:
            return
        references = [measured.requests_per_second]
        for page in others:
            with self.step(f"({page.key}) load at {size}"):
                measured = load.measure(server, page)
                after = load.measure(
                    server, trivial, warm_up=load.REFERENCE_WARM_UP, duration=load.REFERENCE_DURATION
                ).requests_per_second
                reference = (references[-1] + after) / 2
                references.append(after)
                entries[page.key] |= figures(measured) | {
                    "trivial_requests_per_second": round(reference, 1),
                    "ratio_to_a": round(measured.requests_per_second / reference, 2),
                }
                say(
                    f"  ({page.key}) {measured.requests_per_second:8.1f} req/s  {page.label} "
                    f"(trivial view around it: {reference:.1f} req/s)"
                )
        entries["a"]["reference_runs"] = [round(value, 1) for value in references]

    def compare_queries(self) -> None:
        for size, result in self.results["sizes"].items():
            for key, entry in result["pages"].items():
                if "queries" in entry:
                    self.results["queries"].setdefault(key, {"label": entry["label"]})[size] = entry[
                        "queries"
                    ]
        for counts in self.results["queries"].values():
            values = {value for name, value in counts.items() if name != "label"}
            counts["constant"] = len(values) == 1

    def measure_documents(self) -> None:
        for key, step, measure in [
            ("documents", "documents", documents.measure_documents),
            ("bulk", "bulk CERFA ZIP", documents.measure_bulk),
            ("bulk_official", "bulk official CERFA ZIP", documents.measure_bulk_official),
            ("deposit", "OPCO deposit", deposit.measure_deposit),
        ]:
            with self.step(step):
                try:
                    self.results[key] = measure()
                except documents.FeatureAbsent as absent:
                    self.results[key] = {"status": "not available yet", "reason": str(absent)}
                    say(f"{step}: not available yet ({absent})")

    def fail(self, step: str, error: BaseException) -> None:
        self.failures.append({"step": step, "error": f"{type(error).__name__}: {error}"})
        print(f"\nFAILED: {step}: {error}", file=sys.stderr)
        traceback.print_exception(error, file=sys.stderr)


class Step:
    """Records a failure and lets the bench go on with the next step."""

    def __init__(self, bench: Bench, name: str):
        self.bench, self.name = bench, name

    def __enter__(self):
        return self

    def __exit__(self, kind, error, tb):
        if error is None:
            return False
        if isinstance(error, KeyboardInterrupt):
            return False
        self.bench.fail(self.name, error)
        return True


def figures(measured: load.LoadResult) -> dict:
    return {
        "requests_per_second": round(measured.requests_per_second, 1),
        "p50_ms": round(measured.p50_ms, 2),
        "p99_ms": round(measured.p99_ms, 2),
        "requests": measured.requests,
        "timeouts": measured.timeouts,
    }


def database_description() -> dict:
    vendor = connection.vendor
    name = settings.DATABASES["default"]["NAME"]
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
        label = f"PostgreSQL {version} (database {name})"
    else:
        label = f"SQLite (file {name}; set DATABASE_URL=postgres://... for PostgreSQL)"
    return {"vendor": vendor, "name": str(name), "label": label}


class ProgressLine:
    def __init__(self, unit: str):
        self.unit = unit

    def show(self, done: int, total: int) -> None:
        sys.stderr.write(f"\r  {done:,}/{total:,} {self.unit}")
        sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\n")


def print_deposit(results: dict) -> None:
    entry = results.get("deposit")
    if entry and "round_trip_ms" in entry:
        say(
            f"OPCO deposit (median of {entry['runs']}): JSON {entry['payload_kib']:.0f} KiB with "
            f"{entry['files']} PDFs built in {entry['payload_ms']:.1f} ms; round trip with the sandbox "
            f"(POST, job, acceptance, Envoyé à l'OPCO) {entry['round_trip_ms']:.1f} ms, {entry['queries']} queries"
        )
    elif entry:
        say(f"OPCO deposit: {entry['status']} ({entry['reason']}).")


def say(text: str) -> None:
    print(text, flush=True)


def print_table(results: dict) -> None:
    say("")
    say(f"Database: {results['database']['label']}")
    say(f"Load: {results['load']['server']}; {results['load']['client']}")
    header = f"{'page':<48} {'dossiers':>10} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'ratio/(a)':>9} {'queries':>7}"
    say(header)
    say("-" * len(header))
    for size, result in results["sizes"].items():
        for key, entry in result["pages"].items():
            ratio = entry.get("ratio_to_a")
            flag = " <50%" if ratio is not None and key != "a" and ratio < TARGET_RATIO else ""
            say(
                f"({key}) {entry['label']:<44} {int(size):>10,} {figure(entry.get('requests_per_second'), '.1f'):>8} "
                f"{figure(entry.get('p50_ms'), '.1f'):>8} {figure(entry.get('p99_ms'), '.1f'):>8} "
                f"{figure(ratio, '.2f'):>9} {figure(entry.get('queries'), 'd'):>7}{flag}"
            )
    if results["queries"]:
        say("")
        say("SQL queries by data size (must not grow):")
        for key, counts in results["queries"].items():
            by_size = ", ".join(f"{int(name):,}: {value}" for name, value in counts.items() if name.isdigit())
            say(f"  ({key}) {counts['label']:<44} {by_size}  {'constant' if counts['constant'] else 'GROWS'}")
    say("")
    document = results["documents"]
    if document is None:
        say("Documents: not measured (an earlier step failed).")
    elif "status" in document:
        say(f"Documents: {document['status']} ({document['reason']}).")
    else:
        say(
            f"Documents (median of {document['runs']}): CERFA {document['cerfa_ms']:.1f} ms "
            f"({document['cerfa_strings']} strings, {document['cerfa_pages']} pages), "
            f"convention {document['convention_ms']:.1f} ms"
        )
        say(
            f"  bare canvas, same strings and pages: {document['bare_canvas_ms']:.1f} ms in "
            f"{document['bare_canvas_font']} (CERFA/canvas {document['cerfa_to_canvas']:.1f}x"
            + (", target <= 2x missed" if document["cerfa_to_canvas"] > TARGET_CERFA_TO_CANVAS else "")
            + f"), {document['bare_canvas_helvetica_ms']:.1f} ms in Helvetica "
            f"({document['cerfa_to_helvetica_canvas']:.1f}x)"
        )
        if "official_ms" in document:
            say(
                f"  official form mode ({document['official_blank']} filled and flattened): "
                f"{document['official_ms']:.1f} ms ({document['official_to_canvas']:.1f}x the canvas)"
            )
    for key, label in (("bulk", "Bulk"), ("bulk_official", "Bulk, official form mode")):
        bulk = results.get(key)
        if bulk and "seconds" in bulk:
            say(
                f"{label}: {bulk['count']} CERFA into a ZIP in {bulk['seconds']:.1f} s "
                f"({bulk['per_document_ms']:.1f} ms each)"
            )
        elif bulk:
            say(f"{label}: {bulk['status']} ({bulk['reason']}).")
    print_deposit(results)


def figure(value, spec: str) -> str:
    return "-" if value is None else format(value, spec).replace(",", " ")
