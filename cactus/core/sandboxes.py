"""The HTTP server under Cactus's sandboxes of outside services (the OPCO's API, the timestamp
authority): threaded, quiet when a client gives up, and able to say its own address."""

import sys
from http.server import ThreadingHTTPServer


class SandboxServer(ThreadingHTTPServer):
    daemon_threads = True
    # The address `url` ends with: "" for an API whose paths start with "/", "/" for a service
    # reached at its root.
    url_suffix = ""

    def handle_error(self, request, client_address):
        # A client that gave up (timeout) closes its end: not the sandbox's error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}{self.url_suffix}"
