"""RFC 3161 timestamps (PAdES B-T) from a timestamp authority over real HTTP: the sandbox TSA."""

import datetime
from pathlib import Path

import pytest
from asn1crypto import cms
from django.test import TestCase

from cactus.documents.renderers import cerfa_apprentissage
from cactus.documents.tests import samples
from cactus.signatures import pdf, placements, services
from cactus.signatures.rules import CERFA, Role
from cactus.signatures.tests.helpers import last_code, last_link
from cactus.signatures.tsa_sandbox import start_sandbox


@pytest.fixture(scope="session")
def _tsa_server(tmp_path_factory):
    server = start_sandbox(tmp_path_factory.mktemp("tsa"))
    yield server
    server.shutdown()


@pytest.fixture
def tsa(settings, signing_ca, _tsa_server):
    """The sandbox TSA configured as production configures a real one: its URL, its root trusted."""
    settings.SIGNATURE_TSA_URL = _tsa_server.url
    settings.SIGNATURE_TSA_TIMEOUT = 1
    settings.CACTUS_SIGNING_TRUST_ROOTS = [
        *settings.CACTUS_SIGNING_TRUST_ROOTS,
        str(_tsa_server.authority.ca_path),
    ]
    _tsa_server.state.faults.clear()
    return _tsa_server


def _sign_cerfa() -> bytes:
    content = cerfa_apprentissage.render(samples.apprenticeship())
    return pdf.sign(
        content,
        field_name="Signature_1_alternant",
        placement=placements.placement(CERFA, Role.ALTERNANT, scheme="", content=content),
        signer_name="Signataire",
        reason="Signature",
        location="Aix-en-Provence",
        contact="personne@example.test",
        box_lines=["Signé électroniquement par", "Signataire"],
    )


def test_a_signature_carries_a_timestamp_token_the_validator_accepts(tsa):
    issued = tsa.state.tokens_issued
    before = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    signed = _sign_cerfa()
    after = datetime.datetime.now(datetime.UTC)

    [report] = pdf.validate(signed)
    assert report.timestamp_ok and report.is_ok
    assert before <= report.timestamped_at <= after
    assert tsa.state.tokens_issued > issued  # a real HTTP round trip to the sandbox


def test_the_evidence_seal_carries_a_timestamp_token_too(tsa):
    seal = pdf.sign_detached(b'{"signers": []}')
    signer_info = cms.ContentInfo.load(seal)["content"]["signer_infos"][0]
    assert "signature_time_stamp_token" in [
        attribute["type"].native for attribute in signer_info["unsigned_attrs"]
    ]
    assert pdf.verify_detached(b'{"signers": []}', seal)


def test_a_token_from_an_untrusted_authority_is_reported(tsa, settings):
    signed = _sign_cerfa()
    settings.CACTUS_SIGNING_TRUST_ROOTS = settings.CACTUS_SIGNING_TRUST_ROOTS[:1]  # the CFA's CA only
    [report] = pdf.validate(signed)
    assert report.timestamped_at and not report.timestamp_ok and not report.is_ok


def test_without_a_timestamp_authority_a_signature_has_no_token(signing_ca, settings, _tsa_server):
    settings.SIGNATURE_TSA_URL = ""
    issued = _tsa_server.state.tokens_issued
    [report] = pdf.validate(_sign_cerfa())
    assert report.timestamped_at is None and report.is_ok
    assert _tsa_server.state.tokens_issued == issued


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fault", [{"status": 503}, {"garbage": True}, {"delay": 1.5}], ids=["5xx", "garbage", "timeout"]
)
def test_a_timestamp_authority_that_does_not_answer_signs_nothing_and_the_signer_retries(
    tsa, signing_dossier, fault
):
    signer = services.current_round(signing_dossier).signers.get(position=1)
    token = last_link(signer.email)
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.send_code(signer=signer)
    original = services.document_bytes(signer, CERFA)
    tsa.state.add_fault(**fault, count=2)  # the size-estimating request too, on a fresh client

    with pytest.raises(services.SigningError, match="Le service d'horodatage ne répond pas"):
        services.sign(token=token, code=last_code(signer.email), consent=True, ip="", user_agent="")

    signer.refresh_from_db()
    assert signer.signed_at is None and signer.code_hash  # the code still signs
    assert services.document_bytes(signer, CERFA) == original
    tsa.state.faults.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.sign(token=token, code=last_code(signer.email), consent=True, ip="", user_agent="")
    signer.refresh_from_db()
    [report] = pdf.validate(services.document_bytes(signer, CERFA))
    assert signer.signed_at and report.timestamp_ok


@pytest.mark.parametrize("tamper", ["imprint", "nonce"])
def test_a_token_for_another_request_is_refused_before_it_is_embedded(tsa, tamper):
    """RFC 3161 § 2.4.2: the token must carry the request's message imprint and nonce. pyHanko 0.38
    checks the nonce only (and a wrong one raises AttributeError); Cactus checks both itself."""
    pdf._timestamper.cache_clear()  # a fresh client: its size-estimating request is tampered with too
    tsa.state.add_fault(tamper=tamper, count=2)

    with pytest.raises(pdf.TimestampUnavailable):
        _sign_cerfa()
    with pytest.raises(pdf.TimestampUnavailable):
        pdf.sign_detached(b'{"signers": []}')


@pytest.mark.django_db
def test_a_timestamp_authority_failing_on_the_cfa_visa_seal_leaves_no_file_behind(
    signing_dossier, settings, monkeypatch
):
    """The CFA's visa signs both PDFs, stores them and the evidence, then seals the evidence (a TSA
    token too): the seal failing rolls the visa back and removes what the attempt stored."""
    signing = services.current_round(signing_dossier)
    for signer in signing.signers.exclude(role=Role.CFA).order_by("position"):
        token = last_link(signer.email)
        with TestCase.captureOnCommitCallbacks(execute=True):
            services.send_code(signer=signer)
        with TestCase.captureOnCommitCallbacks(execute=True):
            services.sign(token=token, code=last_code(signer.email), consent=True, ip="", user_agent="")
    cfa = signing.signers.get(role=Role.CFA)
    token = last_link(cfa.email)
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.send_code(signer=cfa)
    media = Path(settings.MEDIA_ROOT)
    files_before = sorted(path for path in media.rglob("*") if path.is_file())

    def unavailable(content):
        raise pdf.TimestampUnavailable("Le service d'horodatage ne répond pas.")

    monkeypatch.setattr(pdf, "sign_detached", unavailable)
    with pytest.raises(services.SigningError, match="Le service d'horodatage ne répond pas"):
        services.sign(token=token, code=last_code(cfa.email), consent=True, ip="", user_agent="")

    cfa.refresh_from_db()
    assert cfa.signed_at is None and cfa.code_hash
    assert sorted(path for path in media.rglob("*") if path.is_file()) == files_before
