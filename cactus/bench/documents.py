"""Document rendering times: the CERFA and the convention, against a bare ReportLab canvas."""

import io
import re
import statistics
import sys
import time
import zipfile
from collections.abc import Callable
from contextlib import contextmanager
from importlib import import_module

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from cactus.dossiers.models import ContractScheme, Dossier, EntryMode

RENDERERS = "cactus.documents.renderers"
RUNS = 20
BULK_COUNT = 1000


class FeatureAbsent(Exception):
    """This build does not have the feature yet: the bench prints it and goes on."""


def renderer(kind: str) -> Callable[[Dossier], bytes]:
    """`render_dossier(dossier) -> bytes` of documents/renderers/<kind>.py; FeatureAbsent if it is not there."""
    with missing_feature():
        module = import_module(f"{RENDERERS}.{kind}")
    return module.render_dossier


@contextmanager
def missing_feature():
    """A Cactus module that is not there (e.g. the tabs' export the renderers read) is a feature this
    build lacks, not a crash; a missing third-party module stays a crash."""
    try:
        yield
    except ModuleNotFoundError as error:
        if (error.name or "").startswith("cactus."):
            raise FeatureAbsent(f"{error.name} is not in this build") from error
        raise


def cerfa_renderer(dossier: Dossier) -> Callable[[Dossier], bytes]:
    if dossier.scheme == ContractScheme.PROFESSIONALISATION:
        return renderer("cerfa_professionnalisation")
    return renderer("cerfa_apprentissage")


def documented_dossiers(*, scheme: str | None = None):
    """Dossiers whose CERFA exists: full entry, documents validated or sent to the OPCO."""
    dossiers = Dossier.objects.filter(
        entry_mode=EntryMode.FULL,
        status__in=[Dossier.Status.DOCUMENTS_VALIDATED, Dossier.Status.SENT_TO_OPCO],
        economic_validated_at__isnull=False,
    )
    if scheme:
        dossiers = dossiers.filter(scheme=scheme)
    return dossiers.select_related(
        "formation", "formation__cfa_advisor", "alternant", "employer_contact"
    ).order_by("pk")


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def text_fields(pdf: bytes) -> int:
    """How many values the document writes: filled form fields, or else text-showing operators."""
    reader = PdfReader(io.BytesIO(pdf))
    fields = reader.get_fields() or {}
    filled = [name for name, value in fields.items() if value.get("/V") not in (None, "")]
    if filled:
        return len(filled)
    operators = 0
    for page in reader.pages:
        content = page.get_contents()
        if content is not None:
            operators += len(re.findall(rb"\b(?:Tj|TJ|'|\")\s", content.get_data()))
    return operators


def bare_canvas(fields: int) -> bytes:
    """The library's own limit: one A4 page with as many short strings as the CERFA has values."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont("Helvetica", 9)
    for position in range(fields):
        page.drawString(40 + 180 * (position % 3), 800 - 12 * (position // 3 % 64), f"Valeur {position:04d}")
    page.save()
    return buffer.getvalue()


def measure_documents() -> dict:
    render_cerfa = renderer("cerfa_apprentissage")
    render_convention = renderer("convention")
    dossier = documented_dossiers(scheme=ContractScheme.APPRENTICESHIP).first()
    if dossier is None:
        raise RuntimeError("No dossier in the bench data has documents (validated, full entry).")
    with missing_feature():
        cerfa = render_cerfa(dossier)
    fields = text_fields(cerfa)
    cerfa_ms = median_ms(lambda: render_cerfa(dossier))
    canvas_ms = median_ms(lambda: bare_canvas(fields))
    return {
        "runs": RUNS,
        "dossier": dossier.pk,
        "cerfa_ms": cerfa_ms,
        "convention_ms": median_ms(lambda: render_convention(dossier)),
        "cerfa_text_fields": fields,
        "bare_canvas_ms": canvas_ms,
        "cerfa_to_canvas": cerfa_ms / canvas_ms,
    }


def measure_bulk(count: int = BULK_COUNT) -> dict:
    """A CFA's end-of-September batch: `count` CERFAs rendered into one ZIP (in memory)."""
    dossiers = list(documented_dossiers()[:count])
    if len(dossiers) < count:
        raise RuntimeError(f"Only {len(dossiers)} dossiers have a CERFA; the bulk step needs {count}.")
    progress = ProgressBar(count) if sys.stderr.isatty() else None
    buffer = io.BytesIO()
    started = time.perf_counter()
    with missing_feature(), zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for done, dossier in enumerate(dossiers, start=1):
            archive.writestr(f"cerfa-{dossier.pk}.pdf", cerfa_renderer(dossier)(dossier))
            if progress:
                progress.show(done)
    seconds = time.perf_counter() - started
    if progress:
        progress.close()
    return {
        "count": count,
        "seconds": seconds,
        "per_document_ms": seconds * 1000 / count,
        "zip_bytes": buffer.tell(),
    }


class ProgressBar:
    """A one-line bar on stderr for runs by hand (not worth a dependency)."""

    def __init__(self, total: int, width: int = 40):
        self.total, self.width = total, width

    def show(self, done: int) -> None:
        filled = self.width * done // self.total
        sys.stderr.write(f"\r  [{'#' * filled}{'.' * (self.width - filled)}] {done}/{self.total} CERFA")
        sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\n")
