"""The signing page, its PDFs and the mode choice, through HTTP."""

import hashlib

import pytest
from django.urls import reverse

from cactus.signatures import services
from cactus.signatures.tests.helpers import bring_to_signature, last_code, last_link, online_dossier

pytestmark = pytest.mark.django_db


def _first_signer(dossier):
    return services.current_round(dossier).signers.get(position=1)


def test_the_page_shows_the_signers_documents_inline_the_consent_and_records_the_opening(
    client, signing_dossier
):
    signer = _first_signer(signing_dossier)
    token = last_link(signer.email)
    response = client.get(reverse("signatures:sign", kwargs={"token": token}))
    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("signatures:page_image", kwargs={"token": token, "kind": "cerfa", "number": 2}) in page
    assert "convention" not in [kind for kind, _title, _pages in response.context["documents"]]
    assert "même valeur qu&#x27;une signature manuscrite" in page
    signer.refresh_from_db()
    assert signer.opened_at is not None and signer.state_label == "ouvert"


def test_the_pdf_is_the_rounds_own_and_may_be_framed_by_cactus_only(client, signing_dossier):
    signer = _first_signer(signing_dossier)
    token = last_link(signer.email)
    response = client.get(reverse("signatures:document", kwargs={"token": token, "kind": "cerfa"}))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert hashlib.sha256(response.content).hexdigest() == signer.round.cerfa_original_sha256
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["Content-Security-Policy"] == "frame-ancestors 'self'"


def test_a_link_never_shows_a_document_its_signer_does_not_sign(client, signing_dossier):
    token = last_link(_first_signer(signing_dossier).email)  # the alternant: the CERFA only
    for kind in ("convention", "stamped_cerfa", "../cerfa"):
        response = client.get(f"/signature/{token}/document/{kind}/")
        assert response.status_code in (404, 410)


def test_two_dossiers_links_each_show_their_own_cerfa(
    client, signing_ca, django_capture_on_commit_callbacks, mailoutbox
):
    first = []
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            dossier = online_dossier()
        with django_capture_on_commit_callbacks(execute=True):
            dossier = bring_to_signature(dossier)
        signer = _first_signer(dossier)
        first.append((last_link(signer.email), signer.round.cerfa_original_sha256))
    for token, sha in first:
        response = client.get(reverse("signatures:document", kwargs={"token": token, "kind": "cerfa"}))
        assert hashlib.sha256(response.content).hexdigest() == sha
    assert first[0][1] != first[1][1]


def test_signing_through_the_page_with_a_wrong_then_the_right_code(
    client, signing_dossier, django_capture_on_commit_callbacks
):
    signer = _first_signer(signing_dossier)
    token = last_link(signer.email)
    url = reverse("signatures:sign", kwargs={"token": token})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "code"}, follow=True)
    assert "Un code à 6 chiffres vient d&#x27;être envoyé" in response.content.decode()
    code = last_code(signer.email)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    response = client.post(url, {"action": "sign", "code": wrong, "consent": "on"})
    assert "Code erroné. Il vous reste 4 essais." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"action": "sign", "code": code, "consent": "on"}, REMOTE_ADDR="198.51.100.4"
        )
    assert "votre signature a été apposée" in response.content.decode()
    signer.refresh_from_db()
    assert signer.ip_address == "198.51.100.4"
    again = client.get(url)
    assert again.status_code == 410
    assert "Ce lien a déjà servi" in again.content.decode()


def test_a_refusal_without_comment_is_refused_with_a_french_message(client, signing_dossier):
    token = last_link(_first_signer(signing_dossier).email)
    response = client.post(
        reverse("signatures:sign", kwargs={"token": token}), {"action": "refuse", "comment": " "}
    )
    assert "Indiquez pourquoi vous refusez de signer" in response.content.decode()


def test_the_contact_switches_to_paper_from_suivi_info(client, signing_dossier):
    client.force_login(signing_dossier.employer_contact)
    follow_up = reverse("dossiers:tab", kwargs={"pk": signing_dossier.pk, "tab": "suivi"})
    page = client.get(follow_up).content.decode()
    assert "Signature des documents" in page and "Passer à la signature papier" in page
    response = client.post(
        reverse("signatures:choose_mode", kwargs={"pk": signing_dossier.pk}), {"mode": "paper"}, follow=True
    )
    assert "Mode de signature enregistré : Signature papier" in response.content.decode()
    assert services.current_round(signing_dossier) is None


def test_the_formation_default_is_chosen_by_a_cfa_administrator(client, signing_dossier):
    from cactus.signatures.tests.helpers import checker

    client.force_login(checker())
    url = reverse("signatures:formation_default", kwargs={"pk": signing_dossier.formation_id})
    client.post(url, {"mode": "paper"})
    signing_dossier.formation.signing_default.refresh_from_db()
    assert signing_dossier.formation.signing_default.mode == "paper"


def test_every_page_is_shown_as_an_image(client, signing_dossier):
    token = last_link(_first_signer(signing_dossier).email)
    page = client.get(reverse("signatures:sign", kwargs={"token": token})).content.decode()
    for number in (1, 2):
        url = reverse("signatures:page_image", kwargs={"token": token, "kind": "cerfa", "number": number})
        assert url in page
        response = client.get(url)
        assert response.status_code == 200 and response.content.startswith(b"\x89PNG")
    missing = reverse("signatures:page_image", kwargs={"token": token, "kind": "cerfa", "number": 3})
    assert client.get(missing).status_code == 410


def test_suivi_info_shows_a_refusal_and_its_comment(
    client, signing_dossier, django_capture_on_commit_callbacks
):
    token = last_link(_first_signer(signing_dossier).email)
    url = reverse("signatures:sign", kwargs={"token": token})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "refuse", "comment": "Adresse fausse"})
    assert "Refus enregistré" in response.content.decode(), response.content.decode()[-2000:]
    client.force_login(signing_dossier.employer_contact)
    follow_up = reverse("dossiers:tab", kwargs={"pk": signing_dossier.pk, "tab": "suivi"})
    page = client.get(follow_up).content.decode()
    assert "refusé le" in page and "« Adresse fausse »" in page
    assert "Dernière signature en ligne annulée" in page


def test_a_second_code_within_30_seconds_is_refused(
    client, signing_dossier, django_capture_on_commit_callbacks
):
    url = reverse("signatures:sign", kwargs={"token": last_link(_first_signer(signing_dossier).email)})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "code"})
    response = client.post(url, {"action": "code"})
    assert "attendez 30 secondes" in response.content.decode()
