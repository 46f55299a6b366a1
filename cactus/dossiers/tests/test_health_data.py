"""Vie étudiante holds health data (disability, accommodation of studies and exams): only the
alternant and the CFA's staff read it; the contact alternance and the responsables de formation get
the same 404 as a stranger, and see none of it anywhere else (tab bar, history, exports, e-mails).
"""

import json

import pytest
from django.urls import reverse

from cactus.dossiers import services, tabs
from cactus.dossiers.models import Dossier
from cactus.dossiers.tests import tab_data
from cactus.privacy.exports import personal_data

pytestmark = pytest.mark.django_db

SECRET = "Tiers temps aux examens : dyslexie reconnue"


@pytest.fixture
def dossier_with_health_data(dossier, employer_contact):
    services.submit_page(dossier=dossier, key="base", values=tab_data.base_values(), by=employer_contact)
    dossier.refresh_from_db()
    services.submit_page(
        dossier=dossier,
        key="student_life",
        values=tab_data.student_life_values()
        | {"student_life-needs_accommodation": "on", "student_life-accommodation_details": SECRET},
        by=dossier.alternant,
    )
    return Dossier.objects.get(pk=dossier.pk)


def tab_url(dossier, key: str = tabs.STUDENT_LIFE.key) -> str:
    return reverse("dossiers:tab", kwargs={"pk": dossier.pk, "tab": key})


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("role", ["employer_contact", "formation_manager", "stranger"])
def test_only_the_alternant_and_cfa_staff_open_vie_etudiante_the_others_get_a_404(
    client, request, dossier_with_health_data, role, method
):
    # RGPD art. 9: health data is processed for the CFA's duty of accommodation, not the employer's.
    client.force_login(request.getfixturevalue(role))
    response = getattr(client, method)(tab_url(dossier_with_health_data))
    assert response.status_code == 404
    assert SECRET not in response.content.decode()


@pytest.mark.parametrize("role", ["alternant", "cfa_advisor", "cfa_admin"])
def test_the_alternant_and_cfa_staff_read_vie_etudiante(client, request, dossier_with_health_data, role):
    client.force_login(request.getfixturevalue(role))
    response = client.get(tab_url(dossier_with_health_data))
    assert response.status_code == 200
    assert SECRET in response.content.decode()


@pytest.mark.parametrize("role", ["employer_contact", "formation_manager"])
def test_the_tab_bar_does_not_offer_vie_etudiante_to_the_other_parties(
    client, request, dossier_with_health_data, role
):
    client.force_login(request.getfixturevalue(role))
    page = client.get(tab_url(dossier_with_health_data, tabs.BASE.key)).content.decode()
    assert tab_url(dossier_with_health_data) not in page


def test_the_back_office_history_hides_vie_etudiante_from_the_responsable_de_formation(
    client, formation_manager, cfa_advisor, dossier_with_health_data
):
    url = reverse("dossiers:staff_dossier", args=[dossier_with_health_data.pk])
    client.force_login(formation_manager)
    page = client.get(url).content.decode()
    assert SECRET not in page
    assert "aménagement" not in page
    assert tab_url(dossier_with_health_data) not in page
    client.force_login(cfa_advisor)
    assert SECRET in client.get(url).content.decode()


def test_the_employer_contacts_personal_data_export_carries_no_health_data(dossier_with_health_data):
    exported = json.dumps(personal_data(dossier_with_health_data.employer_contact.email), default=str)
    assert SECRET not in exported
    assert "needs_accommodation" not in exported


def test_the_back_office_csv_carries_no_health_data(client, formation_manager, dossier_with_health_data):
    client.force_login(formation_manager)
    response = client.get(reverse("dossiers:back_office_csv"))
    assert str(dossier_with_health_data.pk) in b"".join(response.streaming_content).decode()
    assert SECRET not in b"".join(client.get(reverse("dossiers:back_office_csv")).streaming_content).decode()
