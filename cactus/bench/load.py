"""Pages under load: gunicorn (2 workers, DEBUG off) on 127.0.0.1 and wrk, with logged-in sessions."""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.middleware.csrf import _get_new_csrf_string

from cactus.accounts.middleware import SESSION_KEY as RGPD_SESSION_KEY
from cactus.bench.pages import Page

WORKERS = 2
WARM_UP = "2s"
DURATION = "8s"  # with the warm-up, 10 s a page
# The trivial view is measured again, shorter, after each page: each ratio compares the page with
# the trivial view's throughput just before and just after it, as the machine's load drifts.
REFERENCE_WARM_UP = "1s"
REFERENCE_DURATION = "4s"
CONNECTIONS = 10
TIMEOUT = "9s"  # a slow page is a figure to report, not a failure (wrk's default gives up at 2 s)


@dataclass
class LoadResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int
    timeouts: int


class NoWrk(RuntimeError):
    pass


def require_wrk() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise NoWrk("wrk is not installed: run `make deps` (or `apt-get install -y wrk`).")
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn with production settings; stopped (by its own pid) when the block ends."""

    def __init__(self, env: dict[str, str], log_path: Path):
        self.port = free_port()
        self.env = env
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "Server":
        self.log_path.parent.mkdir(parents=True, exist_ok=True)  # a fresh checkout on PostgreSQL has no var/
        self.log = open(self.log_path, "wb")  # noqa: SIM115 - closed in __exit__
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "cactus.wsgi:application",
            f"--workers={WORKERS}",
            f"--bind=127.0.0.1:{self.port}",
            "--log-level=warning",
        ]
        self.process = subprocess.Popen(
            command, env=self.env, stdout=self.log, stderr=subprocess.STDOUT, cwd=settings.BASE_DIR
        )
        self._wait_until_ready()
        return self

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/sante/", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer /sante/ within 30 s; see {self.log_path}")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def session_cookie(user) -> str:
    """A logged-in session that has accepted the RGPD clauses, as the login view would leave it."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = user._meta.pk.value_to_string(user)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[RGPD_SESSION_KEY] = settings.RGPD_VERSION
    store.create()
    return store.session_key


class Client:
    """Sends a page's request as wrk will: same cookie, same CSRF token, no redirect followed."""

    def __init__(self, server: Server, page: Page):
        self.server = server
        self.page = page
        self.csrf = _get_new_csrf_string()
        self.headers = (
            {"Cookie": f"sessionid={session_cookie(page.user)}; csrftoken={self.csrf}"} if page.user else {}
        ) | page.headers
        if page.method == "POST":
            self.headers |= {"Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": self.csrf}

    @property
    def url(self) -> str:
        return self.server.base_url + self.page.path

    def check_once(self) -> None:
        """One request by hand first, so a wrong page fails with its status instead of a bad figure."""
        body = self.page.body.encode() if self.page.method == "POST" else None
        request = urllib.request.Request(self.url, data=body, headers=self.headers, method=self.page.method)
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=10) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        if status != self.page.expected_status:
            raise RuntimeError(
                f"({self.page.key}) {self.page.method} {self.page.path} answered {status} under gunicorn, "
                f"not {self.page.expected_status}; see {self.server.log_path}"
            )

    def wrk(self, duration: str) -> LoadResult:
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(self._lua())
        try:
            command = [
                require_wrk(),
                "-t1",
                f"-c{CONNECTIONS}",
                f"-d{duration}",
                "--latency",
                "-s",
                script.name,
            ]
            output = subprocess.run(
                [*command, self.url], capture_output=True, text=True, timeout=60, check=True
            ).stdout
        finally:
            os.unlink(script.name)
        return parse_wrk(output)

    def _lua(self) -> str:
        lines = [f"wrk.method = {lua_string(self.page.method)}"]
        if self.page.method == "POST":
            lines.append(f"wrk.body = {lua_string(self.page.body)}")
        lines += [
            f"wrk.headers[{lua_string(name)}] = {lua_string(value)}" for name, value in self.headers.items()
        ]
        return "\n".join(lines) + "\n"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def measure(server: Server, page: Page, *, warm_up: str = WARM_UP, duration: str = DURATION) -> LoadResult:
    client = Client(server, page)
    client.check_once()
    client.wrk(warm_up)
    result = client.wrk(duration)
    if result.errors:
        raise RuntimeError(
            f"({page.key}) {result.errors} of {result.requests} requests failed under load "
            f"(an answer other than 2xx/3xx, or a refused connection); see {server.log_path}"
        )
    return result


UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def parse_wrk(output: str) -> LoadResult:
    def number(pattern: str) -> str:
        found = re.search(pattern, output)
        if found is None:
            raise RuntimeError(f"Unexpected wrk output (no {pattern!r}):\n{output}")
        return found.group(1)

    def latency(percent: int) -> float:
        found = re.search(rf"^\s*{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
        if found is None:
            raise RuntimeError(f"Unexpected wrk output (no {percent}% latency):\n{output}")
        return float(found.group(1)) * UNITS_MS[found.group(2)]

    errors = timeouts = 0
    if found := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        errors += int(found.group(1))
    if found := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output):
        connect, read, write, timeouts = (int(value) for value in found.groups())
        errors += connect + read + write
    return LoadResult(
        requests_per_second=float(number(r"Requests/sec:\s+([\d.]+)")),
        p50_ms=latency(50),
        p99_ms=latency(99),
        requests=int(number(r"(\d+) requests in")),
        errors=errors,
        timeouts=timeouts,
    )
