"""A minor's dossier signed online, service by service: links, codes, PAdES signatures, the life-cycle."""

import hashlib
import io
import json

import pytest
from pypdf import PdfReader

from cactus.documents.models import Document
from cactus.dossiers.models import Dossier
from cactus.signatures import pdf, services
from cactus.signatures.models import Signer
from cactus.signatures.tests.helpers import last_code, last_link

pytestmark = pytest.mark.django_db


def _sign(address: str, *, ip="203.0.113.7") -> Signer:
    from django.test import TestCase

    token = last_link(address)
    signer = services.signer_for_token(token)
    services.record_opening(signer=signer)
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.send_code(signer=signer)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.sign(
            token=token, code=last_code(address), consent=True, ip=ip, user_agent="Firefox/140"
        )


def test_every_party_then_the_cfa_signs_and_the_dossier_reaches_documents_validated(
    signing_dossier, django_capture_on_commit_callbacks, mailoutbox
):
    dossier = signing_dossier
    signing = services.current_round(dossier)
    signers = list(signing.signers.order_by("position"))
    assert [s.role for s in signers] == ["alternant", "representative", "employer", "cfa"]
    # Only the first signer is asked at first; each next one when the previous has signed.
    assert [s.link_sent_at is not None for s in signers] == [True, False, False, False]
    for signer in signers[:3]:
        with django_capture_on_commit_callbacks(execute=True):
            _sign(signer.email)
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.DOCUMENTS_RETURNED
    returned = {d.kind: d for d in dossier.documents.filter(kind__in=["signed_cerfa", "signed_convention"])}
    with returned["signed_cerfa"].file.open("rb") as handle:
        assert len(pdf.validate(handle.read())) == 3

    with django_capture_on_commit_callbacks(execute=True):
        _sign(signers[3].email)
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.DOCUMENTS_VALIDATED
    stamped = dossier.documents.get(kind=Document.Kind.STAMPED_CERFA)
    with stamped.file.open("rb") as handle:
        final = handle.read()
    reports = pdf.validate(final)
    assert [r.field for r in reports] == [
        "Signature_1_alternant",
        "Signature_2_representative",
        "Signature_3_employer",
        "Signature_4_cfa",
    ]
    assert all(r.is_ok for r in reports), reports
    assert reports[-1].coverage == "ENTIRE_FILE"
    # The stamped-CERFA mail to the contact carries the signed PDF.
    mail = next(m for m in mailoutbox if m.to == [dossier.employer_contact.email] and m.attachments)
    assert mail.attachments[0][1] == final
    # The convention: employer then CFA.
    convention = dossier.documents.filter(kind="signed_convention").first()
    with convention.file.open("rb") as handle:
        assert [r.reason for r in pdf.validate(handle.read())] == [
            "Signature de employeur (convention de formation)",
            "Signature du CFA (convention de formation)",
        ]
    signing.refresh_from_db()
    with signing.evidence_file.open("rb") as handle:
        evidence_bytes = handle.read()
    with signing.evidence_signature_file.open("rb") as handle:
        assert pdf.verify_detached(evidence_bytes, handle.read())
    assert b'"ip_address": "203.0.113.7"' in evidence_bytes
    recorded = json.loads(evidence_bytes)
    assert [s["code_delivery"]["status"] for s in recorded["signers"]] == ["sent"] * 4
    assert recorded["final"]["cerfa_sha256"] == hashlib.sha256(final).hexdigest()


def test_the_signature_records_who_when_the_hash_the_address_and_the_code_delivery(signing_dossier):
    signer = _sign(services.current_round(signing_dossier).signers.get(position=1).email)
    signer.refresh_from_db()
    assert signer.signed_at and signer.ip_address == "203.0.113.7" and signer.user_agent == "Firefox/140"
    assert (
        signer.evidence["cerfa"]["signed_sha256"]
        == services.current_round(signing_dossier).cerfa_original_sha256
    )
    assert signer.code_email_id and signer.code_hash == ""


def test_a_byte_changed_after_signing_is_detected(signing_dossier):
    signer = _sign(services.current_round(signing_dossier).signers.get(position=1).email)
    content = bytearray(services.document_bytes(Signer.objects.get(pk=signer.pk + 1), "cerfa"))
    assert pdf.validate(bytes(content))[0].is_ok
    # A byte inside the signed range (inside a page's content stream), the PDF's structure untouched.
    position = bytes(content).index(b"stream", 1000) + 40
    content[position] ^= 0x01
    report = pdf.validate(bytes(content))[0]
    assert not report.intact and not report.is_ok


def test_a_link_cannot_be_used_twice(signing_dossier):
    email = services.current_round(signing_dossier).signers.get(position=1).email
    token = last_link(email)
    _sign(email)
    with pytest.raises(services.SigningError, match="Ce lien a déjà servi : vous avez signé le"):
        services.signer_for_token(token)


def test_an_expired_link_is_refused(signing_dossier, settings):
    import time_machine
    from django.utils import timezone

    token = last_link(services.current_round(signing_dossier).signers.get(position=1).email)
    with (
        time_machine.travel(
            timezone.now() + timezone.timedelta(days=settings.SIGNING_LINK_VALIDITY_DAYS + 1)
        ),
        pytest.raises(services.SigningError, match="Ce lien a expiré le"),
    ):
        services.signer_for_token(token)


def test_a_reopening_revokes_the_links(signing_dossier, django_capture_on_commit_callbacks):
    from cactus.dossiers import transitions
    from cactus.signatures.tests.helpers import checker

    token = last_link(services.current_round(signing_dossier).signers.get(position=1).email)
    with django_capture_on_commit_callbacks(execute=True):
        transitions.reopen_dossier(dossier=signing_dossier, by=checker(), reason="Erreur de date")
    with pytest.raises(services.SigningError, match="le dossier a été rouvert"):
        services.signer_for_token(token)


def test_five_wrong_codes_lock_the_link(signing_dossier, django_capture_on_commit_callbacks):
    email = services.current_round(signing_dossier).signers.get(position=1).email
    token = last_link(email)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_code(signer=services.signer_for_token(token))
    good = last_code(email)
    wrong = f"{(int(good) + 1) % 1_000_000:06d}"
    for left in (4, 3, 2, 1):
        with pytest.raises(services.SigningError, match=f"Il vous reste {left} essai"):
            services.sign(token=token, code=wrong, consent=True, ip="", user_agent="")
    with pytest.raises(services.SigningError, match="5e fois : ce lien est bloqué"):
        services.sign(token=token, code=wrong, consent=True, ip="", user_agent="")
    with pytest.raises(services.SigningError, match="Ce lien est bloqué"):
        services.sign(token=token, code=good, consent=True, ip="", user_agent="")


def test_a_refusal_sends_the_dossier_back_to_entry_with_the_comment(
    signing_dossier, django_capture_on_commit_callbacks, mailoutbox
):
    email = services.current_round(signing_dossier).signers.get(position=1).email
    with django_capture_on_commit_callbacks(execute=True):
        services.refuse(token=last_link(email), comment="Mon nom est mal écrit", ip="", user_agent="")
    signing_dossier.refresh_from_db()
    assert signing_dossier.status == Dossier.Status.DRAFT
    assert any(
        "Mon nom est mal écrit" in m.body
        for m in mailoutbox
        if m.to == [signing_dossier.employer_contact.email]
    )
    assert services.current_round(signing_dossier) is None


def test_the_contact_switches_to_paper_before_the_first_signature_only(
    signing_dossier, django_capture_on_commit_callbacks
):
    contact = signing_dossier.employer_contact
    token = last_link(services.current_round(signing_dossier).signers.get(position=1).email)
    services.choose_mode(dossier=signing_dossier, mode="paper", by=contact)
    with pytest.raises(services.SigningError, match="signature papier"):
        services.signer_for_token(token)
    with django_capture_on_commit_callbacks(execute=True):
        services.choose_mode(dossier=signing_dossier, mode="online", by=contact)
    _sign(services.current_round(signing_dossier).signers.get(position=1).email)
    with pytest.raises(services.SigningError, match="a déjà signé en ligne"):
        services.choose_mode(dossier=signing_dossier, mode="paper", by=contact)


def test_the_signed_cerfa_shows_every_page_and_one_box_per_signer(signing_dossier):
    _sign(services.current_round(signing_dossier).signers.get(position=1).email)
    content = services.current_round(signing_dossier).cerfa_file.open("rb").read()
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 2
    widgets = [
        a.get_object() for a in reader.pages[1].get("/Annots", []) if a.get_object().get("/FT") == "/Sig"
    ]
    assert len(widgets) == 1


def test_a_cfa_rejection_of_the_signed_documents_starts_a_new_round(
    signing_dossier, django_capture_on_commit_callbacks
):
    from cactus.dossiers import transitions
    from cactus.signatures.tests.helpers import checker

    first = services.current_round(signing_dossier)
    for signer in list(first.signers.order_by("position"))[:3]:
        _sign(signer.email)
    cfa_token = last_link(first.signers.get(role="cfa").email)
    signing_dossier.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        transitions.reject_documents(
            dossier=signing_dossier, by=checker(), comment="Mauvaise date", kinds=["signed_cerfa"]
        )
    with pytest.raises(services.SigningError, match="n'est plus valable"):
        services.signer_for_token(cfa_token)
    second = services.current_round(signing_dossier)
    assert second.pk != first.pk and second.signers.filter(link_sent_at__isnull=False).count() == 1


def test_the_back_office_queue_lists_the_dossiers_waiting_for_a_signature(signing_dossier):
    from django.utils import timezone

    from cactus.dossiers import back_office

    label, condition = back_office.queues(timezone.localdate())["signatures_pending"]
    assert label == "Signatures en attente"
    assert list(Dossier.objects.filter(condition)) == [signing_dossier]
    services.choose_mode(dossier=signing_dossier, mode="paper", by=signing_dossier.employer_contact)
    assert not Dossier.objects.filter(condition).exists()


def test_the_cfa_sends_a_new_link_to_a_locked_signer(signing_dossier, django_capture_on_commit_callbacks):
    from cactus.signatures.tests.helpers import checker

    signer = services.current_round(signing_dossier).signers.get(position=1)
    old = last_link(signer.email)
    Signer.objects.filter(pk=signer.pk).update(locked_at=signer.link_sent_at, failed_attempts=5)
    with django_capture_on_commit_callbacks(execute=True):
        services.resend_link(dossier=signing_dossier, by=checker())
    new = last_link(signer.email)
    assert new != old
    assert services.signer_for_token(new).failed_attempts == 0
    with pytest.raises(services.SigningError, match="remplacé par un lien plus récent"):
        services.signer_for_token(old)


def test_a_dossier_reopened_is_not_signed_even_before_its_round_is_cancelled(
    signing_dossier, django_capture_on_commit_callbacks, mailoutbox
):
    dossier = signing_dossier
    signer = services.current_round(dossier).signers.order_by("position").first()
    token = last_link(signer.email)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_code(signer=signer)
    # Back to "Saisie en cours", the signatures hook (after the commit) not run yet.
    Dossier.objects.filter(pk=dossier.pk).update(status=Dossier.Status.DRAFT)

    with pytest.raises(services.SigningError, match="plus à signer"):
        services.sign(token=token, code=last_code(signer.email), consent=True, ip="", user_agent="")

    signer.refresh_from_db()
    assert signer.signed_at is None
    assert not services.has_signatures(dossier)
