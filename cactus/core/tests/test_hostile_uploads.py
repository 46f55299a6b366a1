"""Hostile uploads: every file of the generated corpus is refused with a French message, nothing is stored.

`core.uploads.read_valid_pdf` is the whole chain an upload goes through: the name, the size,
libmagic, pypdf, encryption, then cactus.core.security (active content, polyglots, page bombs)
and the optional antivirus. The corpus (hostile_pdfs.py) has over 200 files in ten families; it
is tried on the check and through the "Retour des documents" page (0 stored, 0 server error).
"""

import html
import io
import re
import socketserver
import threading
import tracemalloc

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pypdf import PdfWriter

from cactus.core import security
from cactus.core.tests import figures
from cactus.core.tests.hostile_pdfs import (
    CATALOG,
    CONTENT,
    PAGE,
    PAGES,
    REFUSED,
    active_content,
    corpus,
    good_pdf,
    object_stream_pdf,
    parse_bombs,
)
from cactus.core.tests.snapshots import media_snapshot
from cactus.core.tests.world import make_dossier_in_state
from cactus.core.uploads import read_valid_pdf
from cactus.documents.models import Document
from cactus.dossiers.models import Dossier

SIZE_LIMIT = 300_000  # small, so the "too big" family stays fast; the check reads the setting
CORPUS = corpus(SIZE_LIMIT)
FRENCH_WORDS = ("fichier", "PDF", "document", "déposez", "scannez", "renommez")


def check_upload(data: bytes, name: str) -> None:
    """The upload check itself (core.uploads.read_valid_pdf), as the forms call it."""
    read_valid_pdf(SimpleUploadedFile(name, data, content_type="application/pdf"))


def test_the_corpus_has_at_least_two_hundred_files_in_every_family():
    families = {item.family for item in CORPUS}
    assert len(CORPUS) >= 200
    assert families == {
        "not a PDF",
        "truncated",
        "active content",
        "encrypted",
        "empty",
        "too big",
        "page bomb",
        "parse bomb",
        "polyglot",
        "hostile name",
    }


@pytest.mark.parametrize("item", CORPUS, ids=[f"{item.label}:{item.name[:20]!r}" for item in CORPUS])
def test_every_hostile_file_is_refused_with_a_french_message(item, settings):
    settings.UPLOAD_MAX_PAGES = 50
    settings.UPLOAD_MAX_BYTES = SIZE_LIMIT
    figures.record("hostile uploads: tried", 1)
    if item.expected != REFUSED:
        # A hostile name on a good PDF: Django's upload handling already drops any directory
        # ("../../x.pdf" arrives as "x.pdf"); what is left must be refused or be a plain name.
        try:
            check_upload(item.data, item.name)
        except ValidationError as refusal:
            assert "renommez-le" in refusal.messages[0]
            figures.record("hostile uploads: refused", 1)
        else:
            security.check_upload_name(SimpleUploadedFile(item.name, b"").name)
            figures.record("hostile uploads: hostile name neutralised by Django, then accepted", 1)
        return
    with pytest.raises(ValidationError) as refusal:
        check_upload(item.data, item.name)
    message = refusal.value.messages[0]
    assert any(word in message for word in FRENCH_WORDS), message
    figures.record("hostile uploads: refused", 1)


@pytest.mark.parametrize("pages", [1, 2, 4, 50])
def test_plain_pdfs_of_up_to_fifty_pages_pass(pages, settings):
    settings.UPLOAD_MAX_PAGES = 50
    settings.UPLOAD_MAX_BYTES = SIZE_LIMIT
    check_upload(good_pdf(pages), "cerfa-signe.pdf")


def test_pdfs_made_by_cactus_renderers_pass(settings):
    # The CFA's own files (ReportLab CERFA, WeasyPrint convention with a link) must not be refused.
    import weasyprint
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer)
    drawing.drawString(72, 760, "Contrat d'apprentissage signé")
    drawing.showPage()
    drawing.save()
    check_upload(buffer.getvalue(), "cerfa.pdf")
    html = "<h1>Convention de formation</h1><p><a href='https://www.service-public.fr'>lien</a></p>"
    check_upload(weasyprint.HTML(string=html).write_pdf(), "convention.pdf")


def test_a_pdf_opening_on_a_page_is_not_mistaken_for_active_content():
    # /OpenAction [page /Fit] is what scanners write: a destination, not an action.
    from cactus.core.tests.hostile_pdfs import one_page_pdf

    check_upload(one_page_pdf(b"/OpenAction [3 0 R /Fit] "), "scan.pdf")


NEW_ACTIVE_VARIANTS = [
    "FileAttachment annotation carrying an executable",
    "FileAttachment annotation hidden in an object stream",
    "file specification with /EF in a link",
    "OpenAction URI",
    "OpenAction URI by reference",
    "OpenAction URI in an object stream",
    "OpenAction GoTo chained to a URI (/Next)",
    "OpenAction Rendition",
    "page additional action in an object stream",
]


@pytest.mark.parametrize("variant", NEW_ACTIVE_VARIANTS)
def test_attached_files_and_actions_run_on_opening_are_refused_as_active_content(variant, settings):
    settings.UPLOAD_MAX_BYTES = SIZE_LIMIT
    item = next(item for item in active_content() if item.variant == variant)
    with pytest.raises(ValidationError, match="contient du contenu actif"):
        check_upload(item.data, item.name)


def test_a_plain_pdf_in_an_object_stream_passes(settings):
    # The parsing limits must not refuse what PDF 1.5+ writers produce: objects in a compressed stream.
    check_upload(object_stream_pdf({1: CATALOG, 2: PAGES, 3: PAGE}, {4: CONTENT}), "cerfa-signe.pdf")


def test_an_open_action_going_to_a_page_passes():
    from cactus.core.tests.hostile_pdfs import one_page_pdf

    check_upload(one_page_pdf(b"/OpenAction << /S /GoTo /D [3 0 R /Fit] >> "), "scan.pdf")


@pytest.mark.parametrize("variant", [item.variant for item in parse_bombs()[::2]])
def test_parse_bombs_are_refused_as_too_complex_in_french(variant, settings):
    settings.UPLOAD_MAX_BYTES = SIZE_LIMIT
    item = next(item for item in parse_bombs() if item.variant == variant)
    with pytest.raises(ValidationError) as refusal:
        check_upload(item.data, item.name)
    message = refusal.value.messages[0]
    assert "trop complexe" in message or "illisible" in message, message
    assert "scannez à nouveau le document" in message


def test_the_74_mb_bomb_trips_the_limit_before_inflating_it(settings):
    # 75 KB on disk, 74 MB inflated: the check used to inflate and parse it all (140 MB, seconds of CPU).
    settings.UPLOAD_MAX_BYTES = SIZE_LIMIT
    settings.UPLOAD_PDF_MAX_INFLATED_BYTES = 2 * 1024 * 1024
    bomb = next(item for item in parse_bombs() if item.variant == "object stream inflating to 74 MB")
    assert len(bomb.data) < 100_000
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError, match="son contenu décompressé dépasse 2 Mo"):
            check_upload(bomb.data, bomb.name)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 12 * 1024 * 1024, f"{peak / 1024 / 1024:.0f} MB allocated"


def test_a_check_past_its_cpu_budget_is_refused_in_french(settings):
    settings.UPLOAD_PDF_MAX_CHECK_SECONDS = -1  # every budget is already spent
    with pytest.raises(ValidationError, match="sa vérification dépasse -1 secondes"):
        check_upload(good_pdf(1), "cerfa-signe.pdf")


def test_a_file_declaring_more_objects_than_the_limit_is_refused_before_reading_them(settings):
    settings.UPLOAD_PDF_MAX_OBJECTS = 20
    with pytest.raises(ValidationError, match="plus de 20 objets"):
        check_upload(good_pdf(30), "cerfa-signe.pdf")


@pytest.mark.parametrize(
    ("name", "accepted"),
    [
        ("cerfa-signe.pdf", True),
        ("CONVENTION SIGNÉE.PDF", True),
        ("scan 2026-09-01 (1).pdf", True),
        ("cerfa.pdf.exe", False),
        ("../cerfa.pdf", False),
        ("cerfa\x00.pdf", False),
        ("cerfa\u202efdp.exe", False),
        ("a" * 250 + ".pdf", False),
        (".pdf", False),
    ],
)
def test_file_names_are_checked(name, accepted):
    if accepted:
        security.check_upload_name(name)
    else:
        with pytest.raises(ValidationError, match="renommez-le"):
            security.check_upload_name(name)


# --- Optional ClamAV (clamd INSTREAM), tested against a fake clamd


class FakeClamd(socketserver.BaseRequestHandler):
    def handle(self):
        command = self.request.recv(10)
        assert command == b"zINSTREAM\0"
        received = b""
        while True:
            size = int.from_bytes(self._read(4), "big")
            if size == 0:
                break
            received += self._read(size)
        verdict = b"stream: Eicar-Test-Signature FOUND\0" if b"EICAR" in received else b"stream: OK\0"
        self.request.sendall(verdict)

    def _read(self, size: int) -> bytes:
        data = b""
        while len(data) < size:
            data += self.request.recv(size - len(data))
        return data


@pytest.fixture
def clamd(settings):
    server = socketserver.TCPServer(("127.0.0.1", 0), FakeClamd)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.CLAMAV_ADDRESS = f"tcp://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


def test_without_clamav_configured_nothing_is_scanned(settings):
    settings.CLAMAV_ADDRESS = ""
    security.scan_for_viruses(data=b"EICAR", name="x.pdf")


def test_clamav_lets_a_clean_pdf_through(clamd):
    check_upload(good_pdf(2), "cerfa-signe.pdf")


def test_clamav_refuses_an_infected_pdf_in_french(clamd):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Producer": "EICAR-STANDARD-ANTIVIRUS-TEST-FILE"})
    buffer = io.BytesIO()
    writer.write(buffer)
    infected = buffer.getvalue()
    with pytest.raises(ValidationError, match="contient un virus \\(Eicar-Test-Signature\\)"):
        check_upload(infected, "cerfa-signe.pdf")


def test_uploads_are_refused_when_clamav_is_configured_but_down(settings):
    settings.CLAMAV_ADDRESS = "tcp://127.0.0.1:9"  # discard port: nothing listens
    with pytest.raises(ValidationError, match="antivirus des fichiers est momentanément indisponible"):
        security.scan_for_viruses(data=good_pdf(1), name="cerfa-signe.pdf")


# --- Through the page: "Retour des documents" (the contact alternance, dossier "Validé par la formation")


@pytest.fixture
def validated(formation, alternant, employer_contact):
    return make_dossier_in_state(
        Dossier.Status.VALIDATED, formation=formation, alternant=alternant, employer_contact=employer_contact
    )


@pytest.mark.django_db
def test_the_return_documents_page_refuses_the_whole_corpus_stores_nothing_and_never_fails(
    validated, employer_contact, settings
):
    settings.UPLOAD_MAX_BYTES = SIZE_LIMIT
    client = Client()
    client.force_login(employer_contact)
    url = reverse("dossiers:return_documents", kwargs={"pk": validated.pk})
    refused = neutralised = 0
    for item in CORPUS:
        upload = SimpleUploadedFile(item.name, item.data, content_type="application/pdf")
        response = client.post(url, {"signed_cerfa": upload})  # a server error would raise here
        stored = Document.objects.filter(dossier=validated).first()
        if stored is None:
            assert response.status_code == 200, (item.label, response.status_code)
            assert "Retour des documents" in html.unescape(response.content.decode()), item.label
            refused += 1
            continue
        # Django drops any directory from an uploaded file's name before Cactus sees it, so a
        # hostile name on a good PDF may arrive as a plain one: stored under a generated name.
        assert item.expected != REFUSED, f"{item.label} was stored"
        assert re.fullmatch(r"dossiers/\d{4}/\d{2}/signed_cerfa-[0-9a-f]{32}\.pdf", stored.file.name)
        assert "/" not in stored.original_name and "\\" not in stored.original_name
        neutralised += 1
        Document.objects.filter(dossier=validated).delete()
        stored.file.delete(save=False)
        Dossier.objects.filter(pk=validated.pk).update(status=Dossier.Status.VALIDATED)
    figures.record("hostile uploads through the page: tried", len(CORPUS))
    figures.record("hostile uploads through the page: refused", refused)
    figures.record("hostile uploads through the page: hostile name neutralised, stored safely", neutralised)
    assert refused + neutralised == len(CORPUS)
    assert media_snapshot() == {}
