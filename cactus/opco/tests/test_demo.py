"""`manage.py demo`: the sandbox is OPCO Commerce's API, and Rose Vidal's dossier is engaged there."""

import html

import pytest
from django.core.management import call_command
from django.urls import reverse

from cactus.dossiers.models import Dossier
from cactus.opco.demo import ALTERNANT_EMAIL, DEMO_KEY, DEMO_OPCO
from cactus.opco.models import Deposit, OpcoConnection, OpcoState
from cactus.opco.sandbox import SandboxState, deca_number_for, start_sandbox

pytestmark = pytest.mark.django_db


def engaged_deposit() -> Deposit:
    dossier = Dossier.objects.get(alternant__email=ALTERNANT_EMAIL)
    assert dossier.status == Dossier.Status.SENT_TO_OPCO
    return Deposit.objects.get(dossier=dossier, is_current=True)


@pytest.mark.django_db(transaction=True)
def test_with_the_sandbox_running_the_demo_deposits_and_engages_through_it(settings, capsys):
    server = start_sandbox(SandboxState(api_keys={DEMO_KEY: "2099-12-31"}))
    settings.OPCO_SANDBOX_URL = server.url
    try:
        call_command("demo", password="Demo-password-2026")
    finally:
        server.shutdown()
        server.server_close()

    deposit = engaged_deposit()
    assert deposit.opco_state == OpcoState.ENGAGE
    assert deposit.deca_number == deca_number_for(deposit.opco_number)
    assert server.state.deposits_received == 1
    assert server.state.contracts[deposit.opco_number]["etat"] == "ENGAGE"
    assert "engagé par OPCO Commerce (par le bac à sable)" in capsys.readouterr().out


def test_without_the_sandbox_the_demo_records_its_answers_and_runs_twice_without_a_second_deposit(
    settings, client, capsys
):
    settings.OPCO_SANDBOX_URL = "http://127.0.0.1:9"  # nothing listens there
    call_command("demo", password="Demo-password-2026")

    deposit = engaged_deposit()
    assert deposit.opco_state == OpcoState.ENGAGE and deposit.deca_number and len(deposit.schedule) == 4
    assert "bac à sable arrêté" in capsys.readouterr().out
    connection = OpcoConnection.objects.get(opco=DEMO_OPCO)
    assert connection.uses_api and connection.base_url == "http://127.0.0.1:9"
    # The other demo OPCO (ATLAS) stays on the box "Envoyé à l'OPCO".
    assert not OpcoConnection.objects.filter(opco="ATLAS").exists()

    client.force_login(deposit.dossier.employer_contact)
    page = html.unescape(
        client.get(
            reverse("dossiers:tab", kwargs={"pk": deposit.dossier_id, "tab": "suivi"})
        ).content.decode()
    )
    assert f"N° DECA{deposit.deca_number}" in page.replace('</dt><dd id="numero-deca">', "")
    assert "Engagé" in page

    # Run again (the demo is idempotent): the step deposits nothing more.
    call_command("demo", password="Demo-password-2026")
    assert Deposit.objects.count() == 1
