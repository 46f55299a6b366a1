"""After the deposit: the OPCO's states by polling and by signed webhooks, the e-mails on a decision,
the 20-day count (rules.md R-7.1: "The OPCO has 20 days to decide"), the panel and the queues."""

import hashlib
import hmac
import html
import json
import uuid
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cactus.dossiers.models import Dossier
from cactus.opco import panels
from cactus.opco.models import Deposit, OpcoState, OpcoStateChange, WebhookNotification
from cactus.opco.sandbox import deca_number_for
from cactus.opco.tests.conftest import WEBHOOK_SECRET, validate

pytestmark = pytest.mark.django_db


@pytest.fixture
def deposited(connection, sandbox, returned_dossier, cfa_advisor, django_capture_on_commit_callbacks):
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)
    return Deposit.objects.get(dossier=dossier)


def test_the_poll_records_the_engagement_with_its_deca_number_and_schedule_and_mails_it(
    deposited, sandbox, employer_contact, cfa_advisor, django_capture_on_commit_callbacks
):
    sandbox.state.decide(deposited.opco_number, "ENGAGE")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("opco_poll")

    deposited.refresh_from_db()
    assert deposited.opco_state == OpcoState.ENGAGE
    assert deposited.deca_number == deca_number_for(deposited.opco_number)
    assert len(deposited.schedule) == 4 and deposited.schedule[0]["montant"]
    states = list(deposited.state_changes.values_list("state", flat=True))
    assert states == [OpcoState.TRANSMIS, OpcoState.EN_COURS_INSTRUCTION, OpcoState.ENGAGE]
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [employer_contact.email, cfa_advisor.email]
    )
    assert deposited.deca_number in mail.outbox[0].body


def test_polling_again_records_nothing_twice(deposited, sandbox, django_capture_on_commit_callbacks):
    sandbox.state.decide(deposited.opco_number, "ENGAGE")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("opco_poll")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("opco_poll")

    assert deposited.state_changes.count() == 3
    assert mail.outbox == []


def test_a_refusal_records_its_reasons_and_mails_them(deposited, sandbox, django_capture_on_commit_callbacks):
    sandbox.state.decide(deposited.opco_number, "REFUSE", ["Employeur hors champ de l'OPCO."])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("opco_poll")

    deposited.refresh_from_db()
    assert deposited.opco_state == OpcoState.REFUSE
    assert deposited.refusal_reasons == ["Employeur hors champ de l'OPCO."]
    assert "Employeur hors champ de l'OPCO." in mail.outbox[0].body
    assert "refusé" in mail.outbox[0].subject


# Webhooks ------------------------------------------------------------------------------------


def notification(deposit, state="ENGAGE", **fields) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "timestamp": timezone.now().isoformat(),
        "numeroDossier": deposit.opco_number,
        "etat": state,
        "dateEtat": timezone.now().isoformat(),
        "numeroDeca": "DECA-WEBHOOK-1",
        **fields,
    }


def post(client, connection, message: dict, *, secret=WEBHOOK_SECRET, signature=None):
    body = json.dumps(message).encode()
    if signature is None:
        signature = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    headers = {"HTTP_X_SIGNATURE": signature} if signature else {}
    url = reverse("opco:notification", args=[connection.pk])
    return client.post(url, body, content_type="application/json", **headers)


def test_a_signed_notification_records_the_state(client, connection, deposited):
    response = post(client, connection, notification(deposited))

    assert response.status_code == 200
    deposited.refresh_from_db()
    assert deposited.opco_state == OpcoState.ENGAGE
    assert deposited.deca_number == "DECA-WEBHOOK-1"
    assert deposited.state_changes.get(state=OpcoState.ENGAGE).source == OpcoStateChange.Source.WEBHOOK


def test_an_unsigned_notification_is_refused(client, connection, deposited):
    response = post(client, connection, notification(deposited), signature="")

    assert response.status_code == 401
    assert response.json() == {"error": "Signature absente."}
    assert not deposited.state_changes.filter(state=OpcoState.ENGAGE).exists()


def test_a_notification_signed_with_another_secret_is_refused(client, connection, deposited):
    response = post(client, connection, notification(deposited), secret="pas-le-bon-secret")

    assert response.status_code == 401
    assert response.json() == {"error": "Signature invalide."}


def test_a_notification_whose_body_was_changed_after_signing_is_refused(client, connection, deposited):
    message = notification(deposited)
    body = json.dumps(message).encode()
    signature = "sha256=" + hmac.new(WEBHOOK_SECRET.encode(), body, hashlib.sha256).hexdigest()
    tampered = json.dumps({**message, "etat": "REFUSE"}).encode()

    response = client.post(
        reverse("opco:notification", args=[connection.pk]),
        tampered,
        content_type="application/json",
        HTTP_X_SIGNATURE=signature,
    )

    assert response.status_code == 401


def test_the_same_notification_twice_is_a_replay_and_is_refused(client, connection, deposited):
    message = notification(deposited)
    assert post(client, connection, message).status_code == 200

    response = post(client, connection, message)

    assert response.status_code == 409
    assert response.json() == {"error": "Notification déjà reçue."}


def test_an_old_notification_is_refused_even_with_a_new_id(client, connection, deposited):
    old = (timezone.now() - timedelta(minutes=10)).isoformat()

    response = post(client, connection, notification(deposited, timestamp=old))

    assert response.status_code == 400
    assert not deposited.state_changes.filter(state=OpcoState.ENGAGE).exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"timestamp": "2026-02-30T10:00:00+00:00"},
        {"historique": "pas une liste"},
        {"historique": [1, 2]},
    ],
)
def test_a_signed_notification_that_cannot_be_read_is_a_400_and_can_be_sent_again(
    client, connection, deposited, fields
):
    message = notification(deposited, **fields)

    response = post(client, connection, message)

    assert response.status_code == 400
    assert response.json()["error"]
    assert not deposited.state_changes.filter(state=OpcoState.ENGAGE).exists()
    assert not WebhookNotification.objects.filter(notification_id=message["id"]).exists()


def test_a_state_date_that_does_not_exist_is_read_as_now_like_any_unreadable_date(
    client, connection, deposited
):
    response = post(client, connection, notification(deposited, dateEtat="2026-02-30"))

    assert response.status_code == 200
    assert deposited.state_changes.filter(state=OpcoState.ENGAGE).exists()


def test_the_webhook_refuses_a_get(client, connection):
    assert client.get(reverse("opco:notification", args=[connection.pk])).status_code == 405


@pytest.mark.django_db(transaction=True)
def test_the_sandbox_really_sends_its_signed_webhook_to_cactus(
    live_server, connection, sandbox, returned_dossier, cfa_advisor, django_capture_on_commit_callbacks
):
    sandbox.state.webhook_url = live_server.url + reverse("opco:notification", args=[connection.pk])
    sandbox.state.webhook_secret = WEBHOOK_SECRET
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)
    deposit = Deposit.objects.get(dossier=dossier)

    sandbox.state.decide(deposit.opco_number, "ENGAGE")

    assert sandbox.state.webhooks_sent[-1]["reponse"] == 200
    deposit.refresh_from_db()
    assert deposit.opco_state == OpcoState.ENGAGE
    assert deposit.deca_number == deca_number_for(deposit.opco_number)


@pytest.mark.django_db(transaction=True)
def test_a_webhook_signed_with_a_wrong_secret_by_the_sandbox_is_refused(
    live_server, connection, sandbox, returned_dossier, cfa_advisor, django_capture_on_commit_callbacks
):
    sandbox.state.webhook_url = live_server.url + reverse("opco:notification", args=[connection.pk])
    sandbox.state.webhook_secret = "un-autre-secret"
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)
    deposit = Deposit.objects.get(dossier=dossier)

    sandbox.state.decide(deposit.opco_number, "ENGAGE")

    assert sandbox.state.webhooks_sent[-1]["reponse"] == 401
    deposit.refresh_from_db()
    assert deposit.opco_state == OpcoState.TRANSMIS


# The 20 days, the panel, the queues ------------------------------------------------------------


def test_an_opco_silent_past_twenty_days_puts_the_dossier_in_its_queue(deposited):
    silent = panels.QUEUES[1][2]
    received = deposited.received_on

    assert not Dossier.objects.filter(silent(received + timedelta(days=20))).exists()
    assert Dossier.objects.filter(silent(received + timedelta(days=21))).get() == deposited.dossier


def test_an_opco_that_decided_is_never_silent(deposited, sandbox):
    sandbox.state.decide(deposited.opco_number, "ENGAGE")
    call_command("opco_poll")
    silent = panels.QUEUES[1][2]

    assert not Dossier.objects.filter(silent(deposited.received_on + timedelta(days=60))).exists()


def test_suivi_info_shows_the_opco_timeline_deca_number_and_schedule(
    client, deposited, sandbox, employer_contact
):
    sandbox.state.decide(deposited.opco_number, "ENGAGE")
    call_command("opco_poll")
    deposited.refresh_from_db()
    client.force_login(employer_contact)

    response = client.get(reverse("dossiers:tab", kwargs={"pk": deposited.dossier_id, "tab": "suivi"}))

    page = html.unescape(response.content.decode())
    assert "Dépôt à l'OPCO (ATLAS)" in page
    assert deposited.deca_number in page
    assert "Transmis à l'OPCO" in page and "En cours d'instruction" in page and "Engagé" in page
    assert "Échéancier" in page and deposited.schedule[0]["montant"] in page
    assert "Envoyé à l'OPCO" in page


def test_suivi_info_counts_the_twenty_days_while_the_opco_has_not_decided(
    client, deposited, employer_contact
):
    client.force_login(employer_contact)
    url = reverse("dossiers:tab", kwargs={"pk": deposited.dossier_id, "tab": "suivi"})

    with time_machine.travel(timezone.now() + timedelta(days=5)):
        client.force_login(employer_contact)  # a session does not last for weeks
        page = html.unescape(client.get(url).content.decode())
    assert "encore 15 jours" in page

    with time_machine.travel(timezone.now() + timedelta(days=23)):
        client.force_login(employer_contact)
        page = html.unescape(client.get(url).content.decode())
    assert "délai de 20 jours dépassé de 3 jours" in page


def test_suivi_info_shows_the_opco_errors_in_french(
    client,
    connection,
    sandbox,
    returned_dossier,
    cfa_advisor,
    formation,
    employer_contact,
    django_capture_on_commit_callbacks,
):
    formation.rncp = ""
    formation.save()
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)
    client.force_login(employer_contact)

    page = html.unescape(
        client.get(reverse("dossiers:tab", kwargs={"pk": dossier.pk, "tab": "suivi"})).content.decode()
    )

    assert "L'OPCO a rejeté le dépôt. À corriger :" in page
    assert "Code RNCP de la formation : Information obligatoire manquante." in page


def test_the_back_office_lists_the_rejected_dossier_in_its_queue(
    client, connection, sandbox, returned_dossier, cfa_advisor, formation, django_capture_on_commit_callbacks
):
    formation.rncp = ""
    formation.save()
    dossier = validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)
    client.force_login(cfa_advisor)

    page = html.unescape(
        client.get(reverse("dossiers:back_office") + "?queue=opco_rejected").content.decode()
    )

    assert "Rejeté par l'OPCO : à corriger" in page
    assert dossier.alternant_last_name.upper() in page.upper()


def test_a_notification_about_an_unknown_dossier_is_a_404_and_its_id_is_not_kept(
    client, connection, deposited
):
    message = notification(deposited, numeroDossier="99999999999")

    assert post(client, connection, message).status_code == 404
    assert post(client, connection, {**message, "numeroDossier": deposited.opco_number}).status_code == 200
