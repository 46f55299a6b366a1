import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cactus.documents.models import Document
from cactus.documents.tests.pdfs import pdf_bytes
from cactus.dossiers.models import Dossier, DossierEvent
from cactus.dossiers.tests.factories import EmployerFactory, complete_dossier
from cactus.dossiers.tests.states import dossier_in

Status = Dossier.Status
pytestmark = pytest.mark.django_db


def follow_up_url(dossier):
    return reverse("dossiers:tab", args=[dossier.pk, "suivi"])


@pytest.fixture
def complete(formation, alternant, employer_contact):
    return complete_dossier(formation=formation, alternant=alternant, employer_contact=employer_contact)


def test_a_complete_dossier_shows_saisie_complete_the_next_action_and_the_advisor(
    client, complete, cfa_advisor
):
    cfa_advisor.phone = "04 91 00 00 01"
    cfa_advisor.save()
    client.force_login(complete.employer_contact)

    page = client.get(follow_up_url(complete)).content.decode()

    assert 'id="etat">Saisie complète<' in page
    assert 'id="action-suivante">Demande de validation<' in page
    assert "Sophie Martin" in page and "conseillere@cfa.test" in page and "04 91 00 00 01" in page
    assert reverse("dossiers:request_validation", args=[complete.pk]) in page


def test_asking_for_validation_shows_a_last_warning_then_freezes(client, complete):
    client.force_login(complete.employer_contact)
    url = reverse("dossiers:request_validation", args=[complete.pk])

    warning = client.get(url).content.decode()
    response = client.post(url)

    assert "les données ne pourront plus être modifiées" in warning and "Faire la demande" in warning
    assert response.status_code == 302
    complete.refresh_from_db()
    assert complete.status == Status.VALIDATION_REQUESTED


def test_a_double_click_makes_one_request(client, complete):
    client.force_login(complete.employer_contact)
    url = reverse("dossiers:request_validation", args=[complete.pk])

    client.post(url)
    second = client.post(url, follow=True)

    assert "La demande de validation est déjà faite." in second.content.decode()
    assert complete.events.filter(to_status=Status.VALIDATION_REQUESTED).count() == 1


def test_the_warning_page_of_a_request_already_made_goes_back_to_suivi_info(client, complete):
    client.force_login(complete.employer_contact)
    url = reverse("dossiers:request_validation", args=[complete.pk])
    client.post(url)

    response = client.get(url, follow=True)

    assert response.redirect_chain[-1][0] == follow_up_url(complete)
    assert "La demande de validation est déjà faite." in response.content.decode()


def test_a_refusal_comment_is_shown_to_the_contact(client, formation_manager):
    from cactus.dossiers import transitions

    dossier = dossier_in(Status.VALIDATION_REQUESTED)
    transitions.refuse_dossier(dossier=dossier, by=formation_manager, comment="Le SIRET est celui du siège.")
    client.force_login(dossier.employer_contact)

    page = client.get(follow_up_url(dossier)).content.decode()

    assert "Le SIRET est celui du siège." in page
    assert 'id="commentaire-retour"' in page


def test_the_alternant_cannot_ask_for_validation(client, complete):
    client.force_login(complete.alternant)

    assert client.post(reverse("dossiers:request_validation", args=[complete.pk])).status_code == 403


@pytest.mark.parametrize("name", ["request_validation", "return_documents", "mark_sent"])
def test_a_stranger_gets_404_on_every_action(client, complete, stranger, name):
    client.force_login(stranger)

    assert client.post(reverse(f"dossiers:{name}", args=[complete.pk])).status_code == 404
    assert client.get(follow_up_url(complete)).status_code == 404


@pytest.mark.parametrize("user", ["employer_contact", "cfa_admin", "formation_manager"])
def test_frozen_data_cannot_be_changed_through_the_tab(client, request, user):
    dossier = dossier_in(Status.VALIDATION_REQUESTED)
    dossier.formation.managers.add(request.getfixturevalue("formation_manager"))
    person = dossier.employer_contact if user == "employer_contact" else request.getfixturevalue(user)
    client.force_login(person)
    data = {
        "entry_mode": "full",
        "alternant_last_name": "Changé",
        "alternant_first_name": "Marie",
        "alternant_birth_date": "2006-05-12",
        "siret": "73282932000074",
        "scheme": "apprenticeship",
        "contract_start": "2026-09-01",
        "contract_end": "2028-08-31",
        "version": dossier.version,
    }

    response = client.post(reverse("dossiers:tab", args=[dossier.pk, "base"]), data)

    assert response.status_code == 403
    dossier.refresh_from_db()
    assert dossier.alternant_last_name == "Dupont"
    changed = client.post(
        reverse("dossiers:employer_contact", args=[dossier.pk]), {"email": "autre@entreprise.test"}
    )
    assert changed.status_code == 403


def test_documents_are_offered_after_validation_with_the_guides_line_when_calendar_is_missing(client):
    dossier = dossier_in(Status.VALIDATED)
    client.force_login(dossier.employer_contact)

    page = client.get(follow_up_url(dossier)).content.decode()

    assert f'href="/dossiers/{dossier.pk}/documents/cerfa/"' in page
    assert f'href="/dossiers/{dossier.pk}/documents/convention/"' in page
    assert (
        "merci d&#x27;en informer votre conseiller.ère" in page
        or "merci d'en informer votre conseiller.ère" in page
    )


def test_the_download_buttons_come_with_the_guides_warning_about_blocked_downloads(client, complete):
    # Guide, "Le téléchargement des documents": the browser may block the download, "autorisez !".
    client.force_login(complete.employer_contact)
    assert "autorisez" not in client.get(follow_up_url(complete)).content.decode()  # no documents yet

    dossier = dossier_in(Status.VALIDATED)
    client.force_login(dossier.employer_contact)
    page = client.get(follow_up_url(dossier)).content.decode()

    assert 'id="telechargement-bloque"' in page
    assert "il est possible que le téléchargement soit bloqué" in page
    assert "Il n&#x27;y a pas de risque, autorisez !" in page or "Il n'y a pas de risque, autorisez !" in page


def test_the_convention_waits_for_the_economic_validation(client):
    dossier = dossier_in(Status.VALIDATED, economic=False)
    client.force_login(dossier.employer_contact)

    page = client.get(follow_up_url(dossier)).content.decode()

    assert "documents/cerfa/" in page and "documents/convention/" not in page
    assert "Validation des éléments économiques (CFA)" in page


def test_the_due_date_is_shown_in_working_days(client):
    dossier = dossier_in(Status.DOCUMENTS_VALIDATED)
    client.force_login(dossier.employer_contact)

    page = client.get(follow_up_url(dossier)).content.decode()

    assert "lundi 7 septembre 2026" in page
    assert "jours ouvrables" in page


def upload(name="scan.pdf", data=None):
    return SimpleUploadedFile(name, data if data is not None else pdf_bytes(), content_type="application/pdf")


def test_a_bad_file_is_refused_with_a_message_and_nothing_is_stored(client):
    dossier = dossier_in(Status.VALIDATED)
    client.force_login(dossier.employer_contact)

    response = client.post(
        reverse("dossiers:return_documents", args=[dossier.pk]),
        {"signed_cerfa": upload("photo.pdf", b"\x89PNG\r\n\x1a\n0000")},
    )

    assert response.status_code == 200
    assert "n&#x27;est pas un fichier PDF" in response.content.decode()
    assert not Document.objects.exists()


def test_returning_both_documents_one_at_a_time(client):
    dossier = dossier_in(Status.VALIDATED)
    client.force_login(dossier.employer_contact)
    url = reverse("dossiers:return_documents", args=[dossier.pk])

    client.post(url, {"signed_cerfa": upload()})
    page = client.post(url, {"signed_convention": upload()}, follow=True).content.decode()

    assert 'id="etat">Documents signés retournés<' in page
    assert 'id="action-suivante">Validation des documents (CFA)<' in page
    assert dossier.events.filter(action=DossierEvent.Action.DOCUMENT_UPLOADED).count() == 2


def test_sent_to_opco_needs_the_box_ticked(client):
    dossier = dossier_in(Status.DOCUMENTS_VALIDATED)
    client.force_login(dossier.employer_contact)
    url = reverse("dossiers:mark_sent", args=[dossier.pk])

    unticked = client.post(url, {})
    ticked = client.post(url, {"confirmed": "on"}, follow=True)

    assert "Cochez la case « Envoyé à l&#x27;OPCO » avant de valider." in unticked.content.decode()
    assert 'id="etat">Envoyé à l&#x27;OPCO<' in ticked.content.decode()


def test_a_public_employers_last_step_reads_transmis_a_la_ddets(client):
    # R-7.2 (rules.md): public employers (21-29) transmit to the DDETS.
    dossier = dossier_in(Status.DOCUMENTS_VALIDATED)
    EmployerFactory(dossier=dossier, employer_type="24")
    client.force_login(dossier.employer_contact)

    page = client.get(follow_up_url(dossier)).content.decode()

    assert "Transmis à la DDETS" in page and "Envoyé à l&#x27;OPCO" not in page


def test_a_dossier_transmitted_to_the_ddets_never_says_envoye_a_l_opco_in_its_history(client, cfa_advisor):
    # R-7.2 (rules.md): public employers (21-29) transmit to the DDETS, also in both histories.
    dossier = dossier_in(Status.DOCUMENTS_VALIDATED)
    EmployerFactory(dossier=dossier, employer_type="24")
    client.force_login(dossier.employer_contact)
    client.post(reverse("dossiers:mark_sent", args=[dossier.pk]), {"confirmed": "on"})

    follow_up_page = client.get(follow_up_url(dossier)).content.decode()
    client.force_login(cfa_advisor)
    staff_page = client.get(reverse("dossiers:staff_dossier", args=[dossier.pk])).content.decode()

    for page in (follow_up_page, staff_page):
        assert "Transmis à la DDETS" in page.split("Historique")[-1]
        assert "Envoyé à l&#x27;OPCO" not in page


@pytest.mark.parametrize(
    ("user", "status"), [("employer_contact", 200), ("alternant", 404), ("stranger", 404)]
)
def test_signed_scans_are_downloaded_by_the_employer_side_only(client, request, user, status):
    dossier = dossier_in(Status.VALIDATED)
    client.force_login(dossier.employer_contact)
    client.post(reverse("dossiers:return_documents", args=[dossier.pk]), {"signed_cerfa": upload()})
    document = dossier.documents.get()
    person = request.getfixturevalue("stranger") if user == "stranger" else getattr(dossier, user)
    client.force_login(person)

    response = client.get(reverse("dossiers:uploaded_document", args=[dossier.pk, document.pk]))

    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content).startswith(b"%PDF")
