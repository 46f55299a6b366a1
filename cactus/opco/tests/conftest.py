"""The sandbox OPCO on 127.0.0.1, a connection to it, and dossiers brought to "Documents validés (CFA)"."""

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from reportlab.pdfgen import canvas

from cactus.contracts import services as contract_services
from cactus.core.tests.world import make_dossier_in_state
from cactus.core.uploads import CheckedPdf
from cactus.dossiers import services as dossier_services
from cactus.dossiers import transitions
from cactus.dossiers.models import Dossier
from cactus.dossiers.tests import tab_data
from cactus.opco.models import Deposit, OpcoConnection
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


@pytest.fixture
def engaged(connection, sandbox, returned_dossier, cfa_advisor, django_capture_on_commit_callbacks):
    """Deposited through the sandbox, then engaged by it (read by `opco_poll`): the current deposit."""
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)
    deposit = Deposit.objects.get(dossier=dossier)
    sandbox.state.decide(deposit.opco_number, "ENGAGE")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("opco_poll")
    deposit.refresh_from_db()
    return deposit


def rupture(dossier, by, capture):
    """ "Enregistrer la rupture" in the first 45 days (L6222-18 al. 1), on-commit work run: the
    apprentice goes on at the CFA as a stagiaire (L6222-18-2)."""
    from cactus.contracts.grounds import Initiator, Situation

    with capture(execute=True):
        return contract_services.record_rupture(
            dossier=dossier,
            by=by,
            ruptured_on=date(2026, 10, 15),
            initiator=Initiator.EMPLOYER,
            ground="probation",
            situation=Situation.CFA_TRAINEE,
        )


def returned_avenant(
    dossier, *, employer_contact, formation_manager, cfa_advisor, previous_number=None, effective_on=None
):
    """An avenant 36 (new maître d'apprentissage) to `dossier`, validated and signed: the CFA's next
    step is "Validation des documents"."""
    avenant = contract_services.create_amendment(
        dossier=dossier,
        by=employer_contact,
        amendment_type="36",
        effective_on=effective_on or dossier.contract_start,
        previous_number=previous_number or dossier.contract_number,
    )
    values = tab_data.employer_values() | {"mentor1-last_name": "Nouvelle", "mentor1-first_name": "Maîtresse"}
    avenant = dossier_services.submit_page(
        dossier=avenant, key="employer", values=values, by=employer_contact
    )
    transitions.request_validation(dossier=avenant, by=employer_contact)
    transitions.validate_dossier(dossier=avenant, by=formation_manager)
    avenant = transitions.validate_economic_elements(
        dossier=Dossier.objects.get(pk=avenant.pk), by=cfa_advisor
    )
    files = {"signed_cerfa": pdf("Avenant signé"), "signed_convention": pdf("Convention signée")}
    return transitions.return_signed_documents(dossier=avenant, files=files, by=employer_contact)
