from datetime import date

import pytest

from cactus.contracts import services
from cactus.contracts.models import Cancellation
from cactus.dossiers import back_office
from cactus.dossiers.exceptions import DossierError
from cactus.dossiers.models import Dossier

pytestmark = pytest.mark.django_db
BEFORE_START = date(2026, 8, 20)  # the contract starts on 01/09/2026


def test_the_cfa_cancels_a_contract_before_its_start_with_a_reason_and_everyone_is_told(
    sent_dossier, cfa_advisor, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_contract(
            dossier=sent_dossier, by=cfa_advisor, reason="L'apprenti renonce au contrat.", today=BEFORE_START
        )

    sent_dossier.refresh_from_db()
    assert sent_dossier.status == Dossier.Status.CANCELLED
    assert sent_dossier.status_label == "Annulé le 20/08/2026"
    assert Cancellation.objects.get(dossier=sent_dossier).cancelled_by == cfa_advisor
    event = sent_dossier.events.get(to_status=Dossier.Status.CANCELLED)
    assert (event.actor, event.comment) == (cfa_advisor, "L'apprenti renonce au contrat.")
    assert {"alternant@etudiant.test", "contact@entreprise.test"} <= {mail.to[0] for mail in mailoutbox}
    assert "renonce" in mailoutbox[0].body


@pytest.mark.parametrize(
    "state", [Dossier.Status.DRAFT, Dossier.Status.VALIDATED, Dossier.Status.SENT_TO_OPCO]
)
def test_a_cancelled_dossier_is_in_no_active_queue(dossier, cfa_advisor, state):
    Dossier.objects.filter(pk=dossier.pk).update(status=state, contract_start=date(2026, 9, 1))
    services.cancel_contract(dossier=dossier, by=cfa_advisor, reason="Annulé", today=BEFORE_START)
    today = date(2026, 12, 1)
    for label, condition in back_office.queues(today).values():
        assert not Dossier.objects.filter(pk=dossier.pk).filter(condition).exists(), label
    assert dossier.pk not in Dossier.objects.filter(status__in=Dossier.OPEN_STATUSES).values_list(
        "pk", flat=True
    )


def test_a_started_contract_is_broken_not_cancelled(sent_dossier, cfa_advisor):
    with pytest.raises(DossierError, match="rupture"):
        services.cancel_contract(
            dossier=sent_dossier, by=cfa_advisor, reason="Trop tard", today=date(2026, 9, 1)
        )


def test_the_reason_is_mandatory_and_the_contact_may_not_cancel(
    sent_dossier, cfa_advisor, employer_contact, client
):
    with pytest.raises(DossierError, match="motif"):
        services.cancel_contract(dossier=sent_dossier, by=cfa_advisor, reason="  ", today=BEFORE_START)
    client.force_login(employer_contact)
    assert client.post(f"/contrats/{sent_dossier.pk}/annulation/", {"reason": "x"}).status_code == 403
    sent_dossier.refresh_from_db()
    assert sent_dossier.status == Dossier.Status.SENT_TO_OPCO


def test_after_a_cancellation_the_formation_may_register_the_alternant_again(
    sent_dossier, cfa_advisor, formation_manager
):
    from cactus.dossiers import services as dossier_services

    services.cancel_contract(dossier=sent_dossier, by=cfa_advisor, reason="Annulé", today=BEFORE_START)
    again = dossier_services.register_alternant(
        formation=sent_dossier.formation, alternant_email=sent_dossier.alternant.email, by=formation_manager
    )
    assert again.pk != sent_dossier.pk
