"""The bench's OPCO deposit step measures a real round trip with the sandbox and leaves the data as it was."""

import pytest

from cactus.bench.deposit import measure_deposit
from cactus.core.tests.world import make_dossier_in_state
from cactus.dossiers import transitions
from cactus.dossiers.models import Dossier
from cactus.opco.models import Deposit, OpcoConnection
from cactus.opco.tests.conftest import pdf

pytestmark = pytest.mark.django_db


def test_the_deposit_step_gives_its_figures_and_changes_nothing(
    formation, alternant, employer_contact, cfa_advisor, django_capture_on_commit_callbacks
):
    dossier = make_dossier_in_state(
        Dossier.Status.VALIDATED, formation=formation, alternant=alternant, employer_contact=employer_contact
    )
    files = {"signed_cerfa": pdf("CERFA signé"), "signed_convention": pdf("Convention signée")}
    transitions.return_signed_documents(dossier=dossier, files=files, by=employer_contact)
    with django_capture_on_commit_callbacks(execute=True):
        transitions.validate_documents(dossier=dossier, stamped_cerfa=pdf("CERFA visé"), by=cfa_advisor)

    figures = measure_deposit()

    assert figures["dossier"] == dossier.pk
    assert figures["files"] == 5 and figures["payload_kib"] > 1
    assert figures["round_trip_ms"] > 0 and figures["queries"] > 0
    assert Dossier.objects.get(pk=dossier.pk).status == Dossier.Status.DOCUMENTS_VALIDATED
    assert not Deposit.objects.exists() and not OpcoConnection.objects.exists()


def test_the_deposit_step_runs_on_the_generated_bench_data():
    from cactus.bench import data

    data.generate(60)

    figures = measure_deposit()

    assert figures["files"] >= 4  # CERFA, convention, and the signed returns it lends the dossier
    assert not Deposit.objects.exists()
