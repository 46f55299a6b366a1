"""Production settings pass `check --deploy` with no warning, and every response carries the security headers."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from cactus.core.security import build_policy
from cactus.core.tests import figures

PROJECT_ROOT = Path(__file__).resolve().parents[3]
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "x7Qm!d2#Lp9@vR4$wN8^kT1&zB6*hF3(jC5)sG0-yE7_uA2+oI9=eD4~",
    "ALLOWED_HOSTS": "cactus.cfa.example.fr",
    "CACTUS_BASE_URL": "https://cactus.cfa.example.fr",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean_env = {
        key: value
        for key, value in os.environ.items()
        # DJANGO_ALLOW_ASYNC_UNSAFE is set by the root conftest for Playwright, never in production.
        if key not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"}
        and key != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env=clean_env | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_with_the_production_environment_gives_no_warning():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    warnings = re.findall(r"\(\w+\.[WE]\d+\)", result.stdout + result.stderr)
    figures.record("check --deploy warnings and errors (production env)", len(warnings))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", env={"DEBUG": "false", "ALLOWED_HOSTS": "cactus.cfa.example.fr"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_development_defaults_still_pass_the_ordinary_check():
    result = run_manage("check", env={})
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_content_security_policy_forbids_inline_scripts_and_framing(client, settings):
    response = client.get(reverse("accounts:login"))
    policy = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert policy == build_policy(settings.CONTENT_SECURITY_POLICY)


@pytest.mark.parametrize("url_name", ["accounts:login", "core:legal", "accounts:password_reset"])
def test_every_page_denies_framing_sniffing_and_cross_site_referrers(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_pages_carry_no_inline_script_the_policy_would_block(client):
    # The policy and the templates must agree: an inline <script> would be silently dead in browsers.
    body = client.get(reverse("accounts:login")).content.decode()
    assert "<script>" not in body
    assert " onclick=" not in body
    assert 'style="' not in body


def test_hsts_is_sent_on_tls_requests_in_production(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get(reverse("accounts:login"), secure=True)
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_hsts_is_not_sent_over_plain_http(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get(reverse("accounts:login"))
    assert "Strict-Transport-Security" not in response.headers


def test_plain_http_is_redirected_to_https_in_production(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 301
    assert response.headers["Location"].startswith("https://")


@pytest.mark.django_db
def test_a_post_without_the_csrf_token_is_refused(cfa_admin):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cfa_admin)
    response = client.post(reverse("formations:create"), {"title": "Formation pirate"})
    assert response.status_code == 403


@pytest.mark.django_db
def test_pdfs_shown_inline_get_no_page_policy_that_would_block_the_browser_viewer(client, settings):
    from cactus.core.tests.world import make_dossier_in_state
    from cactus.dossiers.models import Dossier

    dossier = make_dossier_in_state(Dossier.Status.VALIDATED)
    client.force_login(dossier.employer_contact)
    response = client.get(reverse("documents:generated", kwargs={"pk": dossier.pk, "kind": "cerfa"}))
    assert response["Content-Type"] == "application/pdf"
    assert "Content-Security-Policy" not in response.headers
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
