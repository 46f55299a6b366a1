"""Run the sandbox timestamp authority (cactus/signatures/tsa_sandbox.py) on real HTTP.

    python manage.py tsa_sandbox --port 8766
    export SIGNATURE_TSA_URL=http://127.0.0.1:8766/ \
           CACTUS_SIGNING_TRUST_ROOTS=var/signing-test-ca/test-ca.pem,var/tsa-sandbox/tsa-ca.pem

Never for real dossiers: no one but this Cactus trusts its root.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from cactus.signatures.tsa_sandbox import load_or_create_authority, make_server


class Command(BaseCommand):
    help = "Démarre l'autorité d'horodatage bac à sable (RFC 3161 sur HTTP) pour la démo et les essais."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8766)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument(
            "--directory",
            default=str(settings.BASE_DIR / "var" / "tsa-sandbox"),
            help="Où garder sa racine, son certificat et sa clé (créés au premier lancement).",
        )

    def handle(self, *args, **options):
        authority = load_or_create_authority(Path(options["directory"]))
        server = make_server(authority, host=options["host"], port=options["port"])
        server.verbose = True
        self.stdout.write(
            f"Horodatage bac à sable sur {server.url} ; sa racine : {authority.ca_path}.\n"
            f"SIGNATURE_TSA_URL={server.url}\n"
            f"Ajoutez {authority.ca_path} à CACTUS_SIGNING_TRUST_ROOTS. Ctrl-C pour arrêter."
        )
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
