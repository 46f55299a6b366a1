"""The only settings module. Every value comes from the environment; defaults work on a fresh clone."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{name} must be true or false, not {value!r}")


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdefghij"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
# Absolute links in e-mails. Unset: the development server's address on $PORT (`PORT=8080 make run`).
CACTUS_BASE_URL = (
    os.environ.get("CACTUS_BASE_URL") or f"http://127.0.0.1:{os.environ.get('PORT') or '8000'}"
).rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", CACTUS_BASE_URL)

# The CFA this instance serves, as shown to users.
CFA_NAME = os.environ.get("CFA_NAME", "FORMASUP PACA – CFA Epure Méditerranée")
# Its identity on the CERFA ("La formation": CFA responsable) and the convention de formation.
# The defaults are placeholders of the right shape: set the CFA's real numbers in production.
CFA_UAI = os.environ.get("CFA_UAI", "0133999B")
CFA_SIRET = os.environ.get("CFA_SIRET", "13002609900015")
CFA_NDA = os.environ.get("CFA_NDA", "93131234513")  # déclaration d'activité (organisme de formation)
CFA_ADDRESS_NUMBER = os.environ.get("CFA_ADDRESS_NUMBER", "29")
CFA_ADDRESS_STREET = os.environ.get("CFA_ADDRESS_STREET", "avenue Robert Schuman")
CFA_POSTAL_CODE = os.environ.get("CFA_POSTAL_CODE", "13100")
CFA_CITY = os.environ.get("CFA_CITY", "Aix-en-Provence")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "cactus.bench",
    "cactus.core",
    "cactus.law",
    "cactus.accounts",
    "cactus.formations",
    "cactus.dossiers",
    "cactus.documents",
    "cactus.contracts",
    "cactus.notifications",
    "cactus.referentials",
    "cactus.companies",
    "cactus.privacy",
    "cactus.opco",
    "cactus.workspace",
    "cactus.api",
    "ninja",  # its Swagger UI from our static files, not a CDN (the CSP allows none)
    "cactus.signatures",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "cactus.twofactor",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cactus.core.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "cactus.accounts.middleware.RgpdConsentMiddleware",
    "cactus.twofactor.middleware.StaffTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cactus.urls"
WSGI_APPLICATION = "cactus.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cactus" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cactus.core.context_processors.cactus",
            ],
        },
    },
]

VAR_DIR = Path(os.environ.get("CACTUS_VAR_DIR", BASE_DIR / "var"))
# An empty DATABASE_URL means "not set": the SQLite default.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The default SQLite file lives in var/, which a fresh clone does not have yet.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # WAL lets readers and one writer work at once: the dev server and a worker share the file.
    # IMMEDIATE: a transaction takes the write lock when it begins, so a second one waits (up to
    # `timeout` seconds) instead of failing with "database is locked" when both upgrade from a read
    # (two clicks on "Faire la demande" at once did).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
    # The list's covering index (dossiers/0013) carries extra columns on PostgreSQL; SQLite builds
    # it without them, which is all it needs. Said once here rather than on every command.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared by every app server: sessions and the throttling counters live in the database.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "cactus_cache",
        # Django's default keeps 300 entries and culls a third beyond: the throttles' counters
        # (per address, per account) and the dashboard's day-long figures would be culled by a
        # flood of other keys. A row is small; the table stays well within PostgreSQL's comfort.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"  # core.views.home: the back office for staff, else "Vos dossiers"
LOGOUT_REDIRECT_URL = "accounts:login"
# Invitation links (and password reset links) are valid 7 days.
INVITATION_VALIDITY_DAYS = 7
PASSWORD_RESET_TIMEOUT = INVITATION_VALIDITY_DAYS * 24 * 3600
# Version of the RGPD clauses: changing it asks every user to accept again.
RGPD_VERSION = os.environ.get("RGPD_VERSION", "2026-09")

# Behind the reverse proxy of the README's deployment: it terminates TLS, sets X-Forwarded-Proto
# and appends the client's address to X-Forwarded-For (cactus.core.security.client_ip reads it).
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
# Webhooks and OPCO APIs are reached only on public Internet addresses (cactus/core/outbound.py):
# never 127.0.0.1, the LAN or the cloud's metadata service. On with DEBUG for the local sandbox OPCO.
ALLOW_PRIVATE_OUTBOUND_ADDRESSES = env_bool("ALLOW_PRIVATE_OUTBOUND_ADDRESSES", DEBUG)

AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
# Locked: this account from this client address only. Another address (the owner at home) still
# logs in; a successful "Mot de passe oublié" lifts the lock (accounts.services.clear_login_lockouts).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_CLIENT_IP_CALLABLE = "cactus.core.security.axes_client_ip"
AXES_USERNAME_CALLABLE = "cactus.accounts.models.axes_username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", True)
# "Mot de passe oublié": at most this many mails per account each hour (no mail-bombing; the links
# already sent keep working), and this many requests per client address (a CFA's network is shared).
PASSWORD_RESET_THROTTLE = int(os.environ.get("PASSWORD_RESET_THROTTLE", "5"))
PASSWORD_RESET_THROTTLE_PER_ADDRESS = int(os.environ.get("PASSWORD_RESET_THROTTLE_PER_ADDRESS", "20"))
# Invitations of a dossier's contact alternance (Suivi - Info, "Changer le contact"): each change
# mails the new contact, the previous one and the conseillères. The alternant or the formation may
# do it this many times per dossier in 24 hours (CFA staff without limit).
EMPLOYER_CONTACT_INVITATIONS_PER_DAY = int(os.environ.get("EMPLOYER_CONTACT_INVITATIONS_PER_DAY", "5"))

LANGUAGE_CODE = "fr-fr"
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded PDFs (signed scans) larger than this are refused.
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
# A signed CERFA has 2 to 4 pages, a convention a few more: beyond this, an upload is refused.
UPLOAD_MAX_PAGES = int(os.environ.get("UPLOAD_MAX_PAGES", "50"))
# Signed CERFA and convention versions kept per dossier ("Retour des documents"): a dossier needs 2,
# a few more after a rejection; every version is kept, so the cap bounds the disk one dossier uses.
UPLOAD_MAX_SIGNED_VERSIONS = int(os.environ.get("UPLOAD_MAX_SIGNED_VERSIONS", "20"))
# Parsing limits of the upload check (cactus.core.security.check_pdf): a scan's object streams hold a
# few kilobytes of dictionaries, its images are never inflated by the check. A file past any limit
# (a 75 KB file can inflate to 74 MB) is refused as soon as the limit is reached.
UPLOAD_PDF_MAX_INFLATED_BYTES = 8 * 1024 * 1024
UPLOAD_PDF_MAX_OBJECTS = 20_000
UPLOAD_PDF_MAX_CHECK_SECONDS = 5  # CPU seconds
# Optional antivirus for uploads: clamd's address ("unix:///run/clamav/clamd.ctl" or
# "tcp://127.0.0.1:3310"). Empty: no scan. When set and clamd does not answer, uploads are refused.
CLAMAV_ADDRESS = os.environ.get("CLAMAV_ADDRESS", "")
CLAMAV_TIMEOUT = 30

# The State's company search (recherche-entreprises.api.gouv.fr) fills L'employeur from the SIRET.
# Empty = offline (checksum only, fields typed by hand). Unset: the real API in production, offline
# when DEBUG is on, so `make run` never needs the network.
COMPANY_SEARCH_URL = os.environ.get(
    "COMPANY_SEARCH_URL", "" if DEBUG else "https://recherche-entreprises.api.gouv.fr"
).rstrip("/")
COMPANY_SEARCH_TIMEOUT = float(os.environ.get("COMPANY_SEARCH_TIMEOUT", "3"))  # seconds, never blocking

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Cactus <cactus@cfa.test>")

# E-mails and other slow work go through a task queue. The immediate backend runs them in the
# request (fine for one box); production sets TASKS_BACKEND to the database backend and runs
# `manage.py db_worker` on any number of machines.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}

# The read-only API (cactus/api): requests per token, counted in the cache ("600/m", "20/s"...).
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "600/m")
# Unknown or revoked tokens presented from one client address (cactus.core.security.client_ip) per
# hour: past it, that address gets 429 without its token being looked at, so tokens cannot be guessed.
API_AUTH_FAILURES_PER_HOUR = int(os.environ.get("API_AUTH_FAILURES_PER_HOUR", "20"))

# --- Security. `DEBUG=false SECRET_KEY=… ALLOWED_HOSTS=… manage.py check --deploy` gives 0 warnings
# (tested in core/tests/test_deploy_checks.py); the defaults below keep plain-HTTP development working.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_SAMESITE = "Lax"
# A shared computer at the CFA or a school: a session ends after 12 hours without activity.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(12 * 3600)))
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# CFA staff type a code from an authenticator app after their password (cactus/twofactor/README.md).
CFA_STAFF_TWO_FACTOR = env_bool("CFA_STAFF_TWO_FACTOR", False)
OTP_TOTP_ISSUER = "Cactus"
# Resets of a colleague's second factor (lost phone) one CFA administrator may make in an hour: a
# stolen administrator session must not strip every account of its phone.
TWO_FACTOR_RESET_THROTTLE = int(os.environ.get("TWO_FACTOR_RESET_THROTTLE", "5"))
# Sent by cactus.core.security.SecurityHeadersMiddleware. No 'unsafe-inline' anywhere: templates
# carry no inline script, style attribute or event handler (the Django admin has none either).
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Deposit with the OPCOs through the inter-OPCO API (cactus/opco/README.md). The base URL and the
# key of each OPCO are entered by a CFA administrator in the admin, stored encrypted with this key
# (a Fernet key; empty: derived from SECRET_KEY, so changing SECRET_KEY means entering them again).
# The API's webhook secrets are encrypted with it too (cactus.core.encryption).
OPCO_ENCRYPTION_KEY = os.environ.get("OPCO_ENCRYPTION_KEY", "")
OPCO_HTTP_TIMEOUT = float(os.environ.get("OPCO_HTTP_TIMEOUT", "20"))
OPCO_MAX_ATTEMPTS = int(os.environ.get("OPCO_MAX_ATTEMPTS", "5"))
OPCO_RETRY_BASE_SECONDS = int(os.environ.get("OPCO_RETRY_BASE_SECONDS", "60"))
OPCO_WEBHOOK_TOLERANCE_SECONDS = int(os.environ.get("OPCO_WEBHOOK_TOLERANCE_SECONDS", "300"))
# Where the demo (`manage.py demo`) points its OPCO connection: the sandbox of `manage.py opco_sandbox`.
OPCO_SANDBOX_URL = os.environ.get("OPCO_SANDBOX_URL", "http://127.0.0.1:8765")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Online signature (cactus/signatures/README.md): the CFA's certificate as a PKCS#12 file and its
# password; the PEM roots the validator trusts. `manage.py signing_test_ca DIR` makes test ones.
# With DEBUG on and nothing set, the demo's test CA (written by `manage.py demo` under var/): a
# fresh clone signs out of the box; production must set all three.
SIGNING_TEST_CA_DIR = BASE_DIR / "var" / "signing-test-ca"
CACTUS_SIGNING_CERT = os.environ.get(
    "CACTUS_SIGNING_CERT", str(SIGNING_TEST_CA_DIR / "cfa-signing.p12") if DEBUG else ""
)
CACTUS_SIGNING_CERT_PASSWORD = os.environ.get("CACTUS_SIGNING_CERT_PASSWORD", "cactus-test" if DEBUG else "")
CACTUS_SIGNING_TRUST_ROOTS = env_list(
    "CACTUS_SIGNING_TRUST_ROOTS", str(SIGNING_TEST_CA_DIR / "test-ca.pem") if DEBUG else ""
)
# RFC 3161 timestamp authority (TSA): with a URL, every signature embeds its signature timestamp
# (PAdES B-T) and signing fails, with a message, while it does not answer; empty: no timestamp.
# Its root goes in CACTUS_SIGNING_TRUST_ROOTS. `manage.py tsa_sandbox` runs a test one.
SIGNATURE_TSA_URL = os.environ.get("SIGNATURE_TSA_URL", "")
SIGNATURE_TSA_TIMEOUT = int(os.environ.get("SIGNATURE_TSA_TIMEOUT", "10"))
# A signing link lasts this many days; a one-time code this many minutes; five wrong codes lock the link.
SIGNING_LINK_VALIDITY_DAYS = int(os.environ.get("SIGNING_LINK_VALIDITY_DAYS", "15"))
SIGNING_CODE_VALIDITY_MINUTES = 15
SIGNING_MAX_CODE_ATTEMPTS = 5
# Rounds of online signature a dossier may start (each stores a copy of the CERFA and the convention
# and mails a link): switching paper / online back and forth must not fill the disk or a mailbox.
SIGNING_MAX_ROUNDS = int(os.environ.get("SIGNING_MAX_ROUNDS", "10"))
# One-time codes a signer may ask for (besides one every 30 s): per hour and per 24 hours. Past it,
# the page says when to ask again; a leaked link or a script cannot flood the mailbox or our SMTP.
SIGNING_CODES_PER_HOUR = int(os.environ.get("SIGNING_CODES_PER_HOUR", "5"))
SIGNING_CODES_PER_DAY = int(os.environ.get("SIGNING_CODES_PER_DAY", "10"))
