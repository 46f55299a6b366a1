"""Vie étudiante holds health data (disability, the accommodation of studies and exams: RGPD art. 9):
only the alternant and the CFA's staff read it (issue 11, finding 5). The apps built since carry a
dossier's data elsewhere: the API and its webhooks, the CERFA and convention frozen for signature,
the OPCO's payload, the versions of a contract, the back-office CSV, the personal-data export.
None of them may carry it to anyone else. Two marked values are entered by the alternant and
looked for everywhere an outsider can read."""

import json
import subprocess

import pytest
from django.test import Client
from django.urls import reverse

from cactus.api import services as api_services
from cactus.api.models import WebhookDelivery
from cactus.api.tests.conftest import ApiClient
from cactus.dossiers import export
from cactus.dossiers import services as dossier_services
from cactus.dossiers.models import Dossier
from cactus.dossiers.tests import tab_data
from cactus.notifications.models import OutgoingEmail
from cactus.opco import payload
from cactus.privacy.exports import personal_data
from cactus.signatures import services as signing_services
from cactus.signatures.tests import conftest as signing_fixtures
from cactus.signatures.tests.helpers import bring_to_signature, online_dossier

pytestmark = pytest.mark.django_db
_test_authority, signing_ca = signing_fixtures._test_authority, signing_fixtures.signing_ca  # the test CA

ACCOMMODATION = "Tiers-temps SENTINELLE-DYSLEXIE"
EMERGENCY_CONTACT = "Sentinelle Urgence-Santé"
MARKS = (ACCOMMODATION, "SENTINELLE", EMERGENCY_CONTACT)


def assert_unmarked(text: str, where: str) -> None:
    for mark in MARKS:
        assert mark not in text, f"Vie étudiante leaked into {where}"


def pdf_text(field) -> str:
    with field.open("rb") as handle:
        content = handle.read()
    return subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


@pytest.fixture
def marked_dossier(signing_ca, django_capture_on_commit_callbacks, mailoutbox, formation_manager):
    """A dossier whose alternant declared an accommodation, brought to online signature (webhook on)."""
    api_services.create_webhook_endpoint(name="Yparéo", url="http://127.0.0.1:9/", by=None)
    with django_capture_on_commit_callbacks(execute=True):
        dossier = online_dossier()
    dossier.formation.managers.add(formation_manager)
    dossier = Dossier.objects.get(pk=dossier.pk)
    values = tab_data.student_life_values() | {
        "student_life-emergency_contact_name": EMERGENCY_CONTACT,
        "student_life-needs_accommodation": "on",
        "student_life-accommodation_details": ACCOMMODATION,
    }
    dossier_services.submit_page(dossier=dossier, key="student_life", values=values, by=dossier.alternant)
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert dossier.student_life.accommodation_details == ACCOMMODATION  # really entered
    with django_capture_on_commit_callbacks(execute=True):
        return bring_to_signature(dossier)


def test_the_documents_the_data_the_api_and_the_webhooks_do_not_carry_it(marked_dossier, cfa_admin):
    client = Client()
    client.force_login(marked_dossier.alternant)
    page = client.get(reverse("dossiers:tab", kwargs={"pk": marked_dossier.pk, "tab": "student_life"}))
    assert ACCOMMODATION in page.content.decode()  # the alternant reads it back

    signing = signing_services.current_round(marked_dossier)
    assert_unmarked(pdf_text(signing.cerfa_file), "the CERFA to sign")
    assert_unmarked(pdf_text(signing.convention_file), "the convention to sign")
    assert_unmarked(json.dumps(export.dossier_data(marked_dossier), default=str), "the CERFA's data")
    assert_unmarked(json.dumps(payload.build_payload(marked_dossier), default=str), "the OPCO payload")
    bodies = list(WebhookDelivery.objects.values_list("body", flat=True))
    assert bodies, "the webhook saw no state change"
    assert_unmarked("".join(bodies), "a webhook")
    _token, raw = api_services.create_token(name="Yparéo", formations=[], all_formations=True, by=cfa_admin)
    api = ApiClient(raw)
    listing = api.get("/api/v1/dossiers")
    detail = api.get(f"/api/v1/dossiers/{marked_dossier.pk}")
    assert listing.status_code == 200 and detail.status_code == 200
    assert_unmarked(listing.content.decode(), "the API's list")
    assert_unmarked(detail.content.decode(), "the API's dossier")


def test_the_employer_side_and_the_formation_read_it_nowhere(marked_dossier, formation_manager):
    pk = marked_dossier.pk
    readers = {
        "contact": (
            marked_dossier.employer_contact,
            [
                reverse("dossiers:tab", kwargs={"pk": pk, "tab": "suivi"}),
                reverse("contracts:versions", kwargs={"pk": pk}),
                reverse("documents:generated", kwargs={"pk": pk, "kind": "convention"}),
            ],
        ),
        "responsable de formation": (
            formation_manager,
            [
                reverse("dossiers:staff_dossier", kwargs={"pk": pk}),
                reverse("dossiers:back_office_csv") + f"?dossier={pk}",
                reverse("contracts:versions", kwargs={"pk": pk}),
            ],
        ),
    }
    for role, (user, urls) in readers.items():
        client = Client()
        client.force_login(user)
        tab = client.get(reverse("dossiers:tab", kwargs={"pk": pk, "tab": "student_life"}))
        assert tab.status_code == 404, role
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (role, url, response.status_code)
            content = b"".join(response) if response.streaming else response.content
            text = content.decode(errors="replace") if not content.startswith(b"%PDF") else ""
            if content.startswith(b"%PDF"):
                text = subprocess.run(
                    ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
                ).stdout.decode()
            assert_unmarked(text, f"{url} for the {role}")
    contact = marked_dossier.employer_contact
    assert_unmarked(json.dumps(personal_data(contact.email), default=str), "the contact's export")
    others = OutgoingEmail.objects.exclude(to=marked_dossier.alternant.email)
    assert others.exists()
    for email in others:
        assert_unmarked(email.subject + email.body + email.html_body, f"the mail {email.name} to {email.to}")
