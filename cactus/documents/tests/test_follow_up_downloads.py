"""Suivi - Info of a validated dossier: every document button leads to a real PDF with a meaningful name."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from cactus.documents.tests import full_dossiers
from cactus.dossiers.models import Dossier

# The document buttons of the Suivi - Info page.
DOCUMENT_LINK = re.compile(r'href="(/dossiers/\d+/documents/(\w+)/)"')


@pytest.fixture
def validated_dossier(dossier, employer_contact, alternant):
    dossier = full_dossiers.apprenticeship_with_a_minor(
        dossier,
        contact=employer_contact,
        alternant=alternant,
        alternant_last_name="Dupont",
        alternant_first_name="Marie",
    )
    formation = dossier.formation
    formation.periods.create(place="cfa", start_date="2026-09-07", end_date="2026-09-25")
    formation.modules.create(position=1, title="Génie logiciel", hours=120)
    now = timezone.now()
    Dossier.objects.filter(pk=dossier.pk).update(
        status=Dossier.Status.VALIDATED,
        validation_requested_at=now,
        validated_at=now,
        economic_validated_at=now,
    )
    return Dossier.objects.get(pk=dossier.pk)


def document_links(client, dossier) -> dict[str, str]:
    page = client.get(reverse("dossiers:tab", kwargs={"pk": dossier.pk, "tab": "suivi"}))
    assert page.status_code == 200
    return {kind: address for address, kind in DOCUMENT_LINK.findall(page.content.decode())}


def test_each_document_button_of_suivi_info_downloads_a_named_pdf(
    client, validated_dossier, employer_contact
):
    client.force_login(employer_contact)
    links = document_links(client, validated_dossier)
    assert sorted(links) == ["calendar", "cerfa", "convention", "programme"]
    names = {}
    for kind, address in links.items():
        response = client.get(address)
        assert response.status_code == 200, kind
        assert response["Content-Type"] == "application/pdf"
        content = b"".join(response.streaming_content)
        assert content.startswith(b"%PDF")
        assert len(PdfReader(io.BytesIO(content)).pages) >= 1
        names[kind] = re.search(r'filename="([^"]+)"', response["Content-Disposition"])[1]
    assert names == {
        "cerfa": "CERFA_apprentissage_DUPONT_Marie.pdf",
        "convention": "Convention_de_formation_DUPONT_Marie.pdf",
        "calendar": "Calendrier_DUPONT_Marie.pdf",
        "programme": "Programme_de_la_formation_DUPONT_Marie.pdf",
    }


def test_the_document_buttons_are_not_offered_before_the_formation_validates(
    client, validated_dossier, employer_contact
):
    Dossier.objects.filter(pk=validated_dossier.pk).update(status=Dossier.Status.VALIDATION_REQUESTED)
    client.force_login(employer_contact)
    assert document_links(client, validated_dossier) == {}


def test_a_stranger_cannot_follow_a_document_link(client, validated_dossier, employer_contact, stranger):
    client.force_login(employer_contact)
    address = document_links(client, validated_dossier)["cerfa"]
    client.force_login(stranger)
    assert client.get(address).status_code == 404
