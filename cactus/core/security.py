"""Security helpers: the headers Django 5.2 does not set itself, and the checks on uploaded PDFs.

Cactus pages carry no inline script or style (the templates load `cactus.css` and, where needed,
files from /static/), so the policy can forbid inline code outright: an injected `<script>` or
`onclick=` does not run even if an escaping bug lets it into a page. A hand-written middleware of
a few lines is enough here; django-csp would add nonces and report handling we do not use.
"""

import io
import ipaddress
import re
import socket
import struct
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from pypdf import PdfReader, apply_configuration
from pypdf.errors import LimitReachedError, PyPdfError
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    TextStringObject,
)


def build_policy(directives: dict[str, list[str]]) -> str:
    return "; ".join(f"{name} {' '.join(sources)}".strip() for name, sources in directives.items())


class SecurityHeadersMiddleware:
    """Adds CONTENT_SECURITY_POLICY and PERMISSIONS_POLICY (settings) to responses that lack them,
    and `Cache-Control: no-store, private` to every response but static files.

    Pages, NIR, CERFAs and scans must not stay in the browser's cache: after logging out on a shared
    CFA computer, the back button or the cache would show them to the next person. Only /static/
    (whitenoise, public and versioned) may be cached.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.csp = build_policy(settings.CONTENT_SECURITY_POLICY)
        self.permissions_policy = settings.PERMISSIONS_POLICY
        self.static_prefix = "/" + settings.STATIC_URL.lstrip("/")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(self.static_prefix):
            add_never_cache_headers(response)  # no-store, no-cache, private, max-age=0
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        # The policy is for pages. On a PDF shown inline, `object-src 'none'` could stop the
        # browser's own PDF viewer; X-Frame-Options still forbids framing it.
        if response.headers.get("Content-Type", "").startswith("text/html"):
            response.headers.setdefault("Content-Security-Policy", self.csp)  # a view may set a stricter one
        return response


def client_ip(request: HttpRequest) -> str:
    """The address of the person, for throttles and login locks.

    Behind the TLS proxy (BEHIND_TLS_PROXY), REMOTE_ADDR is the proxy for everyone: the client is the
    right-most X-Forwarded-For entry, the one the proxy itself appended. Entries to its left were
    written by the client and are never trusted. Anything else gives REMOTE_ADDR.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if not settings.BEHIND_TLS_PROXY:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
    try:
        return str(ipaddress.ip_address(forwarded))
    except ValueError:
        return remote


def axes_client_ip(request: HttpRequest) -> str:
    """django-axes' AXES_CLIENT_IP_CALLABLE."""
    return client_ip(request)


# --- Uploaded PDFs: what a scan of a signed paper may not contain.
#
# libmagic and pypdf tell whether a file is a readable PDF; these checks refuse the readable PDFs
# that are still dangerous to open on a CFA workstation (JavaScript, launch actions, embedded or
# attached files, actions run on opening), that hide another file (data before the header or after
# the end), or that would exhaust the server (page bombs, streams that inflate to tens of megabytes,
# absurd object graphs). Messages say what the person should do instead.

# Keys that only exist to run something, embed or attach a file (/EF holds a file's bytes), or phone home.
# /AA ("additional actions") runs its actions on events nobody clicks: opening a page, closing the file...
ACTIVE_KEYS = frozenset(
    {"/JS", "/JavaScript", "/AA", "/EF", "/EmbeddedFile", "/EmbeddedFiles", "/XFA", "/RichMedia"}
)
# Action types (/S) that run code, open other files or send data.
ACTIVE_ACTIONS = frozenset(
    {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToR", "/GoToE", "/RichMediaExecute"}
)
ACTIVE_SUBTYPES = frozenset({"/RichMedia", "/Movie", "/Sound", "/Screen", "/3D", "/FileAttachment"})
PDF_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]+)")
TRAILING_ALLOWED = b" \t\r\n\x00"
XREF_SUBSECTION = re.compile(rb"xref\s+\d+\s+(\d+)")


class PdfTooComplex(ValueError):
    """The PDF goes past one of the parsing limits; `reason` says which, in French."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} Mo"


@contextmanager
def pdf_parsing_limits() -> Iterator[None]:
    """pypdf stops inflating any one stream at the settings' limit (its own default is 75 MB).

    A contextvar: the limits apply to this request only, not to the PDFs Cactus reads elsewhere.
    """
    inflated = settings.UPLOAD_PDF_MAX_INFLATED_BYTES
    with apply_configuration(
        maximum_declared_stream_length=settings.UPLOAD_MAX_BYTES,
        array_based_stream_maximum_output_length=inflated,
        zlib_maximum_output_length=inflated,
        lzw_maximum_output_length=inflated,
        run_length_maximum_output_length=inflated,
        brotli_maximum_output_length=inflated,
        jbig2_maximum_output_length=inflated,
        image_maximum_buffer_size=inflated,
        stream_decoding_work_maximum_length=inflated,
    ):
        yield


class _Budget:
    """What the check may still spend: objects visited, bytes inflated, seconds of CPU."""

    def __init__(self):
        self.objects = settings.UPLOAD_PDF_MAX_OBJECTS
        self.inflated = settings.UPLOAD_PDF_MAX_INFLATED_BYTES
        self.deadline = time.process_time() + settings.UPLOAD_PDF_MAX_CHECK_SECONDS

    def spend_object(self) -> None:
        self.objects -= 1
        if self.objects < 0:
            raise PdfTooComplex(f"plus de {settings.UPLOAD_PDF_MAX_OBJECTS:,} objets".replace(",", " "))
        if self.objects % 100 == 0:
            self.check_time()

    def spend_inflated(self, size: int) -> None:
        self.inflated -= size
        if self.inflated < 0:
            raise PdfTooComplex(_inflated_reason())
        self.check_time()

    def check_time(self) -> None:
        if time.process_time() > self.deadline:
            raise PdfTooComplex(f"sa vérification dépasse {settings.UPLOAD_PDF_MAX_CHECK_SECONDS} secondes")


def _inflated_reason() -> str:
    return f"son contenu décompressé dépasse {_megabytes(settings.UPLOAD_PDF_MAX_INFLATED_BYTES)}"


def _check_declared_objects(declared: int) -> None:
    """Refuse on what the file declares (xref tables, trailer /Size) before any object is read."""
    limit = settings.UPLOAD_PDF_MAX_OBJECTS
    if declared > limit:
        raise PdfTooComplex(f"plus de {limit:,} objets".replace(",", " "))


def _inflate_object_streams(reader: PdfReader, budget: _Budget) -> None:
    """Inflate each object stream once, within what is left of the budget, before any object is parsed.

    pypdf keeps the inflated data, so the walk reads the same bytes; a bomb stops at the limit
    instead of being inflated (74 MB for 75 KB) and then parsed.
    """
    for number in sorted({stream for stream, _index in reader.xref_objStm.values()}):
        stream = reader.get_object(number)
        if not isinstance(stream, DictionaryObject) or stream.get("/Type") != "/ObjStm":
            continue
        _check_declared_objects(int(stream.get("/N", 0)))
        with apply_configuration(zlib_maximum_output_length=max(budget.inflated, 1)):
            try:
                size = len(stream.get_data())
            except LimitReachedError as error:
                raise PdfTooComplex(_inflated_reason()) from error
        budget.spend_inflated(size)


def _is_plain_destination(value) -> bool:
    """Whether an /OpenAction only shows a page (what scanners write), rather than acting on opening."""
    value = value.get_object() if isinstance(value, IndirectObject) else value
    if isinstance(value, ArrayObject | NameObject | TextStringObject | ByteStringObject):
        return True
    return isinstance(value, DictionaryObject) and value.get("/S") == "/GoTo" and "/Next" not in value


def _decode_name(raw: bytes) -> str:
    """A PDF name with its #xx escapes decoded (/J#61vaScript is /JavaScript)."""
    return "/" + re.sub(rb"#([0-9A-Fa-f]{2})", lambda match: bytes([int(match.group(1), 16)]), raw).decode(
        "latin-1"
    )


def _raw_active_names(data: bytes) -> set[str]:
    names = {_decode_name(match.group(1)) for match in PDF_NAME.finditer(data)}
    return names & (ACTIVE_KEYS | ACTIVE_ACTIONS | ACTIVE_SUBTYPES)


def _walk(reader: PdfReader, max_pages: int, budget: _Budget) -> tuple[set[str], int]:
    """Active names found in every object reachable from the trailer, and the number of page slots."""
    found: set[str] = set()
    page_slots = 0
    seen: set[tuple[int, int]] = set()
    stack: list = [reader.trailer]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            budget.spend_object()
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            for key, value in item.items():
                if key in ACTIVE_KEYS:
                    found.add(key)
                elif (
                    key == "/S" and value in ACTIVE_ACTIONS or key == "/Subtype" and value in ACTIVE_SUBTYPES
                ):
                    found.add(str(value))
                elif key == "/OpenAction" and not _is_plain_destination(value):
                    # On opening, only "show this page": a URI here tells a third party when and where.
                    found.add(key)
                elif key == "/Kids" and isinstance(value, ArrayObject | IndirectObject):
                    page_slots += len(value.get_object())
                    if page_slots > max_pages:
                        return found, page_slots
                stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return found, page_slots


def check_pdf(*, data: bytes, name: str) -> int:
    """The number of pages of a PDF that is a plain document; a ValidationError in French otherwise.

    Everything pypdf reads here is bounded (settings UPLOAD_PDF_MAX_INFLATED_BYTES,
    UPLOAD_PDF_MAX_OBJECTS, UPLOAD_PDF_MAX_CHECK_SECONDS, UPLOAD_MAX_PAGES): a file past a limit is
    refused as soon as the limit is reached, not after being inflated and parsed.
    """
    max_pages = settings.UPLOAD_MAX_PAGES
    budget = _Budget()
    try:
        with pdf_parsing_limits():
            _check_declared_objects(sum(int(count) for count in XREF_SUBSECTION.findall(data)))
            try:
                reader = PdfReader(io.BytesIO(data))
            except LimitReachedError as error:
                raise PdfTooComplex(_inflated_reason()) from error
            except (PyPdfError, ValueError, KeyError, TypeError, RecursionError) as error:
                raise ValidationError(
                    f"« {name} » est un PDF illisible ou abîmé : scannez à nouveau le document."
                ) from error
            if reader.is_encrypted:
                raise ValidationError(
                    f"« {name} » est protégé par un mot de passe : déposez une version sans protection."
                )
            if (
                not data.startswith(b"%PDF-")
                or b"%%EOF" not in data[-1024:]
                or data[data.rfind(b"%%EOF") + 5 :].strip(TRAILING_ALLOWED)
            ):
                raise ValidationError(
                    f"« {name} » contient des données avant le début ou après la fin du PDF, ou il est incomplet : "
                    "ce n'est pas un PDF simple. Ouvrez-le et enregistrez-le de nouveau avec « Imprimer en PDF », "
                    "ou scannez à nouveau le document, puis déposez ce nouveau fichier."
                )
            _check_declared_objects(int(reader.trailer.get("/Size", 0)))
            _inflate_object_streams(reader, budget)
            found, page_slots = _walk(reader, max_pages, budget)
            declared = int(reader.trailer["/Root"].get_object()["/Pages"].get_object().get("/Count", 0))
            pages = max(page_slots, declared)
            if pages <= max_pages and not found:
                pages = len(reader.pages)
                budget.check_time()
    except PdfTooComplex as error:
        raise ValidationError(
            f"« {name} » est trop complexe pour être vérifié ({error.reason}) : ce n'est pas le cas d'un "
            "document scanné. Enregistrez-le de nouveau avec « Imprimer en PDF » ou scannez à nouveau le "
            "document, puis déposez ce nouveau fichier."
        ) from error
    except LimitReachedError as error:
        raise ValidationError(
            f"« {name} » est trop complexe pour être vérifié ({_inflated_reason()}) : scannez à nouveau le "
            "document, puis déposez ce nouveau fichier."
        ) from error
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError, PyPdfError) as error:
        raise ValidationError(
            f"« {name} » a une structure anormale ou trop complexe pour un document scanné : "
            "scannez à nouveau le document, puis déposez ce nouveau fichier."
        ) from error
    if found or _raw_active_names(data):
        raise ValidationError(
            f"« {name} » contient du contenu actif (JavaScript, action automatique à l'ouverture, formulaire "
            "dynamique ou fichier joint) : Cactus n'accepte que des documents simples. Imprimez-le avec "
            "« Imprimer en PDF » ou scannez-le, puis déposez ce nouveau fichier."
        )
    if pages > max_pages:
        raise ValidationError(
            f"« {name} » annonce {pages} pages : un document en compte au plus {max_pages}. "
            "Déposez uniquement le document demandé."
        )
    if pages == 0:
        raise ValidationError(f"« {name} » ne contient aucune page : scannez à nouveau le document.")
    return pages


# Control characters (NUL, CR, LF...) and the bidirectional overrides that disguise "fdp.exe" as "exe.pdf".
# Opening "CON.pdf" or "AUX.pdf" on a Windows workstation talks to a device, not a file.
WINDOWS_DEVICE_NAMES = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"COM{digit}" for digit in range(1, 10)}
    | {f"LPT{digit}" for digit in range(1, 10)}
)
UNSAFE_NAME_CHARACTERS = re.compile("[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069/\\\\]")


def check_upload_name(name: str) -> None:
    """Refuse a file name that hides something: control characters, paths, no .pdf extension, too long."""
    problem = ""
    if UNSAFE_NAME_CHARACTERS.search(name):
        problem = "contient des caractères interdits (chemin, caractères de contrôle ou d'inversion du texte)"
    elif len(name) > 200:
        problem = f"est trop long ({len(name)} caractères, 200 au plus)"
    elif not name.lower().endswith(".pdf") or name.lower().strip(".") in ("pdf", ""):
        problem = "ne se termine pas par « .pdf »"
    elif name.split(".")[0].strip().upper() in WINDOWS_DEVICE_NAMES:
        problem = "est un nom réservé par Windows"
    if problem:
        shown = UNSAFE_NAME_CHARACTERS.sub("?", name)[:80]
        raise ValidationError(
            f"Le nom du fichier « {shown} » {problem} : renommez-le simplement, par exemple « cerfa-signe.pdf », "
            "puis déposez-le à nouveau."
        )


# --- Optional antivirus: clamd's INSTREAM protocol over a socket, when CLAMAV_ADDRESS is set.
CLAMD_CHUNK = 64 * 1024


def _clamd_reply(address: str, data: bytes) -> str:
    if address.startswith("unix://"):
        client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        target: str | tuple[str, int] = address.removeprefix("unix://")
    else:
        host, _, port = address.removeprefix("tcp://").rpartition(":")
        client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        target = (host, int(port))
    with client:
        client.settimeout(settings.CLAMAV_TIMEOUT)
        client.connect(target)
        client.sendall(b"zINSTREAM\0")
        for start in range(0, len(data), CLAMD_CHUNK):
            chunk = data[start : start + CLAMD_CHUNK]
            client.sendall(struct.pack("!L", len(chunk)) + chunk)
        client.sendall(struct.pack("!L", 0))
        reply = b""
        while not reply.endswith(b"\0"):
            part = client.recv(4096)
            if not part:
                break
            reply += part
    return reply.rstrip(b"\0").decode("utf-8", "replace")


def scan_for_viruses(*, data: bytes, name: str) -> None:
    """Ask clamd about the file when CLAMAV_ADDRESS is set; refuse it if a virus is found or clamd is down."""
    address = settings.CLAMAV_ADDRESS
    if not address:
        return
    try:
        reply = _clamd_reply(address, data)
    except OSError as error:
        # Fail closed: a file nobody could scan is not stored.
        raise ValidationError(
            "L'analyse antivirus des fichiers est momentanément indisponible : réessayez dans quelques minutes."
        ) from error
    if reply.endswith(" OK"):
        return
    if reply.endswith(" FOUND"):
        signature = reply.removeprefix("stream: ").removesuffix(" FOUND")
        raise ValidationError(
            f"« {name} » contient un virus ({signature}) : il n'a pas été enregistré. "
            "Analysez votre ordinateur, puis scannez à nouveau le document papier."
        )
    raise ValidationError(
        f"« {name} » n'a pas pu être analysé par l'antivirus : scannez-le à nouveau puis réessayez."
    )
