"""Document rendering times: the CERFA and the convention, against a bare ReportLab canvas."""

import io
import re
import statistics
import sys
import time
import zipfile
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date
from importlib import import_module

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from cactus.dossiers.models import ContractScheme, Dossier, EntryMode

RENDERERS = "cactus.documents.renderers"
RUNS = 20
ONE_TO_ONE_TABS = ("employer", "alternant_details", "contract", "mission", "student_life")
MANY_TABS = ("mentors", "remuneration_lines")
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
    dossiers = dossiers.select_related("formation", "formation__cfa_advisor", "alternant", "employer_contact")
    # The tabs' rows in the same queries (6 fewer per CERFA), as a batch export should read them.
    present = {relation.name for relation in Dossier._meta.related_objects}
    one_to_one = [name for name in ONE_TO_ONE_TABS if name in present]
    if one_to_one:  # select_related() without names would follow every foreign key
        dossiers = dossiers.select_related(*one_to_one)
    return dossiers.prefetch_related(*(name for name in MANY_TABS if name in present)).order_by("pk")


def medians_ms(*actions: Callable[[], object], runs: int = RUNS) -> list[float]:
    """Median time of each action over `runs` rounds; a round runs every action once, in turn, so a
    change of the machine's load hits them all alike and their ratio stays fair."""
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(runs):
        for action, samples in zip(actions, times, strict=True):
            started = time.perf_counter()
            action()
            samples.append((time.perf_counter() - started) * 1000)
    return [statistics.median(samples) for samples in times]


def text_fields(pdf: bytes) -> tuple[int, int]:
    """How many strings the document draws (text-showing operators, or filled form fields), and its pages."""
    reader = PdfReader(io.BytesIO(pdf))
    fields = reader.get_fields() or {}
    filled = [name for name, value in fields.items() if value.get("/V") not in (None, "")]
    operators = 0
    for page in reader.pages:
        content = page.get_contents()
        if content is not None:
            operators += len(re.findall(rb"(?:Tj|TJ|'|\")\s", content.get_data()))
    return max(operators, len(filled)), len(reader.pages)


def bare_canvas(strings: int, pages: int, font: str = "Helvetica") -> bytes:
    """The library's own limit: as many short strings as the CERFA, on as many A4 pages, nothing else."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    per_page = -(-strings // pages)
    for position in range(strings):
        if position % per_page == 0:
            if position:
                page.showPage()
            page.setFont(font, 8)
        row = position % per_page
        page.drawString(30 + 180 * (row % 3), 810 - 10 * (row // 3 % 80), f"Valeur n° {position:04d} é")
    page.save()
    return buffer.getvalue()


def document_font() -> str | None:
    """The TrueType font the renderers embed (DejaVu), registered as they do; None if they have none."""
    with missing_feature():
        base = import_module(f"{RENDERERS}.base")
    register = getattr(base, "register_fonts", None)
    if register is None:
        return None
    register()
    return base.REGULAR


def official_filler() -> tuple[Callable[[Dossier], bytes], str]:
    """`fill(dossier) -> bytes` in "official form" mode (the apprenticeship CERFA in force), and where its
    blank comes from: the one a CFA administrator uploaded, else a synthetic AcroForm with the same fields
    (the project ships no official PDF). FeatureAbsent in a build without that mode."""
    with missing_feature():
        registry = import_module("cactus.documents.official_forms.registry")
        filling = import_module("cactus.documents.official_forms.filling")
        synthetic = import_module("cactus.documents.official_forms.synthetic")
        models = import_module("cactus.documents.models")
        export = import_module("cactus.dossiers.export")

    field_map = registry.map_in_force("apprentissage", on=date.today())
    uploaded = models.OfficialFormBlank.objects.filter(number=field_map.number).first()
    if uploaded:
        with uploaded.file.open("rb") as handle:
            blank, origin = handle.read(), f"uploaded blank n° {field_map.number}"
    else:
        blank, origin = synthetic.synthetic_blank(field_map), f"synthetic blank n° {field_map.number}"

    def fill(dossier: Dossier) -> bytes:
        return filling.fill(blank, field_map, {"dispositif": "apprentissage", **export.dossier_data(dossier)})

    return fill, origin


def measure_documents() -> dict:
    render_cerfa = renderer("cerfa_apprentissage")
    render_convention = renderer("convention")
    dossier = documented_dossiers(scheme=ContractScheme.APPRENTICESHIP).first()
    if dossier is None:
        raise RuntimeError("No dossier in the bench data has documents (validated, full entry).")
    with missing_feature():
        cerfa = render_cerfa(dossier)
    strings, pages = text_fields(cerfa)
    font = document_font() or "Helvetica"
    fill_official, blank_origin = official_filler()
    cerfa_ms, font_ms, helvetica_ms, convention_ms, official_ms = medians_ms(
        lambda: render_cerfa(dossier),
        lambda: bare_canvas(strings, pages, font),
        lambda: bare_canvas(strings, pages),
        lambda: render_convention(dossier),
        lambda: fill_official(dossier),
    )
    return {
        "official_ms": round(official_ms, 2),
        "official_blank": blank_origin,
        "official_to_canvas": round(official_ms / font_ms, 2),
        "runs": RUNS,
        "dossier": dossier.pk,
        "cerfa_ms": round(cerfa_ms, 2),
        "cerfa_strings": strings,
        "cerfa_pages": pages,
        "convention_ms": round(convention_ms, 2),
        "bare_canvas_font": font,
        "bare_canvas_ms": round(font_ms, 2),
        "bare_canvas_helvetica_ms": round(helvetica_ms, 2),
        "cerfa_to_canvas": round(cerfa_ms / font_ms, 2),
        "cerfa_to_helvetica_canvas": round(cerfa_ms / helvetica_ms, 2),
    }


def measure_bulk(count: int = BULK_COUNT) -> dict:
    """A CFA's end-of-September batch: `count` CERFAs rendered into one ZIP (in memory)."""
    return bulk_zip(lambda dossier: cerfa_renderer(dossier)(dossier), count)


def measure_bulk_official(count: int = BULK_COUNT) -> dict:
    """The same batch in "official form" mode: the uploaded (or synthetic) blank filled `count` times."""
    fill_official, origin = official_filler()
    return bulk_zip(fill_official, count, scheme=ContractScheme.APPRENTICESHIP) | {"blank": origin}


def bulk_zip(make: Callable[[Dossier], bytes], count: int, *, scheme: str | None = None) -> dict:
    # Small bench data may hold fewer: the figure is then for what there is (and says so).
    dossiers = list(documented_dossiers(scheme=scheme)[:count])
    if not dossiers:
        raise RuntimeError("No dossier in the bench data has a CERFA (validated, full entry).")
    count = len(dossiers)
    progress = ProgressBar(count) if sys.stderr.isatty() else None
    buffer = io.BytesIO()
    started = time.perf_counter()
    with missing_feature(), zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for done, dossier in enumerate(dossiers, start=1):
            archive.writestr(f"cerfa-{dossier.pk}.pdf", make(dossier))
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
