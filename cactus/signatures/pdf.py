"""PAdES signatures with pyHanko: apply one signer's visible signature, validate every signature of a PDF.

Each signature is an incremental update (the bytes already signed are never rewritten), so every
earlier signature stays valid; pyHanko's difference analysis checks that a later revision only
adds signature fields. The platform signs with the CFA's certificate (`pki`), on behalf of the
person whose name, role and e-mail the visible box and the signature dictionary carry.

With `SIGNATURE_TSA_URL` set, every signature (and the evidence's .p7s) embeds an RFC 3161
signature timestamp from that authority (PAdES B-T): the signing time no longer rests on the
server's clock alone. A TSA that does not answer properly raises `TimestampUnavailable`: nothing is
signed without the timestamp the configuration asks for.
"""

import asyncio
import datetime
import io
import subprocess
import tempfile
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from asn1crypto import pem, x509
from cryptography.utils import CryptographyDeprecationWarning
from django.conf import settings

with warnings.catch_warnings():
    # pyHanko imports cryptography's DSA types, deprecated in cryptography 51; Cactus never uses DSA.
    warnings.simplefilter("ignore", CryptographyDeprecationWarning)
    from pyhanko import stamp
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import fields, signers
    from pyhanko.sign.timestamps import HTTPTimeStamper, TimestampRequestError
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.generic_cms import validate_tst_signed_data
    from pyhanko_certvalidator import ValidationContext
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from cactus.signatures import pki

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Placement:
    """Where a signer's visible box goes: the 0-based page and the rectangle (PDF points)."""

    page: int
    box: Box


@dataclass(frozen=True)
class SignatureReport:
    field: str
    signer_name: str
    reason: str
    intact: bool
    valid: bool
    trusted: bool
    coverage: str
    modifications: str
    timestamped_at: datetime.datetime | None = None  # the TSA's time (genTime), None without a token
    timestamp_ok: bool = False  # the token is intact, matches the signature and its TSA is trusted

    @property
    def is_ok(self) -> bool:
        timestamp_ok = self.timestamped_at is None or self.timestamp_ok
        return self.intact and self.valid and self.trusted and timestamp_ok


class TimestampUnavailable(Exception):
    """The timestamp authority did not give a usable token: a French message to show as it is."""


class _TimeStamper(HTTPTimeStamper):
    """pyHanko's HTTP client; every failure (network, timeout, HTTP error, unreadable, refused or
    mismatched reply) becomes one exception the signing services can turn into a message."""

    async def async_timestamp(self, message_digest, md_algorithm):
        try:
            nonce, request = self.request_cms(message_digest, md_algorithm)
            response = await self.async_request_tsa_response(request)
            return await _checked_token(response, request, nonce, message_digest)
        except (OSError, ValueError, TypeError, KeyError) as error:
            raise TimestampUnavailable(
                "Le service d'horodatage ne répond pas : votre signature n'a pas été enregistrée. "
                "Réessayez dans quelques minutes (si votre code a expiré, demandez-en un nouveau)."
            ) from error


async def _checked_token(response, request, nonce: int, message_digest: bytes):
    """The reply's token, once it answers this very request (RFC 3161 § 2.4.2): granted, same nonce,
    same message imprint, and a signature that matches its content. pyHanko 0.38 checks the status
    and the nonce only (a wrong nonce even raises AttributeError there): a token for another
    document would be embedded and found broken only at the next validation."""
    status = response["status"]["status"].native
    if status != "granted":
        raise TimestampRequestError(f"TSA refused the request: {status}")
    token = response["time_stamp_token"]
    info = token["content"]["encap_content_info"]["content"].parsed
    if info["nonce"].native != nonce:
        raise TimestampRequestError("TSA token for another nonce")
    if info["message_imprint"].dump() != request["message_imprint"].dump():
        raise TimestampRequestError("TSA token for another message imprint")
    checked = await validate_tst_signed_data(
        token["content"], validation_context(), lambda _algo: message_digest
    )
    if not (checked["intact"] and checked["valid"]):
        raise TimestampRequestError("TSA token whose signature does not match its content")
    return token


def _outside_event_loop(function, *args, **kwargs):
    """pyHanko's sync calls run asyncio.run(): in a thread that already runs a loop (a Playwright
    test, an ASGI worker) they are moved to a short-lived thread of their own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


@cache
def _signer(path: str, password: str) -> signers.SimpleSigner:
    signer = signers.SimpleSigner.load_pkcs12(path, passphrase=password.encode() if password else None)
    if signer is None:
        raise pki.ImproperlyConfigured(
            "Le certificat de signature du CFA ne s'ouvre pas : vérifiez le fichier et son mot de passe "
            "(CACTUS_SIGNING_CERT, CACTUS_SIGNING_CERT_PASSWORD)."
        )
    return signer


def platform_signer() -> signers.SimpleSigner:
    path, password, _roots = pki.configured_paths()
    return _signer(str(path), password)


def _roots(paths: list[Path]) -> list[x509.Certificate]:
    certificates = []
    for path in paths:
        data = path.read_bytes()
        if pem.detect(data):
            data = pem.unarmor(data)[2]
        certificates.append(x509.Certificate.load(data))
    return certificates


def timestamper() -> HTTPTimeStamper | None:
    """The client of the configured TSA, or None (`SIGNATURE_TSA_URL` empty: no timestamp)."""
    url = settings.SIGNATURE_TSA_URL
    return _timestamper(url, settings.SIGNATURE_TSA_TIMEOUT) if url else None


@cache
def _timestamper(url: str, timeout: int) -> HTTPTimeStamper:
    # One client per process: pyHanko asks the TSA once for a dummy token to size the signature
    # and keeps it, so each later signature costs one token (some TSAs bill per token).
    return _TimeStamper(url, timeout=timeout)


def validation_context() -> ValidationContext:
    _path, _password, roots = pki.configured_paths()
    # Test CA and private PKI: no revocation service to ask; a public CA's would be "soft-fail" too.
    return ValidationContext(trust_roots=_roots(roots), allow_fetching=False, revocation_mode="soft-fail")


def sign(content: bytes, **kwargs) -> bytes:
    """`content` with one more PAdES signature (an incremental update), shown in `placement`."""
    return _outside_event_loop(_sign_pdf, content, **kwargs)


def _sign_pdf(
    content: bytes,
    *,
    field_name: str,
    placement: Placement,
    signer_name: str,
    reason: str,
    location: str,
    contact: str,
    box_lines: list[str],
) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(content), strict=False)
    with tempfile.NamedTemporaryFile(suffix=".pdf") as appearance:
        appearance.write(_appearance(placement.box, box_lines))
        appearance.flush()
        # The drawing is the box's exact size: laid as it is (pyHanko's default shrinks it into margins).
        fill = layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN,
            y_align=layout.AxisAlignment.ALIGN_MIN,
            inner_content_scaling=layout.InnerScaling.STRETCH_FILL,
        )
        style = stamp.StaticStampStyle.from_pdf_file(appearance.name, border_width=0, background_layout=fill)
        return _sign(writer, style, field_name, placement, signer_name, reason, location, contact)


def _appearance(box: Box, lines: list[str]) -> bytes:
    """The visible box's content, drawn by ReportLab in DejaVu Sans (accents, any name), shrunk to fit."""
    width, height = box[2] - box[0], box[3] - box[1]
    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", FONT))
    output = io.BytesIO()
    canvas = Canvas(output, pagesize=(width, height), invariant=1)
    canvas.setStrokeColorRGB(0.1, 0.3, 0.6)
    canvas.setLineWidth(1)
    canvas.rect(1, 1, width - 2, height - 2)
    size = 8.0
    while size > 4.5 and max(pdfmetrics.stringWidth(line, "DejaVuSans", size) for line in lines) > width - 8:
        size -= 0.25
    leading = size * 1.25
    y = height / 2 + leading * len(lines) / 2 - size
    canvas.setFillColorRGB(0.1, 0.2, 0.5)
    for line in lines:
        canvas.setFont("DejaVuSans", size)
        canvas.drawString(4, y, line)
        y -= leading
    canvas.showPage()
    canvas.save()
    return output.getvalue()


def _sign(writer, style, field_name, placement, signer_name, reason, location, contact) -> bytes:
    metadata = signers.PdfSignatureMetadata(
        field_name=field_name,
        name=signer_name,
        reason=reason,
        location=location,
        contact_info=contact,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    spec = fields.SigFieldSpec(
        field_name, on_page=placement.page, box=tuple(round(value) for value in placement.box)
    )
    pdf_signer = signers.PdfSigner(
        metadata,
        signer=platform_signer(),
        timestamper=timestamper(),
        stamp_style=style,
        new_field_spec=spec,
    )
    output = io.BytesIO()
    pdf_signer.sign_pdf(writer, output=output)
    return output.getvalue()


def validate(content: bytes) -> list[SignatureReport]:
    """Every signature of the PDF, checked against the trust roots (`CACTUS_SIGNING_TRUST_ROOTS`)."""
    return _outside_event_loop(_validate, content)


def _validate(content: bytes) -> list[SignatureReport]:
    reader = PdfFileReader(io.BytesIO(content), strict=False)
    context = validation_context()
    reports = []
    for embedded in reader.embedded_signatures:
        status = validate_pdf_signature(embedded, context)
        token = status.timestamp_validity
        reports.append(
            SignatureReport(
                field=embedded.field_name,
                signer_name=str(embedded.sig_object.get("/Name", "")),
                reason=str(embedded.sig_object.get("/Reason", "")),
                intact=status.intact,
                valid=status.valid,
                trusted=status.trusted,
                coverage=status.coverage.name,
                modifications=status.modification_level.name if status.modification_level else "",
                timestamped_at=token.timestamp if token else None,
                timestamp_ok=bool(token and token.intact and token.valid and token.trusted),
            )
        )
    return reports


def pdfsig_report(path: Path) -> str:
    """What poppler's `pdfsig` says of the file (used by the tests and the evidence check)."""
    result = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60, check=False)
    return result.stdout + result.stderr


def sign_detached(content: bytes) -> bytes:
    """A detached CMS signature (DER, .p7s) of `content` by the CFA's certificate (the evidence file's seal).

    Checked with `openssl cms -verify -binary -inform DER -in F.p7s -content F -CAfile ca.pem`.
    """
    signed = _outside_event_loop(
        lambda: asyncio.run(
            platform_signer().async_sign_general_data(
                content, "sha256", detached=True, timestamper=timestamper()
            )
        )
    )
    return signed.dump()


def verify_detached(content: bytes, signature: bytes) -> bool:
    """True when `signature` is a valid CMS signature of `content` by a certificate the roots trust."""
    from asn1crypto import cms
    from pyhanko.sign.validation import async_validate_detached_cms

    signed_data = cms.ContentInfo.load(signature)["content"]
    status = _outside_event_loop(
        asyncio.run,
        async_validate_detached_cms(content, signed_data, signer_validation_context=validation_context()),
    )
    return status.intact and status.valid and status.trusted
