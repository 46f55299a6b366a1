"""Every way a file enters Cactus goes through the same check (issue 11, finding 3): the new hostile
kinds (a file attached through /EF, an /OpenAction /URI that reports the opening, an object stream
that inflates to 74 MB) are refused on each upload form, not only on "Retour des documents".

The forms: "Retour des documents" and the formation's calendrier and programme have their own tests
(test_hostile_uploads.py, formations/tests/test_formation_documents.py); here the stamped CERFA of
the back office, the official blank CERFA and the Django admin's file fields.
"""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from cactus.accounts.tests.factories import UserFactory
from cactus.core.tests.hostile_pdfs import active_content, parse_bombs
from cactus.core.tests.snapshots import media_snapshot
from cactus.core.tests.world import make_dossier_in_state
from cactus.documents.models import Document, OfficialFormBlank
from cactus.dossiers.models import Dossier
from cactus.dossiers.tests.factories import DossierFactory

pytestmark = pytest.mark.django_db

HOSTILE = {
    item.variant: item.data
    for item in [*active_content(), *parse_bombs()]
    if item.name == "cerfa-signe.pdf"
    and item.variant
    in (
        "FileAttachment annotation carrying an executable",
        "FileAttachment annotation hidden in an object stream",
        "OpenAction URI",
        "OpenAction URI in an object stream",
        "object stream inflating to 74 MB",
    )
}
REFUSALS = ("contient du contenu actif", "trop complexe")


def test_the_corpus_of_this_test_has_the_three_new_kinds():
    assert len(HOSTILE) == 5


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def refused(response) -> bool:
    text = html.unescape(response.content.decode())
    return response.status_code == 200 and any(reason in text for reason in REFUSALS)


@pytest.mark.parametrize("variant", sorted(HOSTILE))
def test_the_stamped_cerfa_of_the_back_office_is_checked(
    variant, formation, alternant, employer_contact, cfa_advisor
):
    dossier = make_dossier_in_state(
        Dossier.Status.DOCUMENTS_RETURNED,
        formation=formation,
        alternant=alternant,
        employer_contact=employer_contact,
    )
    client = Client()
    client.force_login(cfa_advisor)
    response = client.post(
        reverse("dossiers:staff_action", kwargs={"pk": dossier.pk, "action": "validate_documents"}),
        {"stamped_cerfa": upload("cerfa-vise.pdf", HOSTILE[variant])},
    )
    assert refused(response), response.status_code
    assert Dossier.objects.get(pk=dossier.pk).status == Dossier.Status.DOCUMENTS_RETURNED
    assert not Document.objects.filter(dossier=dossier, kind=Document.Kind.STAMPED_CERFA).exists()


@pytest.mark.parametrize("variant", sorted(HOSTILE))
def test_the_official_blank_cerfa_is_checked_before_it_is_recognised(variant, cfa_admin):
    # The filled blank goes to the employer, the OPCO and the signers: an attachment or a tracker in
    # it would reach them all.
    client = Client()
    client.force_login(cfa_admin)
    response = client.post(
        reverse("documents:official_forms"),
        {"file": upload("cerfa_10103-14.pdf", HOSTILE[variant])},
        follow=True,
    )
    assert refused(response)
    assert not OfficialFormBlank.objects.exists()
    assert media_snapshot() == {}


@pytest.mark.parametrize("variant", sorted(HOSTILE))
def test_a_document_replaced_in_the_django_admin_is_checked(variant):
    # A superuser fixing a draft dossier's file in the admin: the same check as the forms, no weaker.
    dossier = DossierFactory()
    document = Document.objects.create(
        dossier=dossier, kind=Document.Kind.SIGNED_CERFA, source=Document.Source.UPLOADED, sha256="0" * 64
    )
    client = Client()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.post(
        reverse("admin:documents_document_change", args=[document.pk]),
        {
            "dossier": dossier.pk,
            "kind": document.kind,
            "source": document.source,
            "file": upload("cerfa-signe.pdf", HOSTILE[variant]),
            "original_name": "",
            "created_at_0": "01/09/2026",
            "created_at_1": "10:00:00",
            "_save": "Enregistrer",
        },
    )
    assert refused(response)
    document.refresh_from_db()
    assert not document.file
