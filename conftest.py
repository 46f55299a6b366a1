"""Shared fixtures: the cast (alternant, employer_contact, formation_manager, cfa_advisor, cfa_admin,
stranger), a real SMTP server, and the browser set-up for Playwright with Debian's chromium."""

import contextlib
import os
import shutil
import socket
import tempfile
import threading
import time

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM refuses to run there
# unless told it is safe. Test-only (see STACK.md §3).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        message = (
            f"Chromium introuvable ({CHROMIUM}) : lancez `make deps` (paquets chromium chromium-driver)."
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """SQLite tests use a database file (in memory-backed /dev/shm when there is one), not
    ":memory:": with an in-memory database the live server's threads share the test's single
    connection, so two requests at once (a double click, a draft saved while a page is sent)
    interleave their transactions and an e-mail sent on commit can be lost. With a file each
    thread has its own connection and SQLite's locking, as in production."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    # The live server serves each browser socket in a thread of its own, and Chromium keeps its
    # sockets alive between requests: with persistent connections (CONN_MAX_AGE, 60 s in
    # settings) every such thread held a PostgreSQL connection until it ended, and a full run
    # reached PostgreSQL's 100 ("too many clients already"). In tests a connection lives for one
    # request, as with Django's default. Changed in place: every thread's connection reads this dict.
    database["CONN_MAX_AGE"] = 0
    if database["ENGINE"] == "django.db.backends.sqlite3":
        directory = "/dev/shm" if os.access("/dev/shm", os.W_OK) else tempfile.gettempdir()
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        name = os.path.join(directory, f"cactus-test-{os.getpid()}-{worker}.sqlite3")
        database.setdefault("TEST", {})["NAME"] = name
        yield
        for leftover in (f"{name}-wal", f"{name}-shm", name):
            with contextlib.suppress(FileNotFoundError):
                os.remove(leftover)
    else:
        yield


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path, request):
    # A fast hasher: Argon2 is tested on its own; here it would only slow every login down.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # WhiteNoise looks a static file up when it is asked for, instead of listing STATIC_ROOT each time
    # its middleware is built: with DEBUG off (as in tests) it read every file's headers (10-15 ms)
    # for each new test client, that is for each test and each request of the access matrix.
    settings.WHITENOISE_AUTOREFRESH = True
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CACTUS_BASE_URL = "http://testserver"
    # No test reaches the real company search: tests that need one start a local fake.
    settings.COMPANY_SEARCH_URL = ""
    # A fresh cache per test: throttling counters must not leak from one test to the next.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": request.node.nodeid,
        }
    }


class _LiveRequests:
    """How many requests the live server is serving now. Counted from Django's request_started and
    request_finished sent by a WSGIHandler (the live server's); the test client's are left out
    (its handler is no WSGIHandler, and a streamed answer a test never reads never finishes)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.count = 0

    @staticmethod
    def _served(sender) -> bool:
        from django.core.handlers.wsgi import WSGIHandler

        return isinstance(sender, type) and issubclass(sender, WSGIHandler)

    def started(self, sender, **kwargs):
        if self._served(sender):
            with self.lock:
                self.count += 1

    def finished(self, sender, **kwargs):
        if self._served(sender):
            with self.lock:
                self.count -= 1

    def wait_until_quiet(self, timeout: float = 10.0) -> None:
        """Returns once nothing has been served for three looks in a row (150 ms), or after
        `timeout`: a request the browser sent just before its context closed may still be arriving."""
        deadline = time.monotonic() + timeout
        quiet = 0
        while quiet < 3 and time.monotonic() < deadline:
            quiet = quiet + 1 if self.count <= 0 else 0
            time.sleep(0.05)


_live_requests = _LiveRequests()


@pytest.fixture(autouse=True)
def _live_server_quiet_before_flush(request):
    """A browser test ends when its last check passes, and the browser may still be talking to the
    live server: a draft saved as a field lost focus, a keepalive request as a page was left. The
    database flush that follows (TRUNCATE on PostgreSQL) then deadlocks with that request's row
    lock, or SQLite answers "database is locked". So, before the flush: close every browser
    context the test opened (its own `browser.new_context()` ones too), then wait until the live
    server serves nothing. Set up after the database fixture, so it is torn down before it."""
    if "live_server" not in request.fixturenames:
        yield
        return
    from django.core.signals import request_finished, request_started

    request.getfixturevalue("_django_db_helper")
    browser = request.getfixturevalue("browser") if {"browser", "page"} & set(request.fixturenames) else None
    request_started.connect(_live_requests.started, dispatch_uid="cactus-live-requests-started")
    request_finished.connect(_live_requests.finished, dispatch_uid="cactus-live-requests-finished")
    yield
    for context in list(browser.contexts if browser else []):
        with contextlib.suppress(Exception):
            context.close()
    _live_requests.wait_until_quiet()


@pytest.fixture(autouse=True)
def _reference_data(request):
    """The reference rows a flush may have removed (cactus.core.tests.reference_data), back first."""
    uses_db = request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(
        request.fixturenames
    )
    if not uses_db:
        return
    request.getfixturevalue("_django_db_helper")
    from cactus.core.tests.reference_data import ensure_reference_data

    ensure_reference_data()


class SmtpCollector:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        import email
        from email import policy

        parsed = email.message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append(parsed)
        return "250 Message accepted for delivery"

    def bodies_to(self, address: str) -> list[str]:
        return [
            message.get_body(preferencelist=("plain",)).get_content()
            for message in self.messages
            if address in message["To"]
        ]


@pytest.fixture
def company_search(settings):
    """A local fake of recherche-entreprises.api.gouv.fr, set as COMPANY_SEARCH_URL (short timeout)."""
    from cactus.companies.tests.fake_api import FakeCompanySearch

    fake = FakeCompanySearch().start()
    settings.COMPANY_SEARCH_URL = fake.url
    settings.COMPANY_SEARCH_TIMEOUT = 0.5
    yield fake
    fake.stop()


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server on 127.0.0.1; Django sends to it with its SMTP backend."""
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    collector = SmtpCollector()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    yield collector
    controller.stop()


@pytest.fixture
def cfa_admin(db):
    from cactus.accounts.tests.factories import UserFactory

    return UserFactory(email="admin@cfa.test", cfa_admin=True)


@pytest.fixture
def cfa_advisor(db):
    from cactus.accounts.tests.factories import UserFactory

    return UserFactory(
        email="conseillere@cfa.test", first_name="Sophie", last_name="Martin", cfa_advisor=True
    )


@pytest.fixture
def formation_manager(db):
    from cactus.accounts.tests.factories import UserFactory

    return UserFactory(email="responsable@cfa.test")


@pytest.fixture
def formation(formation_manager, cfa_advisor):
    from cactus.formations.tests.factories import FormationFactory

    return FormationFactory(managers=[formation_manager], cfa_advisor=cfa_advisor)


@pytest.fixture
def alternant(db):
    from cactus.accounts.tests.factories import UserFactory

    return UserFactory(email="alternant@etudiant.test")


@pytest.fixture
def employer_contact(db):
    from cactus.accounts.tests.factories import UserFactory

    return UserFactory(email="contact@entreprise.test")


@pytest.fixture
def stranger(db):
    from cactus.accounts.tests.factories import UserFactory

    return UserFactory(email="inconnu@ailleurs.test")


@pytest.fixture
def dossier(formation, alternant, employer_contact):
    from cactus.dossiers.tests.factories import DossierFactory

    return DossierFactory(formation=formation, alternant=alternant, employer_contact=employer_contact)
