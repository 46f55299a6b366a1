"""Run the sandbox OPCO (cactus/opco/sandbox.py), or tell a running one to decide on a contract."""

import json
import urllib.request
from datetime import date, timedelta
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cactus.opco.sandbox import SandboxState, make_server

DEMO_KEY = "cle-de-demonstration-bac-a-sable"


class Command(BaseCommand):
    help = "Démarre l'OPCO bac à sable (--port), ou lui fait engager / refuser un dossier (--decider)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--api-key", default=DEMO_KEY, help="Clé d'API acceptée (X-API-KEY).")
        parser.add_argument(
            "--key-valid-until", default=(date.today() + timedelta(days=365)).isoformat(), help="AAAA-MM-JJ"
        )
        parser.add_argument("--webhook-url", default="", help="Où envoyer les notifications signées.")
        parser.add_argument("--webhook-secret", default="", help="Secret HMAC des notifications.")
        parser.add_argument(
            "--state-file", default="", help="Fichier JSON où garder l'état entre deux lancements."
        )
        parser.add_argument(
            "--job-delay",
            type=float,
            default=0.0,
            help="Secondes avant la fin du contrôle d'un dépôt (0 : dès la première question).",
        )
        parser.add_argument(
            "--decider",
            nargs=2,
            metavar=("NUMERO", "ETAT"),
            help="Sur un bac à sable lancé : ENGAGE, REFUSE…",
        )
        parser.add_argument("--motif", action="append", default=[], help="Motif de refus (répétable).")

    def handle(self, *args, **options):
        if options["decider"]:
            return self._decide(options)
        state = SandboxState(
            api_keys={options["api_key"]: options["key_valid_until"]},
            webhook_url=options["webhook_url"],
            webhook_secret=options["webhook_secret"],
            job_delay=options["job_delay"],
            path=Path(options["state_file"]) if options["state_file"] else None,
        )
        state.load()
        state.api_keys[options["api_key"]] = options["key_valid_until"]
        server = make_server(state, host=options["host"], port=options["port"])
        server.verbose = True
        self.stdout.write(
            f"OPCO bac à sable sur {server.url} (clé : {options['api_key']}). Ctrl-C pour arrêter."
        )
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()

    def _decide(self, options) -> None:
        number, state = options["decider"]
        url = f"http://{options['host']}:{options['port']}/sandbox/contrats/{number}/decision"
        body = json.dumps({"etat": state, "motifs": options["motif"]}).encode()
        request = urllib.request.Request(
            url, data=body, method="POST", headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                self.stdout.write(response.read().decode())
        except urllib.error.HTTPError as error:
            raise CommandError(error.read().decode()) from error
        except OSError as error:
            raise CommandError(f"Bac à sable injoignable sur {url} : {error}") from error
