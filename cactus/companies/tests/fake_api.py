"""A local stand-in for recherche-entreprises.api.gouv.fr, written from its public documentation.

`GET /search?q=<siret>` answers `{"results": [...], "total_results", "page", "per_page",
"total_pages"}`; each result is a unité légale with its `siege` and the `matching_etablissements`
the query hit. Tests register units, and SIRETs that answer slowly or with a 500.
"""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


def unit(
    *,
    siret: str,
    name: str = "BOULANGERIE DU PORT",
    nature_juridique: str = "5499",
    naf: str = "10.71C",
    headcount: str = "11",
    idcc: tuple[str, ...] = ("0843",),
    closed_on: str | None = None,
    is_siege: bool = True,
) -> dict:
    """A unité légale as the API returns it, whose establishment `siret` is the siège or another one."""
    state = "F" if closed_on else "A"
    siege = {
        "siret": siret if is_siege else siret[:9] + "00019",
        "est_siege": True,
        "numero_voie": "12",
        "indice_repetition": None,
        "type_voie": "BD",
        "libelle_voie": "DE LA LIBERATION",
        "complement_adresse": "BATIMENT B",
        "code_postal": "13001",
        "libelle_commune": "MARSEILLE",
        "adresse": "BATIMENT B 12 BD DE LA LIBERATION 13001 MARSEILLE",
        "activite_principale": naf,
        "tranche_effectif_salarie": headcount,
        "etat_administratif": state if is_siege else "A",
        "date_fermeture": closed_on if is_siege else None,
        "liste_idcc": list(idcc),
    }
    establishment = {
        "siret": siret,
        "est_siege": is_siege,
        "adresse": "4 RUE DU PARADIS 13006 MARSEILLE" if not is_siege else siege["adresse"],
        "code_postal": "13006" if not is_siege else "13001",
        "libelle_commune": "MARSEILLE",
        "activite_principale": naf,
        "tranche_effectif_salarie": headcount,
        "etat_administratif": state,
        "date_fermeture": closed_on,
        "liste_idcc": list(idcc),
    }
    return {
        "siren": siret[:9],
        "nom_complet": f"{name} (BDP)",
        "nom_raison_sociale": name,
        "nature_juridique": nature_juridique,
        "activite_principale": naf,
        "tranche_effectif_salarie": headcount,
        "etat_administratif": state,
        "date_fermeture": closed_on,
        "siege": siege,
        "matching_etablissements": [establishment],
        "complements": {"liste_idcc": list(idcc), "est_service_public": nature_juridique.startswith("7")},
    }


class FakeCompanySearch:
    def __init__(self):
        self.units: dict[str, dict] = {}
        self.slow: set[str] = set()
        self.failing: set[str] = set()
        self.requests: list[str] = []
        self.delay = 2.0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def add(self, **fields) -> dict:
        row = unit(**fields)
        self.units[fields["siret"]] = row
        return row

    def start(self) -> "FakeCompanySearch":
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                url = urlparse(self.path)
                query = parse_qs(url.query).get("q", [""])[0]
                fake.requests.append(query)
                if url.path != "/search":
                    return self._send(404, {"erreur": "Not found"})
                if query in fake.slow:
                    time.sleep(fake.delay)
                if query in fake.failing:
                    return self._send(500, {"erreur": "Internal Server Error"})
                results = [fake.units[query]] if query in fake.units else []
                self._send(
                    200,
                    {
                        "results": results,
                        "total_results": len(results),
                        "page": 1,
                        "per_page": 10,
                        "total_pages": 1 if results else 0,
                    },
                )

            def _send(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

            def log_message(self, *args):
                pass

        return Handler
