"""The signing pages under issue 11's attacks: the link and the code kept out of the stored mails
(finding 2), no page or document left in the browser's cache (finding 6), a bounded refusal comment
(finding 6), the client's own address behind the TLS proxy (finding 4)."""

import pytest
from django.test import Client
from django.urls import reverse

from cactus.dossiers.models import Dossier, DossierEvent
from cactus.notifications.models import SECRET_LINK_PLACEHOLDER, OutgoingEmail
from cactus.signatures import services
from cactus.signatures.models import Signer
from cactus.signatures.tests.helpers import last_code, last_link

pytestmark = pytest.mark.django_db


@pytest.fixture
def first_signer(signing_dossier) -> Signer:
    return services.current_round(signing_dossier).signers.get(position=1)


def stored_copies(address: str) -> str:
    return "".join(
        email.subject + email.body + email.html_body + email.secret_link
        for email in OutgoingEmail.objects.filter(to=address)
    )


def test_the_stored_mails_hold_neither_the_signing_link_nor_the_code(
    first_signer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.send_code(signer=first_signer)
    token, code = last_link(first_signer.email), last_code(first_signer.email)  # the mails as sent

    stored = stored_copies(first_signer.email)
    assert token not in stored and code not in stored
    assert stored.count(SECRET_LINK_PLACEHOLDER) >= 2
    # A database reader cannot sign with what is left: a link is only its hash.
    assert Client().get(reverse("signatures:sign", kwargs={"token": "x" * 43})).status_code == 410


def test_the_signing_page_its_images_and_its_pdf_are_not_kept_by_the_browser(client, first_signer):
    token = last_link(first_signer.email)
    urls = [
        reverse("signatures:sign", kwargs={"token": token}),
        reverse("signatures:page_image", kwargs={"token": token, "kind": "cerfa", "number": 1}),
        reverse("signatures:document", kwargs={"token": token, "kind": "cerfa"}),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"], url


def test_a_five_megabyte_refusal_comment_is_refused_and_nothing_is_recorded(client, first_signer):
    token = last_link(first_signer.email)
    huge = "Le nom est mal écrit. " * (5 * 1024 * 1024 // 22)
    events = DossierEvent.objects.count()

    response = client.post(
        reverse("signatures:sign", kwargs={"token": token}), {"action": "refuse", "comment": huge}
    )

    assert response.status_code == 200
    assert "résumez-le en 2\u00a0000 caractères au plus" in response.content.decode()
    first_signer.refresh_from_db()
    assert first_signer.refused_at is None and first_signer.refusal_comment == ""
    assert Dossier.objects.get(pk=first_signer.round.dossier_id).status == Dossier.Status.VALIDATED
    assert DossierEvent.objects.count() == events
    assert not OutgoingEmail.objects.filter(body__contains="Le nom est mal écrit. Le nom").exists()


def test_a_refusal_comment_of_2000_characters_is_recorded_whole(client, first_signer):
    token = last_link(first_signer.email)
    comment = "x" * 2000
    client.post(reverse("signatures:sign", kwargs={"token": token}), {"action": "refuse", "comment": comment})
    first_signer.refresh_from_db()
    assert first_signer.refusal_comment == comment


def test_line_breaks_count_one_character_as_the_browser_counted_them(client, first_signer):
    # The textarea's maxlength counts a line break as 1; the browser sends it as CRLF (2).
    token = last_link(first_signer.email)
    comment = "Le nom est faux.\r\n" * 110  # 1,980 characters in the browser, 2,090 as sent
    client.post(reverse("signatures:sign", kwargs={"token": token}), {"action": "refuse", "comment": comment})
    first_signer.refresh_from_db()
    assert first_signer.refusal_comment == comment.replace("\r\n", "\n").strip()


@pytest.mark.parametrize(
    ("behind_proxy", "forwarded_for", "recorded"),
    [
        (True, "198.51.100.66, 203.0.113.7", "203.0.113.7"),  # the proxy's own entry, not the client's
        (False, "198.51.100.66", "127.0.0.1"),  # no proxy declared: the header is the client's word
    ],
)
def test_the_signature_records_the_clients_address_the_proxy_saw(
    first_signer, settings, django_capture_on_commit_callbacks, behind_proxy, forwarded_for, recorded
):
    settings.BEHIND_TLS_PROXY = behind_proxy
    token = last_link(first_signer.email)
    browser = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)
    url = reverse("signatures:sign", kwargs={"token": token})
    with django_capture_on_commit_callbacks(execute=True):
        browser.post(url, {"action": "code"})
    with django_capture_on_commit_callbacks(execute=True):
        browser.post(url, {"action": "sign", "code": last_code(first_signer.email), "consent": "on"})
    first_signer.refresh_from_db()
    assert first_signer.signed_at is not None
    assert first_signer.ip_address == recorded


def test_switching_paper_and_online_back_and_forth_stops_at_the_quota_of_rounds(
    client, signing_dossier, settings, django_capture_on_commit_callbacks, mailoutbox
):
    # Issue 11, finding 6 (a quota per dossier): each online round stores a copy of the CERFA and the
    # convention and mails a link to the first signer; the contact switching modes in a loop would
    # fill the disk and the alternant's mailbox.
    settings.SIGNING_MAX_ROUNDS = 3
    contact = signing_dossier.employer_contact
    client.force_login(contact)
    url = reverse("signatures:choose_mode", kwargs={"pk": signing_dossier.pk})
    for _ in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url, {"mode": "paper"})
            response = client.post(url, {"mode": "online"}, follow=True)

    assert signing_dossier.signing_rounds.count() == 3
    assert "le maximum est 3" in response.content.decode()
    first = Signer.objects.filter(round__dossier=signing_dossier, position=1).first().email
    links = [m for m in mailoutbox if "/signature/" in m.body and m.to == [first]]
    assert len(links) == 3  # the first round's and two more
