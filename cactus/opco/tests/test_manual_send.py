"""The box "Envoyé à l'OPCO" while the API deposit runs: the platform records it, nobody ticks it by hand;
a deposit that failed leaves the manual route open (the CFA's way out)."""

import html

import pytest
from django.urls import reverse

from cactus.dossiers import transitions
from cactus.dossiers.exceptions import DossierError
from cactus.dossiers.models import Dossier
from cactus.opco.models import Deposit
from cactus.opco.tests.conftest import validate

pytestmark = pytest.mark.django_db
Status = Deposit.Status
SEND_FORM = 'id="envoi"'


def suivi(client, dossier) -> str:
    return html.unescape(
        client.get(reverse("dossiers:tab", kwargs={"pk": dossier.pk, "tab": "suivi"})).content.decode()
    )


@pytest.fixture
def in_progress(connection, sandbox, returned_dossier, cfa_advisor, django_capture_on_commit_callbacks):
    """Deposited by the API, the OPCO still checking it: the dossier is at "Documents validés (CFA)"."""
    sandbox.state.job_delay = 3600
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)
    assert Deposit.objects.get(dossier=dossier).status == Status.SUBMITTED
    return dossier


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (Status.PENDING, "en cours de dépôt à l'OPCO par l'API"),
        (Status.SUBMITTED, "en cours de contrôle"),
        # Accepted but not moved (the move failed, or the job completed while the dossier was elsewhere).
        (Status.ACCEPTED, "L'OPCO a déjà reçu ce dossier par l'API"),
    ],
)
def test_the_box_is_not_offered_and_a_forged_post_is_refused_while_the_api_deposit_runs(
    client, in_progress, employer_contact, cfa_advisor, status, words
):
    Deposit.objects.filter(dossier=in_progress).update(status=status)
    url = reverse("dossiers:mark_sent", args=[in_progress.pk])

    for person in (employer_contact, cfa_advisor):
        client.force_login(person)
        assert SEND_FORM not in suivi(client, in_progress)
        response = client.post(url, {"confirmed": "on"}, follow=True)

        assert response.redirect_chain[-1][1] == 302
        assert words in html.unescape(response.content.decode())
        assert Dossier.objects.get(pk=in_progress.pk).status == Dossier.Status.DOCUMENTS_VALIDATED
    with pytest.raises(DossierError, match="API"):
        transitions.mark_sent_to_opco(dossier=in_progress, by=employer_contact)


def test_the_platform_still_records_it_when_the_opco_accepts(in_progress, sandbox):
    from cactus.opco import services

    sandbox.state.job_delay = 0
    services.check_job(Deposit.objects.get(dossier=in_progress))

    dossier = Dossier.objects.get(pk=in_progress.pk)
    assert dossier.status == Dossier.Status.SENT_TO_OPCO
    assert dossier.events.get(to_status=Dossier.Status.SENT_TO_OPCO).actor is None


def test_a_deposit_that_failed_for_good_leaves_the_box_to_the_cfa(
    client,
    connection,
    sandbox,
    returned_dossier,
    cfa_advisor,
    employer_contact,
    django_capture_on_commit_callbacks,
):
    sandbox.state.api_keys.clear()  # the OPCO refuses the key: failed at once
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)
    assert Deposit.objects.get(dossier=dossier).status == Status.FAILED
    client.force_login(employer_contact)

    assert SEND_FORM in suivi(client, dossier)
    client.post(reverse("dossiers:mark_sent", args=[dossier.pk]), {"confirmed": "on"})

    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.SENT_TO_OPCO
    assert dossier.events.get(to_status=Dossier.Status.SENT_TO_OPCO).actor == employer_contact
