"""`manage.py demo` leaves a known token, so `make run` shows the API at once."""

import io

import pytest
from django.core.management import call_command

from cactus.api.demo import DEMO_TOKEN
from cactus.api.models import ApiToken
from cactus.api.tests.conftest import ApiClient

pytestmark = pytest.mark.django_db


def test_the_demo_gives_a_working_token_once_and_prints_how_to_use_it():
    output = io.StringIO()
    call_command("demo", stdout=output)
    call_command("demo", stdout=io.StringIO())  # idempotent

    assert ApiToken.objects.count() == 1
    assert f"Bearer {DEMO_TOKEN}" in output.getvalue()
    response = ApiClient(DEMO_TOKEN).get("/api/v1/dossiers")
    assert response.status_code == 200
    assert response.json()["resultats"]
