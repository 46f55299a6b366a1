"""Static files as production serves them: collected by the manifest storage, served by WhiteNoise from
the list it makes at start-up (no WHITENOISE_AUTOREFRESH, which the other tests turn on for speed)."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from cactus.core.tests.test_deploy_checks import PRODUCTION_ENV
from cactus.core.tests.test_settings_defaults import read_settings

PROJECT_ROOT = Path(__file__).resolve().parents[3]
READ = (
    "from django.conf import settings; "
    "print(settings.STORAGES['staticfiles']['BACKEND'], getattr(settings, 'WHITENOISE_AUTOREFRESH', '-'))"
)


def production_static_settings() -> tuple[str, str]:
    """The static storage and WHITENOISE_AUTOREFRESH of the settings module under production's environment."""
    backend, autorefresh = read_settings(READ, PRODUCTION_ENV, without={"DEBUG", "SECRET_KEY"})
    return backend, autorefresh


@pytest.fixture
def production_static(settings, tmp_path):
    """The files collected as production collects them, WhiteNoise configured as in production."""
    backend, autorefresh = production_static_settings()
    assert autorefresh == "-"  # production leaves it unset: off when DEBUG is off
    del settings.WHITENOISE_AUTOREFRESH  # set by the root conftest
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = settings.STORAGES | {"staticfiles": {"BACKEND": backend}}
    # The project's own files only, found where the apps' finder finds them (compressing the admin's
    # hundred files would take most of the time for nothing this test reads).
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATICFILES_DIRS = sorted(PROJECT_ROOT.glob("cactus/*/static"))
    call_command("collectstatic", interactive=False, verbosity=0)
    return settings.STATIC_ROOT


@pytest.mark.django_db
def test_production_serves_the_hashed_stylesheet_for_a_year_and_nothing_it_did_not_collect(production_static):
    client = Client()  # its WhiteNoise is built at the first request, over what was collected
    page = client.get(reverse("accounts:login"))

    # The page links the stylesheet by its hashed name (from the manifest), served forever, compressed.
    assert page.status_code == 200
    [stylesheet] = re.findall(r'href="(/static/cactus/cactus\.[0-9a-f]{12}\.css)"', page.content.decode())
    served = client.get(stylesheet, HTTP_ACCEPT_ENCODING="gzip")
    assert served.status_code == 200
    assert served["Cache-Control"] == "max-age=315360000, public, immutable"
    assert served["Content-Encoding"] == "gzip"
    # A missing file is a 404; so is one written after start-up: WhiteNoise serves its start-up list only.
    assert client.get("/static/cactus/absent.css").status_code == 404
    (production_static / "cactus" / "late.css").write_text("main { color: red }")
    assert client.get("/static/cactus/late.css").status_code == 404
    assert Client().get("/static/cactus/late.css").status_code == 200  # a new process would serve it
