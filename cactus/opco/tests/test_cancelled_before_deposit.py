"""A contract cancelled (before its start) while its deposit waited its turn: the OPCO gets nothing,
the CFA is not asked to send it again, and the dossier leaves the OPCO's queues (issue 16:
"the dossier out of every active queue")."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from cactus.contracts import services as contracts
from cactus.dossiers import transitions
from cactus.dossiers.models import Dossier
from cactus.opco import services
from cactus.opco.models import Deposit
from cactus.opco.panels import QUEUES
from cactus.opco.tests.conftest import pdf, validate

pytestmark = pytest.mark.django_db


def in_queue(key: str) -> list[Dossier]:
    condition = next(condition for name, _, condition in QUEUES if name == key)(timezone.localdate())
    return list(Dossier.objects.filter(condition))


@pytest.fixture
def waiting(
    connection, sandbox, returned_dossier, cfa_advisor, django_capture_on_commit_callbacks, monkeypatch
):
    """Documents validated, the deposit written and queued, its task not run yet."""
    Dossier.objects.filter(pk=returned_dossier.pk).update(contract_start=date.today() + timedelta(days=30))
    with monkeypatch.context() as queue:
        queue.setattr(services, "_enqueue", lambda *args, **kwargs: None)  # the task waits its turn
        with django_capture_on_commit_callbacks(execute=True):
            transitions.validate_documents(
                dossier=returned_dossier, stamped_cerfa=pdf("CERFA visé"), by=cfa_advisor
            )
    deposit = Deposit.objects.get(dossier=returned_dossier)
    assert deposit.status == Deposit.Status.PENDING and deposit.attempts == 0
    return deposit


def test_a_deposit_never_sent_is_not_sent_once_the_contract_is_cancelled(waiting, sandbox, cfa_admin):
    contracts.cancel_contract(dossier=waiting.dossier, by=cfa_admin, reason="L'entreprise renonce.")

    deposit = services.submit_deposit(waiting.pk)

    assert deposit.status == Deposit.Status.FAILED
    assert (
        deposit.last_error
        == "Dépôt non envoyé : le dossier est passé à l'état « Annulé » avant son envoi à l'OPCO."
    )
    assert sandbox.state.deposits_received == 0
    assert in_queue("opco_rejected") == []


def test_the_cancelled_dossier_offers_no_relancer_le_depot(waiting, cfa_admin, cfa_advisor, client):
    contracts.cancel_contract(dossier=waiting.dossier, by=cfa_admin, reason="L'entreprise renonce.")
    services.submit_deposit(waiting.pk)

    client.force_login(cfa_advisor)
    page = client.get(reverse("dossiers:tab", args=[waiting.dossier_id, "suivi"])).content.decode()

    assert "Dépôt non envoyé" in page
    assert "Relancer le dépôt" not in page


def test_a_send_already_tried_goes_on_the_opco_may_hold_it(waiting, sandbox, cfa_admin):
    # The first try's answer was lost (500): the OPCO may have the contract, so the retry is sent
    # with the same key and the cancellation is declared once the OPCO accepts it.
    sandbox.state.add_fault(status=500)
    services.submit_deposit(waiting.pk)
    contracts.cancel_contract(dossier=waiting.dossier, by=cfa_admin, reason="L'entreprise renonce.")

    retry_at = Deposit.objects.get(pk=waiting.pk).next_attempt_at
    with time_machine.travel(retry_at + timedelta(seconds=1)):
        deposit = services.submit_deposit(waiting.pk)

    assert deposit.status in {Deposit.Status.SUBMITTED, Deposit.Status.ACCEPTED}
    assert sandbox.state.deposits_received == 1


def test_a_rejected_deposit_leaves_the_queue_when_its_contract_is_cancelled(
    connection,
    sandbox,
    returned_dossier,
    cfa_advisor,
    cfa_admin,
    formation,
    django_capture_on_commit_callbacks,
):
    Dossier.objects.filter(pk=returned_dossier.pk).update(contract_start=date.today() + timedelta(days=30))
    formation.rncp = ""  # the OPCO requires the formation's RNCP: the deposit is rejected
    formation.save()
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)
    assert Deposit.objects.get(dossier=dossier).status == Deposit.Status.REJECTED
    assert in_queue("opco_rejected") == [dossier]

    contracts.cancel_contract(dossier=dossier, by=cfa_admin, reason="L'entreprise renonce.")

    assert in_queue("opco_rejected") == []
