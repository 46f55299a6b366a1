"""Where the OPCO connector meets the other apps: the DECA number becomes the contract's number that
an avenant quotes (contracts); the back office's deadline column. The avenant's deposit and the
declarations of a rupture or a cancellation: test_avenant_deposit.py, test_declarations.py."""

import html
import re
import uuid
from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from cactus.core.tests.world import make_dossier_in_state
from cactus.dossiers.models import Dossier, DossierEvent
from cactus.opco import panels, services
from cactus.opco.models import Deposit, OpcoState, OpcoStateChange
from cactus.opco.sandbox import deca_number_for
from cactus.opco.tests.conftest import validate

pytestmark = pytest.mark.django_db
QUEUE = reverse("dossiers:back_office")


def test_the_deca_number_becomes_the_contract_number_and_the_avenant_quotes_it(
    client, engaged, employer_contact
):
    # the number of the contract an avenant amends is the OPCO's (DECA) number, 15 characters.
    deca = deca_number_for(engaged.opco_number)
    dossier = Dossier.objects.get(pk=engaged.dossier_id)
    assert engaged.deca_number == deca and dossier.contract_number == deca
    event = dossier.events.get(changes__contract_number=["", deca])
    assert event.actor is None  # the platform, not a person
    assert deca in event.comment

    client.force_login(employer_contact)
    suivi = client.get(reverse("dossiers:tab", kwargs={"pk": dossier.pk, "tab": "suivi"}))
    assert f"Numéro du contrat donné par l'OPCO (n° DECA) : {deca}" in html.unescape(suivi.content.decode())
    url = reverse("contracts:amendment", kwargs={"pk": dossier.pk})
    page = html.unescape(client.get(url).content.decode())
    proposed = re.search(r'name="previous_number"[^>]*value="([^"]*)"', page).group(1)
    assert proposed == deca
    response = client.post(
        url,
        {
            "amendment_type": "36",
            "effective_on": dossier.contract_start.isoformat(),
            "previous_number": proposed,
        },
    )

    assert response.status_code == 302
    avenant = Dossier.objects.get(previous_version=dossier)
    assert avenant.contract.previous_contract_number == deca
    assert avenant.contract_number == deca


def test_a_number_already_known_is_kept_and_a_malformed_one_is_not_copied(
    connection, sandbox, returned_dossier, cfa_advisor, django_capture_on_commit_callbacks
):
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)
    deposit = Deposit.objects.get(dossier=dossier)
    Dossier.objects.filter(pk=dossier.pk).update(contract_number="013202611000101")
    events = DossierEvent.objects.filter(dossier=dossier).count()

    services.record_opco_state(
        deposit,
        state=OpcoState.ENGAGE,
        at=deposit.created_at,
        source=OpcoStateChange.Source.WEBHOOK,
        details={"numeroDeca": deca_number_for(deposit.opco_number)},
    )

    dossier.refresh_from_db()
    assert dossier.contract_number == "013202611000101"
    assert DossierEvent.objects.filter(dossier=dossier).count() == events

    Dossier.objects.filter(pk=dossier.pk).update(contract_number="")
    deposit.deca_number = "DECA-PAS-UN-NUMERO"
    assert services.record_contract_number(deposit) == ""
    dossier.refresh_from_db()
    assert dossier.contract_number == ""


# The back office's deadline column "Décision OPCO (20 jours)" ------------------------------------


def test_the_work_list_counts_the_opco_s_twenty_days_in_its_own_column(
    client, connection, sandbox, returned_dossier, cfa_advisor, django_capture_on_commit_callbacks
):
    # rules.md: the OPCO has 20 days from receipt of the complete file to decide.
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)
    received = Deposit.objects.get(dossier=dossier).received_on
    client.force_login(cfa_advisor)

    with time_machine.travel(received + timedelta(days=5)):
        client.force_login(cfa_advisor)
        [row] = [row for row in client.get(QUEUE).context["rows"] if row["dossier"].pk == dossier.pk]
    deadlines = dict(row["deadlines"])
    assert deadlines["Décision OPCO (20 jours)"].due == received + timedelta(days=20)
    assert deadlines["Décision OPCO (20 jours)"].text == "15 jours restants"

    with time_machine.travel(received + timedelta(days=23)):
        client.force_login(cfa_advisor)
        page = html.unescape(client.get(QUEUE).content.decode())
    assert "Décision OPCO (20 jours)" in page and "dépassée de 3 jours" in page


def test_the_opco_column_costs_no_query_per_row_and_stops_once_the_opco_decided(
    engaged, formation, employer_contact, django_assert_num_queries
):
    for _ in range(3):
        make_dossier_in_state(
            Dossier.Status.VALIDATED, formation=formation, employer_contact=employer_contact
        )
    awaiting = Deposit.objects.create(
        dossier=make_dossier_in_state(Dossier.Status.SENT_TO_OPCO, formation=formation),
        opco="ATLAS",
        idempotency_key=uuid.uuid4(),
        data_version=1,
        status=Deposit.Status.ACCEPTED,
        opco_state=OpcoState.EN_COURS_INSTRUCTION,
        received_on=date(2026, 9, 1),
    )
    today = date(2026, 9, 11)

    with django_assert_num_queries(1):
        shown = {
            dossier.pk: panels.DECISION_COLUMN.running(dossier, today)
            for dossier in panels.DECISION_COLUMN.prepare(Dossier.objects.all())
        }

    assert len(shown) == 5
    assert shown[awaiting.dossier_id].days_left == 10 and shown[awaiting.dossier_id].unit == "jour"
    assert shown[engaged.dossier_id] is None  # ENGAGE: the OPCO decided
    assert [value for pk, value in shown.items() if pk not in (awaiting.dossier_id,)] == [None] * 4
