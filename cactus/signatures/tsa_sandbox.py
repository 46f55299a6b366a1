"""A sandbox timestamp authority (TSA): RFC 3161 over real HTTP, for the demo and the tests.

Outside TSAs are out of reach here, so this one signs its tokens with pyHanko's own server-side
helper (`DummyTimeStamper`) and a test TSA certificate made at first start (a self-signed root and
an RSA time-stamping certificate, kept in `directory` so tokens stay checkable across restarts).
Standard library HTTP (http.server), like the sandbox OPCO: `manage.py tsa_sandbox --port N`
starts it; tests start it in a thread (`start_sandbox()`) and sign through the real client.

- `POST /` with `Content-Type: application/timestamp-query` (a DER TimeStampReq) → 200
  `application/timestamp-reply` (a TimeStampResp: a token, or a rejection for an unreadable request);
  another content type → 415.
- `GET /ca.pem`: the TSA's root, to add to `CACTUS_SIGNING_TRUST_ROOTS`.
- `POST /sandbox/pannes` {"status": 503 | "delay": seconds | "garbage": true | "tamper": "imprint" |
  "nonce", "count": n}: the next n timestamp requests fail that way (garbage: 200 with the right
  content type and unreadable bytes; tamper: a genuine token for another document's imprint, or
  for another nonce, as a TSA gone wrong or a man in the middle replaying requests would send).
- `GET /sandbox/etat`: the tokens issued and the faults waiting.

Never for real dossiers: no one but this Cactus trusts that root.
"""

import datetime
import hashlib
import json
import threading
import warnings
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from asn1crypto import keys, tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509.oid import ExtendedKeyUsageOID

from cactus.core import sandboxes
from cactus.signatures import pki

with warnings.catch_warnings():
    # pyHanko imports cryptography's DSA types, deprecated in cryptography 51 (as in pdf.py).
    warnings.simplefilter("ignore", CryptographyDeprecationWarning)
    from pyhanko.sign.timestamps import DummyTimeStamper

SANDBOX_ORGANIZATION = "Cactus - bac à sable"
CA_FILE = "tsa-ca.pem"
CERT_FILE = "tsa.pem"
KEY_FILE = "tsa-key.pem"


@dataclass(frozen=True)
class TsaAuthority:
    """The sandbox TSA's root (to trust) and its time-stamping certificate and key."""

    ca_path: Path
    cert_path: Path
    key_path: Path

    def timestamper(self) -> DummyTimeStamper:
        cert = x509.load_pem_x509_certificate(self.cert_path.read_bytes())
        key = serialization.load_pem_private_key(self.key_path.read_bytes(), password=None)
        root = x509.load_pem_x509_certificate(self.ca_path.read_bytes())
        der = serialization.Encoding.DER
        return DummyTimeStamper(
            tsa_cert=asn1_x509.Certificate.load(cert.public_bytes(der)),
            tsa_key=keys.PrivateKeyInfo.load(
                key.private_bytes(der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
            ),
            certs_to_embed=[asn1_x509.Certificate.load(root.public_bytes(der))],
        )


def load_or_create_authority(directory: Path) -> TsaAuthority:
    """The authority kept in `directory`, made there on first use (RSA: pyHanko's DummyTimeStamper
    signs with RSA only)."""
    authority = TsaAuthority(directory / CA_FILE, directory / CERT_FILE, directory / KEY_FILE)
    if authority.ca_path.exists() and authority.cert_path.exists() and authority.key_path.exists():
        return authority
    directory.mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = pki.certificate_name(
        "Cactus - AC d'horodatage de test (ne pas utiliser en production)", organization=SANDBOX_ORGANIZATION
    )
    ca_cert = pki.self_signed_ca(ca_key, ca_name, now=now)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    # RFC 3161 § 2.3: a TSA certificate has exactly this one extended key usage, critical.
    cert = pki.issued_certificate(
        ca_key=ca_key,
        ca_name=ca_name,
        key=key,
        subject=pki.certificate_name("Cactus - horodatage de test", organization=SANDBOX_ORGANIZATION),
        usage=ExtendedKeyUsageOID.TIME_STAMPING,
        usage_critical=True,
        now=now,
    )
    pem = serialization.Encoding.PEM
    authority.ca_path.write_bytes(ca_cert.public_bytes(pem))
    authority.cert_path.write_bytes(cert.public_bytes(pem))
    authority.key_path.write_bytes(
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    authority.key_path.chmod(0o600)
    return authority


@dataclass
class SandboxState:
    """The sandbox TSA's signer, the faults to play and what it issued; one lock."""

    timestamper: DummyTimeStamper
    faults: list = field(default_factory=list)
    tokens_issued: int = 0
    requests_rejected: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add_fault(
        self, *, status: int = 0, delay: float = 0.0, garbage: bool = False, tamper: str = "", count: int = 1
    ) -> None:
        with self.lock:
            self.faults += [{"status": status, "delay": delay, "garbage": garbage, "tamper": tamper}] * count

    def take_fault(self) -> dict | None:
        with self.lock:
            return self.faults.pop(0) if self.faults else None

    def reply(self, query: bytes, *, tamper: str = "") -> bytes:
        """A DER TimeStampResp: a token for a readable request, else a rejection (RFC 3161 § 2.4.2).

        `tamper` ("imprint", "nonce"): the token answers another request than the one received.
        """
        try:
            request = tsp.TimeStampReq.load(query)
            request["message_imprint"]["hash_algorithm"]["algorithm"].native  # noqa: B018 - parses it
            if tamper == "imprint":
                request["message_imprint"]["hashed_message"] = hashlib.sha256(b"un autre document").digest()
            elif tamper == "nonce":
                request["nonce"] = (request["nonce"].native or 0) + 1
            response = self.timestamper.request_tsa_response(request)
        except (ValueError, TypeError, KeyError):
            with self.lock:
                self.requests_rejected += 1
            status = tsp.PKIStatusInfo({"status": "rejection", "fail_info": {"bad_data_format"}}).dump()
            # A TimeStampResp without its (optional) token, which asn1crypto's spec will not dump.
            return b"\x30" + bytes([len(status)]) + status
        with self.lock:
            self.tokens_issued += 1
        return response.dump()


class SandboxHandler(BaseHTTPRequestHandler):
    server_version = "TsaSandbox/1.0"
    state: SandboxState  # set on the subclass made by make_server
    ca_pem: bytes = b""

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _send_json(self, status: int, body: dict) -> None:
        self._send(status, json.dumps(body, ensure_ascii=False).encode(), "application/json; charset=utf-8")

    def _read_body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def do_GET(self):  # noqa: N802 - http.server's name
        path = self.path.split("?")[0].rstrip("/")
        if path == "/ca.pem":
            return self._send(200, self.ca_pem, "application/x-pem-file")
        if path == "/sandbox/etat":
            with self.state.lock:
                state = {
                    "jetons_emis": self.state.tokens_issued,
                    "requetes_rejetees": self.state.requests_rejected,
                    "pannes": list(self.state.faults),
                }
            return self._send_json(200, state)
        return self._send_json(404, {"message": "Adresse inconnue."})

    def do_POST(self):  # noqa: N802
        path = self.path.split("?")[0].rstrip("/")
        body = self._read_body()
        if path == "/sandbox/pannes":
            try:
                fault = json.loads(body or b"{}")
                self.state.add_fault(
                    status=int(fault.get("status") or 0),
                    delay=float(fault.get("delay") or 0),
                    garbage=bool(fault.get("garbage")),
                    tamper=str(fault.get("tamper") or ""),
                    count=int(fault.get("count") or 1),
                )
            except (ValueError, TypeError, AttributeError):
                return self._send_json(400, {"message": "Corps JSON illisible."})
            return self._send_json(200, {"pannes": len(self.state.faults)})
        if path != "":
            return self._send_json(404, {"message": "Adresse inconnue."})
        fault = self.state.take_fault()
        if self._fault(fault):
            return None
        if self.headers.get("Content-Type", "").split(";")[0].strip() != "application/timestamp-query":
            return self._send_json(415, {"message": "Content-Type application/timestamp-query attendu."})
        tamper = fault["tamper"] if fault else ""
        return self._send(200, self.state.reply(body, tamper=tamper), "application/timestamp-reply")

    def _fault(self, fault: dict | None) -> bool:
        if fault is None:
            return False
        if fault["delay"]:
            threading.Event().wait(fault["delay"])
        if fault["status"]:
            self._send_json(fault["status"], {"message": "Erreur du bac à sable (panne simulée)."})
            return True
        if fault["garbage"]:
            self._send(200, b"ceci n'est pas une reponse RFC 3161", "application/timestamp-reply")
            return True
        return False


class SandboxServer(sandboxes.SandboxServer):
    url_suffix = "/"


def make_server(authority: TsaAuthority, host: str = "127.0.0.1", port: int = 0) -> SandboxServer:
    state = SandboxState(timestamper=authority.timestamper())
    attributes = {"state": state, "ca_pem": authority.ca_path.read_bytes()}
    server = SandboxServer((host, port), type("BoundSandboxHandler", (SandboxHandler,), attributes))
    server.state = state
    server.authority = authority
    return server


def start_sandbox(directory: Path, *, port: int = 0) -> SandboxServer:
    """Serve in a daemon thread (tests): `server.url`, `server.state`; stop with `server.shutdown()`."""
    server = make_server(load_or_create_authority(directory), port=port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
