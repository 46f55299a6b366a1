"""Settings that follow the environment: the base URL of e-mail links, the company search."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[3]
READ = "from django.conf import settings; print(settings.CACTUS_BASE_URL, settings.COMPANY_SEARCH_URL or '-')"


def settings_with(**env: str) -> list[str]:
    return read_settings(
        READ, env, without={"CACTUS_BASE_URL", "PORT", "DEBUG", "SECRET_KEY", "COMPANY_SEARCH_URL"}
    )


def read_settings(read: str, env: dict[str, str], *, without=frozenset()) -> list[str]:
    """What the script `read` prints (its last line, split) in a fresh interpreter that loads the
    settings module under the current environment minus `without`, plus `env`."""
    clean = {key: value for key, value in os.environ.items() if key not in without}
    # A fresh interpreter reads the settings module under that environment (no `manage.py shell`:
    # loading every app and the shell's imports took 3 s a call, for values the module alone sets).
    result = subprocess.run(
        [sys.executable, "-c", read],
        cwd=PROJECT_ROOT,
        env=clean | env | {"DJANGO_SETTINGS_MODULE": "cactus.settings"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout.splitlines()[-1].split()


def test_links_in_e_mails_follow_the_port_of_make_run_when_no_base_url_is_set():
    assert settings_with(PORT="8080")[0] == "http://127.0.0.1:8080"
    assert settings_with()[0] == "http://127.0.0.1:8000"
    assert settings_with(PORT="8080", CACTUS_BASE_URL="https://cactus.cfa.fr/")[0] == "https://cactus.cfa.fr"


def test_the_company_search_is_offline_in_development_and_the_real_api_in_production():
    assert settings_with()[1] == "-"
    production = {"DEBUG": "false", "SECRET_KEY": "x" * 60}
    assert settings_with(**production)[1] == "https://recherche-entreprises.api.gouv.fr"
    assert settings_with(**production, COMPANY_SEARCH_URL="")[1] == "-"
    assert settings_with(COMPANY_SEARCH_URL="http://127.0.0.1:9999/")[1] == "http://127.0.0.1:9999"
