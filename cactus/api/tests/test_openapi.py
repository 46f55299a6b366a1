"""Property-based tests of the API against its own OpenAPI document (schemathesis): requests generated
from /api/v1/openapi.json, as served, get answers that match it (status codes, content types, bodies)
and never a server error. Bounded: a few dozen examples per operation, seconds not minutes."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from cactus.api import services
from cactus.dossiers.models import Dossier
from cactus.dossiers.tests.factories import DossierFactory, EmployerFactory
from cactus.formations.tests.factories import FormationFactory

MAX_EXAMPLES = 30


# The document as the app serves it (fetched through the WSGI application at collection).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def wsgi_keeps_the_test_connection(db):
    """As Django's test client does: a request must not close the test's database connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(db, cfa_admin) -> str:
    """A token that sees one formation of two, with dossiers in several states in both."""
    mine, other = FormationFactory(), FormationFactory()
    for formation in (mine, other):
        DossierFactory(formation=formation)
        DossierFactory(formation=formation, status=Dossier.Status.VALIDATED)
        EmployerFactory(dossier__formation=formation)
    return services.create_token(name="Schemathesis", formations=[mine], all_formations=False, by=cfa_admin)[
        1
    ]


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_answers_as_its_openapi_document_says(case, token, wsgi_keeps_the_test_connection):
    # A cursor is valid only when the API made it: no schema can describe that, so a made-up one
    # (a 400 in French) is not held against the API; every other check runs.
    excluded = [positive_data_acceptance] if (case.query or {}).get("curseur") else []
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, excluded_checks=excluded)


def test_the_openapi_document_describes_the_bearer_token_and_every_endpoint(client):
    document = client.get("/api/v1/openapi.json").json()

    assert set(document["paths"]) == {
        "/api/v1/formations",
        "/api/v1/formations/{formation_id}",
        "/api/v1/dossiers",
        "/api/v1/dossiers/{dossier_id}",
    }
    assert document["components"]["securitySchemes"]["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    filters = {parameter["name"] for parameter in document["paths"]["/api/v1/dossiers"]["get"]["parameters"]}
    assert filters == {
        "etat",
        "formation",
        "cree_depuis",
        "modifie_depuis",
        "debut_contrat_du",
        "debut_contrat_au",
        "curseur",
        "limite",
    }
