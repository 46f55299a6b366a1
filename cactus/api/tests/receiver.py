"""A real HTTP server on 127.0.0.1 standing for an organisation's software that receives webhooks.

It checks each request's signature as a receiver should (HMAC-SHA256 of "<timestamp>.<body>" with
its secret, compared in constant time), records what it got, and answers the statuses it is told to.
"""

import hashlib
import hmac
import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes
    signature_valid: bool

    @property
    def json(self) -> dict:
        return json.loads(self.body)


class Receiver:
    def __init__(self, secret: str = "", statuses: list[int] | None = None):
        self.secret = secret
        self.statuses = list(statuses or [])  # answered in turn; 200 once exhausted
        self.received: list[Received] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/cactus/webhooks"

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def is_signed(self, headers, body: bytes) -> bool:
        timestamp = headers.get("X-Cactus-Timestamp", "")
        expected = hmac.new(self.secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(headers.get("X-Cactus-Signature", ""), f"sha256={expected}")

    def _handler(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                valid = receiver.is_signed(self.headers, body)
                receiver.received.append(Received(dict(self.headers), body, valid))
                status = (receiver.statuses.pop(0) if receiver.statuses else 200) if valid else 401
                answer = json.dumps({"recu": valid, "statut": status}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        return Handler
