"""Write a local test CA and a CFA signing certificate (PKCS#12) for the demo and the tests.

    python manage.py signing_test_ca var/signing
    export CACTUS_SIGNING_CERT=var/signing/cfa-signing.p12 CACTUS_SIGNING_CERT_PASSWORD=cactus-test \
           CACTUS_SIGNING_TRUST_ROOTS=var/signing/test-ca.pem

Never for real dossiers: no one but this Cactus trusts that CA.
"""

from pathlib import Path

from django.core.management.base import BaseCommand

from cactus.signatures import pki


class Command(BaseCommand):
    help = "Crée une autorité de certification de test et le certificat de signature du CFA (démo, tests)."

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument("--password", default="cactus-test")

    def handle(self, *args, directory, password, **options):
        authority = pki.create_test_authority(Path(directory), password=password)
        self.stdout.write(
            f"CACTUS_SIGNING_CERT={authority.pkcs12_path}\n"
            f"CACTUS_SIGNING_CERT_PASSWORD={authority.password}\n"
            f"CACTUS_SIGNING_TRUST_ROOTS={authority.ca_path}"
        )
