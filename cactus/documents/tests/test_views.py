import pytest
from django.urls import reverse
from django.utils import timezone

from cactus.documents.models import ConventionTemplate, Document
from cactus.documents.tests.readback import flat_text
from cactus.dossiers import tabs
from cactus.dossiers.models import Dossier
from cactus.dossiers.tests.factories import DossierFactory


@pytest.fixture
def validated_dossier(formation, alternant, employer_contact):
    return DossierFactory(
        formation=formation,
        alternant=alternant,
        employer_contact=employer_contact,
        with_base_data=True,
        status=Dossier.Status.VALIDATED,
    )


def url(dossier, kind: str, **query) -> str:
    address = reverse("documents:generated", kwargs={"pk": dossier.pk, "kind": kind})
    return address + ("?telecharger=1" if query.get("download") else "")


def test_the_cerfa_opens_inline_as_a_named_pdf(client, sample_data, validated_dossier, employer_contact):
    client.force_login(employer_contact)
    response = client.get(url(validated_dossier, "cerfa"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="CERFA_apprentissage_DUPONT_Marie.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert (
        Document.objects.filter(dossier=validated_dossier, kind="cerfa", created_by=employer_contact).count()
        == 1
    )


def test_telecharger_asks_the_browser_to_save_the_file(
    client, sample_data, validated_dossier, formation_manager
):
    client.force_login(formation_manager)
    response = client.get(url(validated_dossier, "cerfa", download=True))
    assert response["Content-Disposition"] == 'attachment; filename="CERFA_apprentissage_DUPONT_Marie.pdf"'


def test_a_stranger_learns_nothing(client, sample_data, validated_dossier, stranger):
    client.force_login(stranger)
    assert client.get(url(validated_dossier, "cerfa")).status_code == 404


def test_a_party_cannot_download_before_the_formation_validates(
    client, sample_data, dossier, employer_contact
):
    client.force_login(employer_contact)
    assert client.get(url(dossier, "cerfa")).status_code == 403
    assert not Document.objects.exists()


def test_the_convention_waits_for_the_economic_validation(
    client, sample_data, validated_dossier, employer_contact
):
    client.force_login(employer_contact)
    assert client.get(url(validated_dossier, "convention")).status_code == 403


def test_an_unknown_document_is_not_found(client, validated_dossier, employer_contact):
    client.force_login(employer_contact)
    assert client.get(url(validated_dossier, "signed_cerfa")).status_code == 404
    assert client.get(url(validated_dossier, "facture")).status_code == 404


def test_a_calendar_the_formation_lacks_is_not_offered_and_suivi_info_says_whom_to_tell(
    client, validated_dossier, employer_contact
):
    client.force_login(employer_contact)

    assert client.get(url(validated_dossier, "calendar")).status_code == 403
    follow_up = client.get(
        reverse("dossiers:tab", kwargs={"pk": validated_dossier.pk, "tab": tabs.FOLLOW_UP.key})
    )
    assert "merci d'en informer votre conseiller.ère" in follow_up.content.decode()


def test_the_cfa_administrator_edits_the_convention_text(client, cfa_admin):
    client.force_login(cfa_admin)
    page = client.get(reverse("documents:convention_template"))
    assert page.status_code == 200
    assert "Convention de formation" in page.context["form"].initial["body"]
    response = client.post(
        reverse("documents:convention_template"), {"body": "<p>{{ employeur_denomination }}</p>"}
    )
    assert response.status_code == 302
    assert ConventionTemplate.objects.get().created_by == cfa_admin


def test_a_broken_convention_text_is_refused_and_explained(client, cfa_admin):
    client.force_login(cfa_admin)
    response = client.post(reverse("documents:convention_template"), {"body": "{% if x %}"})
    assert response.status_code == 200
    assert "Le modèle de convention contient une erreur" in response.content.decode()
    assert not ConventionTemplate.objects.exists()


def test_the_preview_renders_the_edited_text_on_a_sample_dossier_without_saving_it(client, cfa_admin):
    client.force_login(cfa_admin)
    body = "<h1>Essai {{ employeur_denomination }}</h1>{% if facturation_requise %}<p>{{ facturation_siret }}</p>{% endif %}"

    response = client.post(reverse("documents:convention_template"), {"body": body, "apercu": "1"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = flat_text(response.content)
    assert "Essai Commune de Vitrolles-sur-Mer (exemple)" in text
    assert "21750001600027" in text  # a public employer's billing block is printed
    assert not ConventionTemplate.objects.exists()


def test_the_preview_is_sandboxed_like_the_real_rendering(client, cfa_admin):
    client.force_login(cfa_admin)
    body = '<p>ok</p><img src="file:///etc/passwd"><img src="http://127.0.0.1:9/x.png">'

    response = client.post(reverse("documents:convention_template"), {"body": body, "apercu": "1"})

    assert response["Content-Type"] == "application/pdf"  # the resources are refused, the text renders
    assert "ok" in flat_text(response.content)
    assert "root:" not in flat_text(response.content)


def test_only_the_cfa_administrator_edits_the_convention_text(client, cfa_advisor, employer_contact):
    for user in (cfa_advisor, employer_contact):
        client.force_login(user)
        assert client.get(reverse("documents:convention_template")).status_code == 403


def test_the_convention_downloads_once_the_cfa_validated_the_economic_terms(
    client, sample_data, validated_dossier, employer_contact
):
    Dossier.objects.filter(pk=validated_dossier.pk).update(economic_validated_at=timezone.now())
    client.force_login(employer_contact)
    response = client.get(url(validated_dossier, "convention"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="Convention_de_formation_DUPONT_Marie.pdf"'
