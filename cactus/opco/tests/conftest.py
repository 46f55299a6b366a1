"""The sandbox OPCO on 127.0.0.1, a connection to it, and dossiers brought to "Documents validés (CFA)"."""

import io
from datetime import date, timedelta

import pytest
from reportlab.pdfgen import canvas

from cactus.core.tests.world import make_dossier_in_state
from cactus.core.uploads import CheckedPdf
from cactus.dossiers import transitions
from cactus.dossiers.models import Dossier
from cactus.opco.models import OpcoConnection
from cactus.opco.sandbox import SandboxState, start_sandbox

API_KEY = "cle-de-test-0123456789-ABCD"
WEBHOOK_SECRET = "secret-de-test-des-notifications"
OPCO = "ATLAS"  # the factories' employer has IDCC 1486 (Syntec) → ATLAS (referentials table)


def pdf(text: str) -> CheckedPdf:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, text)
    page.showPage()
    page.save()
    return CheckedPdf(data=buffer.getvalue(), original_name=f"{text}.pdf")


@pytest.fixture
def sandbox():
    server = start_sandbox(SandboxState(api_keys={API_KEY: (date.today() + timedelta(days=365)).isoformat()}))
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def connection(db, sandbox, settings):
    settings.OPCO_HTTP_TIMEOUT = 2
    settings.OPCO_RETRY_BASE_SECONDS = 60
    connection = OpcoConnection(opco=OPCO, mode=OpcoConnection.Mode.API, base_url=sandbox.url)
    connection.set_api_key(API_KEY)
    connection.set_webhook_secret(WEBHOOK_SECRET)
    connection.save()
    return connection


@pytest.fixture
def returned_dossier(formation, alternant, employer_contact):
    """Signed CERFA and convention returned: the CFA's next step is "Validation des documents"."""
    dossier = make_dossier_in_state(
        Dossier.Status.VALIDATED, formation=formation, alternant=alternant, employer_contact=employer_contact
    )
    files = {"signed_cerfa": pdf("CERFA signé"), "signed_convention": pdf("Convention signée")}
    return transitions.return_signed_documents(dossier=dossier, files=files, by=employer_contact)


def validate(dossier, advisor, capture) -> Dossier:
    """The conseillère validates the documents; the on-commit work (the deposit task) runs."""
    with capture(execute=True):
        transitions.validate_documents(dossier=dossier, stamped_cerfa=pdf("CERFA visé"), by=advisor)
    return Dossier.objects.get(pk=dossier.pk)
