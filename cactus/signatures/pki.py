"""The CFA's signing certificate: load it from the environment, or make a local test CA for the demo and tests.

Production: `CACTUS_SIGNING_CERT` is the path of a PKCS#12 file (.p12/.pfx: the CFA's private key,
its certificate and the chain) and `CACTUS_SIGNING_CERT_PASSWORD` its password;
`CACTUS_SIGNING_TRUST_ROOTS` lists the PEM files of the roots the validator trusts (the CA that
issued the CFA's certificate). `manage.py signing_test_ca DIR` writes a test CA and a certificate
for the demo and the tests (never for real dossiers: no one else trusts that CA).
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured  # noqa: F401 - re-exported for pdf.py

TEST_CA_FILE = "test-ca.pem"
TEST_CERT_FILE = "cfa-signing.p12"


@dataclass(frozen=True)
class TestAuthority:
    ca_path: Path
    pkcs12_path: Path
    password: str


def certificate_name(common_name: str, *, organization: str = "") -> x509.Name:
    """C=FR, O=the CFA (or `organization`), CN=`common_name`, each cut to X.509's 64 characters."""
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "FR"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, (organization or settings.CFA_NAME)[:64] or "CFA"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64]),
        ]
    )


def key_usage(*, cert_sign: bool) -> x509.KeyUsage:
    """A CA's (sign certificates and CRLs) or a signer's (digital signature, non-repudiation)."""
    return x509.KeyUsage(
        digital_signature=not cert_sign,
        content_commitment=not cert_sign,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )


def self_signed_ca(ca_key, ca_name: x509.Name, *, now: datetime.datetime) -> x509.Certificate:
    """A test root valid ten years from `now`, issuing end certificates only."""
    return (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(key_usage(cert_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )


def issued_certificate(
    *,
    ca_key,
    ca_name: x509.Name,
    key,
    subject: x509.Name,
    usage,
    now: datetime.datetime,
    usage_critical=False,
) -> x509.Certificate:
    """An end certificate of the test root, valid five years, for one extended key usage (`usage`)."""
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1825))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(key_usage(cert_sign=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([usage]), critical=usage_critical)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )


def create_test_authority(directory: Path, *, password: str = "cactus-test") -> TestAuthority:
    """A self-signed test CA and a signing certificate it issued (PKCS#12), written in `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = certificate_name("Cactus - AC de test (ne pas utiliser en production)")
    ca_cert = self_signed_ca(ca_key, ca_name, now=now)
    key = ec.generate_private_key(ec.SECP256R1())
    cert = issued_certificate(
        ca_key=ca_key,
        ca_name=ca_name,
        key=key,
        subject=certificate_name(f"{settings.CFA_NAME} - cachet de signature"),
        usage=ExtendedKeyUsageOID.EMAIL_PROTECTION,
        now=now,
    )
    authority = TestAuthority(directory / TEST_CA_FILE, directory / TEST_CERT_FILE, password)
    authority.ca_path.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    authority.pkcs12_path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"cactus-signing",
            key,
            cert,
            [ca_cert],
            serialization.BestAvailableEncryption(password.encode()),
        )
    )
    authority.pkcs12_path.chmod(0o600)
    return authority


def configured_paths() -> tuple[Path, str, list[Path]]:
    """(PKCS#12 path, its password, trust roots) from the settings, or ImproperlyConfigured in French."""
    path = settings.CACTUS_SIGNING_CERT
    if not path:
        raise ImproperlyConfigured(
            "La signature en ligne demande le certificat du CFA : renseignez CACTUS_SIGNING_CERT "
            "(fichier PKCS#12) et CACTUS_SIGNING_CERT_PASSWORD (voir le README)."
        )
    if not Path(path).is_file():
        raise ImproperlyConfigured(f"Le certificat de signature du CFA est introuvable : {path}.")
    roots = [Path(root) for root in settings.CACTUS_SIGNING_TRUST_ROOTS if root]
    return Path(path), settings.CACTUS_SIGNING_CERT_PASSWORD, roots
