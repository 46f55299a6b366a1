"""The signing engine alone: PAdES signatures on the rendered forms, validation, trust, configuration."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from cactus.documents.renderers import cerfa_apprentissage, cerfa_professionnalisation, convention
from cactus.documents.tests import samples
from cactus.dossiers.models import ContractScheme
from cactus.signatures import pdf, pki, placements
from cactus.signatures.rules import CERFA, CONVENTION, Role


def _sign_all(content: bytes, kind: str, roles, scheme=ContractScheme.APPRENTICESHIP) -> bytes:
    for position, role in enumerate(roles, start=1):
        content = pdf.sign(
            content,
            field_name=f"Signature_{position}_{role}",
            placement=placements.placement(kind, role, scheme=scheme, content=content),
            signer_name=f"Signataire {position}",
            reason=f"Signature {role}",
            location="Aix-en-Provence",
            contact="personne@example.test",
            box_lines=["Signé électroniquement par", f"Signataire {position} ({role})"],
        )
    return content


def test_four_signatures_on_the_apprenticeship_cerfa_each_stay_valid(signing_ca):
    roles = [Role.ALTERNANT, Role.REPRESENTATIVE, Role.EMPLOYER, Role.CFA]
    signed = _sign_all(cerfa_apprentissage.render(samples.apprenticeship()), CERFA, roles)
    reports = pdf.validate(signed)
    assert [report.field for report in reports] == [
        f"Signature_{i}_{role}" for i, role in enumerate(roles, 1)
    ]
    assert all(report.is_ok for report in reports)
    # Incremental updates: each earlier signature covers its own revision, the last the whole file.
    assert [report.coverage for report in reports] == ["ENTIRE_REVISION"] * 3 + ["ENTIRE_FILE"]


def test_the_professionalisation_cerfa_and_the_convention_are_signed_in_their_own_areas(signing_ca):
    pro = _sign_all(
        cerfa_professionnalisation.render(samples.professionalisation()),
        CERFA,
        [Role.ALTERNANT, Role.EMPLOYER],
        scheme=ContractScheme.PROFESSIONALISATION,
    )
    assert len(pdf.validate(pro)) == 2
    data = samples.apprenticeship() | {"dispositif": "apprentissage"}
    agreement = convention.render(data, template=convention.default_template())
    box = placements.placement(CONVENTION, Role.EMPLOYER, scheme="", content=agreement)
    assert box.box[1] > 40  # found under "Pour l'employeur", not the fallback at the page's foot
    assert all(
        report.is_ok for report in pdf.validate(_sign_all(agreement, CONVENTION, [Role.EMPLOYER, Role.CFA]))
    )


def test_a_changed_byte_breaks_the_signature(signing_ca):
    signed = bytearray(
        _sign_all(cerfa_apprentissage.render(samples.apprenticeship()), CERFA, [Role.ALTERNANT])
    )
    signed[bytes(signed).index(b"stream", 1000) + 40] ^= 0x01
    [report] = pdf.validate(bytes(signed))
    assert not report.intact and not report.is_ok


def test_a_certificate_from_another_authority_is_not_trusted(signing_ca, settings, tmp_path):
    signed = _sign_all(cerfa_apprentissage.render(samples.apprenticeship()), CERFA, [Role.ALTERNANT])
    stranger = pki.create_test_authority(tmp_path / "other")
    settings.CACTUS_SIGNING_TRUST_ROOTS = [str(stranger.ca_path)]
    [report] = pdf.validate(signed)
    assert report.intact and not report.trusted


def test_signing_without_a_configured_certificate_says_what_to_set(settings):
    settings.CACTUS_SIGNING_CERT = ""
    with pytest.raises(ImproperlyConfigured, match="renseignez CACTUS_SIGNING_CERT"):
        pdf.platform_signer()


def test_the_evidence_seal_detects_a_changed_evidence_file(signing_ca):
    seal = pdf.sign_detached(b'{"signers": []}')
    assert pdf.verify_detached(b'{"signers": []}', seal)
    assert not pdf.verify_detached(b'{"signers": [1]}', seal)


def test_the_test_ca_command_writes_a_usable_certificate(tmp_path, settings):
    from io import StringIO

    from django.core.management import call_command

    output = StringIO()
    call_command("signing_test_ca", str(tmp_path), stdout=output)
    assert f"CACTUS_SIGNING_CERT={tmp_path / 'cfa-signing.p12'}" in output.getvalue()
    settings.CACTUS_SIGNING_CERT = str(tmp_path / "cfa-signing.p12")
    settings.CACTUS_SIGNING_CERT_PASSWORD = "cactus-test"
    settings.CACTUS_SIGNING_TRUST_ROOTS = [str(tmp_path / "test-ca.pem")]
    pdf._signer.cache_clear()
    assert pdf.verify_detached(b"x", pdf.sign_detached(b"x"))
