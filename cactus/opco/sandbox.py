"""A sandbox OPCO: the endpoints of the inter-OPCO standard Cactus uses, on a real HTTP server.

Standard library only (http.server), so it runs without Django: `manage.py opco_sandbox --port N`
starts it; tests start it in a thread (`start_sandbox()`) and drive the real client over 127.0.0.1.

Endpoints (X-API-KEY required, except /sandbox/*):
- `GET /cfakeyinfo`: the key's validity and end date; unknown key → 401, expired → 403.
- `POST /contrats` (header Idempotency-Key): required fields and formats checked at once → 400
  with the error list; else 202 {"jobId"}; a known Idempotency-Key → 202, the same job, "duplicate".
- `GET /jobs/{id}`: pending (during `job_delay` seconds) → completed {"numeroDossier"} or failed
  {"errors"} (the checks of content: files, dates).
  An avenant (type 30–38) must quote in `contrat.numeroContratPrecedent` the DECA number of a
  contract the sandbox engaged, with its `contrat.dateEffetAvenant` → else 400; once engaged it
  keeps that DECA number (an avenant amends the same contract).
- `GET /contrats/{numero}`: the state, its history, the DECA number and échéancier or the reasons.
- `POST /contrats/{numero}/rupture` {"dateRupture", "motif", "initiative", "situationApres", …} and
  `POST /contrats/{numero}/annulation` {"dateAnnulation", "motif"} (header Idempotency-Key): recorded,
  the contract moves to RUPTURE / ANNULE (webhook sent when configured) → 200 with its state;
  unknown number → 404; missing fields or a contract refused, cancelled, ended or broken otherwise
  → 400 (the same state again is accepted, unchanged); a known Idempotency-Key → 200, the first answer, "duplicate" (nothing recorded twice).
- `POST /sandbox/contrats/{numero}/decision` {"etat": "ENGAGE"|"REFUSE"|…, "motifs": [...]}: what
  the OPCO decides (a CFA rehearses); sends the signed webhook when a URL is configured.
- `POST /sandbox/pannes` {"status": 500 | "delay": seconds, "count": n}: the next n API calls fail.
- `POST /sandbox/config` {"webhook_url", "webhook_secret"}: where and how to sign the notifications.
- `GET /sandbox/etat`: everything the sandbox holds (for a person looking at it).
"""

import base64
import hashlib
import hmac
import json
import re
import threading
import urllib.request
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from cactus.core import sandboxes

REQUIRED = [
    "numeroInterne",
    "employeur.siret",
    "employeur.denomination",
    "alternant.nom",
    "alternant.prenom",
    "alternant.dateNaissance",
    "contrat.dateConclusion",
    "contrat.dateDebut",
    "contrat.dateFin",
    "formation.rncp",
    "formation.dureeHeures",
    "formation.dateDebut",
    "formation.dateFin",
    "organismeFormation.siret",
    "organismeFormation.uai",
]
DATES = [
    "alternant.dateNaissance",
    "contrat.dateConclusion",
    "contrat.dateDebut",
    "contrat.dateFin",
    "formation.dateDebut",
    "formation.dateFin",
]
# Types de contrat ou d'avenant of an avenant: 31–38 (apprentissage), 30 (professionnalisation).
AVENANT_TYPES = {str(code) for code in range(30, 39)}
# What each declaration needs, the state it gives, and the states it may not follow.
DECLARATIONS = {
    "rupture": (["dateRupture", "motif", "initiative"], "dateRupture", "RUPTURE"),
    "annulation": (["dateAnnulation", "motif"], "dateAnnulation", "ANNULE"),
}
FINAL_STATES = {"REFUSE", "ANNULE", "SOLDE", "RUPTURE"}
NEXT_STATES = {
    "TRANSMIS": {"EN_COURS_INSTRUCTION", "ENGAGE", "REFUSE"},
    "EN_COURS_INSTRUCTION": {"ENGAGE", "REFUSE"},
    "ENGAGE": {"ANNULE", "RUPTURE", "SOLDE"},
    "RUPTURE": {"SOLDE"},
}


def _now() -> datetime:
    return datetime.now(UTC)


def _get(payload: dict, path: str):
    value = payload
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        number = int(char) * (2 if index % 2 else 1)
        total += number - 9 if number > 9 else number
    return total % 10 == 0


def _error(path: str, code: str, message: str) -> dict:
    return {"champ": path, "code": code, "message": message}


def check_fields(payload: dict) -> list[dict]:
    """The checks answered at once (400): required fields and their formats."""
    errors = [
        _error(path, "OBLIGATOIRE", "Information obligatoire manquante.")
        for path in REQUIRED
        if _get(payload, path) in (None, "", [])
    ]
    for path in ("employeur.siret", "organismeFormation.siret"):
        siret = str(_get(payload, path) or "")
        if siret and not (re.fullmatch(r"\d{14}", siret) and (_luhn(siret) or siret.startswith("356000000"))):
            errors.append(_error(path, "FORMAT", "SIRET invalide (14 chiffres, clé de contrôle)."))
    uai = str(_get(payload, "organismeFormation.uai") or "")
    if uai and not re.fullmatch(r"\d{7}[A-Z]", uai):
        errors.append(_error("organismeFormation.uai", "FORMAT", "UAI invalide (7 chiffres et une lettre)."))
    rncp = str(_get(payload, "formation.rncp") or "")
    if rncp and not re.fullmatch(r"RNCP\d{3,6}", rncp):
        errors.append(_error("formation.rncp", "FORMAT", "Code RNCP invalide (RNCP suivi de chiffres)."))
    for path in DATES:
        value = _get(payload, path)
        if value:
            try:
                date.fromisoformat(str(value))
            except ValueError:
                errors.append(_error(path, "FORMAT", "Date invalide (AAAA-MM-JJ attendu)."))
    return errors


def check_avenant(payload: dict, contracts: dict) -> list[dict]:
    """An avenant quotes a contract the OPCO engaged (its DECA number) and says when it takes effect."""
    if str(_get(payload, "contrat.typeContrat") or "") not in AVENANT_TYPES:
        return []
    errors = []
    effective = _get(payload, "contrat.dateEffetAvenant")
    if not effective:
        errors.append(
            _error("contrat.dateEffetAvenant", "OBLIGATOIRE", "Date d'effet de l'avenant manquante.")
        )
    number = str(_get(payload, "contrat.numeroContratPrecedent") or "")
    if not number:
        errors.append(
            _error("contrat.numeroContratPrecedent", "OBLIGATOIRE", "Numéro du contrat modifié manquant.")
        )
    elif not any(c.get("numeroDeca") == number and c["etat"] == "ENGAGE" for c in contracts.values()):
        errors.append(
            _error(
                "contrat.numeroContratPrecedent",
                "INCONNU",
                f"Aucun contrat engagé ne porte le numéro {number} : l'avenant doit citer le numéro "
                "du contrat qu'il modifie.",
            )
        )
    return errors


def check_content(payload: dict) -> list[dict]:
    """The checks of the job (failed): coherence of the dates, attestations, files."""
    errors = []
    start, end = _get(payload, "contrat.dateDebut"), _get(payload, "contrat.dateFin")
    if start and end and str(end) <= str(start):
        errors.append(_error("contrat.dateFin", "INCOHERENT", "La date de fin précède la date de début."))
    if _get(payload, "attestations.donneesConformes") is not True:
        errors.append(
            _error("attestations.donneesConformes", "OBLIGATOIRE", "L'employeur doit attester la conformité.")
        )
    files = payload.get("_files") or []
    types = set()
    for entry in files:
        try:
            content = base64.b64decode(entry.get("contenu") or "", validate=True)
        except ValueError:
            errors.append(_error("_files", "FORMAT", f"Fichier {entry.get('type')} : base64 illisible."))
            continue
        if not content.startswith(b"%PDF"):
            errors.append(_error("_files", "FORMAT", f"Fichier {entry.get('type')} : ce n'est pas un PDF."))
        elif entry.get("sha256") and hashlib.sha256(content).hexdigest() != entry["sha256"]:
            errors.append(
                _error("_files", "FORMAT", f"Fichier {entry.get('type')} : empreinte SHA-256 fausse.")
            )
        types.add(entry.get("type"))
    if not types & {"CERFA_SIGNE", "CERFA_VISE"}:
        errors.append(_error("_files", "OBLIGATOIRE", "Le CERFA signé manque."))
    if "CONVENTION_SIGNEE" not in types:
        errors.append(_error("_files", "OBLIGATOIRE", "La convention de formation signée manque."))
    return errors


def schedule_for(payload: dict) -> list[dict]:
    """Four quarterly payments of the OPCO's share of the first year (an illustration, not a rule)."""
    try:
        amount = Decimal(str(_get(payload, "convention.priseEnChargeOpco") or "0"))
    except InvalidOperation:
        amount = Decimal("0")
    start = date.fromisoformat(str(_get(payload, "contrat.dateDebut")))
    quarter = (amount / 4).quantize(Decimal("0.01"))
    return [
        {
            "date": (start + timedelta(days=91 * index)).isoformat(),
            "montant": f"{quarter:.2f}",
            "libelle": f"Versement {index + 1} / 4",
        }
        for index in range(4)
    ]


@dataclass
class SandboxState:
    """Everything the sandbox OPCO knows; one lock; saved to `path` (JSON) after each change when given."""

    api_keys: dict[str, str] = field(default_factory=dict)  # key → end date (ISO)
    webhook_url: str = ""
    webhook_secret: str = ""
    job_delay: float = 0.0
    path: Path | None = None
    jobs: dict = field(default_factory=dict)
    idempotency: dict = field(default_factory=dict)
    contracts: dict = field(default_factory=dict)
    declarations: dict = field(default_factory=dict)  # Idempotency-Key → the declaration and its answer
    faults: list = field(default_factory=list)
    deposits_received: int = 0
    webhooks_sent: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    SAVED = (
        "api_keys",
        "webhook_url",
        "webhook_secret",
        "jobs",
        "idempotency",
        "contracts",
        "declarations",
        "deposits_received",
        "webhooks_sent",
    )

    def load(self) -> None:
        if self.path and self.path.exists():
            saved = json.loads(self.path.read_text(encoding="utf-8"))
            for name in self.SAVED:
                if name in saved:
                    setattr(self, name, saved[name])

    def save(self) -> None:
        if self.path:
            data = {name: getattr(self, name) for name in self.SAVED}
            self.path.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")

    def add_fault(self, *, status: int = 0, delay: float = 0.0, count: int = 1) -> None:
        with self.lock:
            self.faults += [{"status": status, "delay": delay}] * count

    def take_fault(self) -> dict | None:
        with self.lock:
            return self.faults.pop(0) if self.faults else None

    # The OPCO's side ---------------------------------------------------------------------------

    def deposit(self, payload: dict, idempotency_key: str) -> tuple[int, dict]:
        with self.lock:
            if idempotency_key in self.idempotency:
                job = self.jobs[self.idempotency[idempotency_key]]
                return 202, {"jobId": job["id"], "status": job["status"], "duplicate": True}
            errors = check_fields(payload) + check_avenant(payload, self.contracts)
            if errors:
                return 400, {"message": "La demande est invalide.", "errors": errors}
            self.deposits_received += 1
            job_id = str(uuid.uuid4())
            job = {
                "id": job_id,
                "created": _now().isoformat(),
                "status": "pending",
                "errors": check_content(payload),
                "numeroInterne": payload["numeroInterne"],
            }
            if not job["errors"]:
                number = f"{_now().year}{len(self.contracts) + 1:07d}"
                job["numeroDossier"] = number
                self.contracts[number] = {
                    "numeroDossier": number,
                    "numeroInterne": payload["numeroInterne"],
                    "etat": "TRANSMIS",
                    "dateEtat": _now().isoformat(),
                    "historique": [{"etat": "TRANSMIS", "date": _now().isoformat()}],
                    "echeancierPrevu": schedule_for(payload),
                }
                if str(_get(payload, "contrat.typeContrat") or "") in AVENANT_TYPES:
                    self.contracts[number] |= {
                        "typeContrat": _get(payload, "contrat.typeContrat"),
                        "numeroContratPrecedent": _get(payload, "contrat.numeroContratPrecedent"),
                        "dateEffetAvenant": _get(payload, "contrat.dateEffetAvenant"),
                    }
            self.jobs[job_id] = job
            self.idempotency[idempotency_key] = job_id
            self.save()
            return 202, {"jobId": job_id, "status": "pending", "duplicate": False}

    def job(self, job_id: str) -> dict | None:
        with self.lock:
            job = self.jobs.get(job_id)
            if job is None:
                return None
            ready = datetime.fromisoformat(job["created"]) + timedelta(seconds=self.job_delay)
            if job["status"] == "pending" and _now() >= ready:
                job["status"] = "failed" if job["errors"] else "completed"
                job["date"] = _now().isoformat()
                self.save()
            shown = {"id": job["id"], "status": job["status"]}
            if job["status"] == "failed":
                shown["errors"] = job["errors"]
            if job["status"] == "completed":
                shown |= {"numeroDossier": job["numeroDossier"], "date": job["date"]}
            return shown

    def contract(self, number: str) -> dict | None:
        with self.lock:
            contract = self.contracts.get(number)
            return None if contract is None else {k: v for k, v in contract.items() if k != "echeancierPrevu"}

    def decide(self, number: str, state: str, reasons: list[str] | None = None) -> tuple[int, dict]:
        """Move a contract as the OPCO would; ENGAGE gives a DECA number and an échéancier."""
        with self.lock:
            contract = self.contracts.get(number)
            if contract is None:
                return 404, {"message": "Dossier inconnu."}
            if state not in NEXT_STATES.get(contract["etat"], set()):
                return 409, {"message": f"Passage de {contract['etat']} à {state} impossible."}
            if state in ("ENGAGE", "REFUSE") and contract["etat"] == "TRANSMIS":
                contract["historique"].append({"etat": "EN_COURS_INSTRUCTION", "date": _now().isoformat()})
            contract["etat"], contract["dateEtat"] = state, _now().isoformat()
            contract["historique"].append({"etat": state, "date": contract["dateEtat"]})
            if state == "ENGAGE":
                contract["numeroDeca"] = contract.get("numeroContratPrecedent") or deca_number_for(number)
                contract["echeancier"] = contract["echeancierPrevu"]
            if state == "REFUSE":
                contract["motifs"] = reasons or ["Dossier non conforme."]
            self.save()
            shown = {k: v for k, v in contract.items() if k != "echeancierPrevu"}
        self.send_webhook(shown)
        return 200, shown

    def declare(self, number: str, what: str, body: dict, idempotency_key: str) -> tuple[int, dict]:
        """A rupture or a cancellation told by the CFA: recorded once per key, the contract's state set."""
        required, day, state = DECLARATIONS[what]
        with self.lock:
            if idempotency_key in self.declarations:
                return 200, self.declarations[idempotency_key]["reponse"] | {"duplicate": True}
            contract = self.contracts.get(number)
            if contract is None:
                return 404, {"message": f"Aucun contrat ne porte le numéro {number}."}
            errors = [
                _error(name, "OBLIGATOIRE", "Information obligatoire manquante.")
                for name in required
                if not body.get(name)
            ]
            try:
                date.fromisoformat(str(body.get(day) or "2000-01-01"))
            except ValueError:
                errors.append(_error(day, "FORMAT", "Date invalide (AAAA-MM-JJ attendu)."))
            known = contract["etat"] == state  # already told by someone else (the employer)
            if contract["etat"] in FINAL_STATES and not known:
                errors.append(
                    _error("", "ETAT", f"Le contrat est à l'état {contract['etat']} : plus rien à déclarer.")
                )
            if errors:
                return 400, {"message": "La déclaration est invalide.", "errors": errors}
            if not known:
                contract["etat"], contract["dateEtat"] = state, _now().isoformat()
                contract["historique"].append({"etat": state, "date": contract["dateEtat"]})
            answer = {
                "numeroDossier": number,
                "etat": state,
                "dateEtat": contract["dateEtat"],
                "duplicate": False,
            }
            self.declarations[idempotency_key] = {
                "type": what,
                "numeroDossier": number,
                "corps": body,
                "reponse": answer,
            }
            self.save()
            shown = {k: v for k, v in contract.items() if k != "echeancierPrevu"}
        if not known:
            self.send_webhook(shown)
        return 200, answer

    def send_webhook(self, contract: dict) -> None:
        if not self.webhook_url:
            return
        message = {"id": str(uuid.uuid4()), "timestamp": _now().isoformat(), **contract}
        body = json.dumps(message).encode()
        signature = "sha256=" + hmac.new(self.webhook_secret.encode(), body, hashlib.sha256).hexdigest()
        request = urllib.request.Request(
            self.webhook_url,
            data=body,
            headers={"Content-Type": "application/json", "X-Signature": signature},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError as error:
            status = f"erreur : {error}"
        with self.lock:
            self.webhooks_sent.append({"id": message["id"], "etat": contract["etat"], "reponse": status})
            self.save()


def deca_number_for(number: str) -> str:
    """The sandbox's DECA number for a deposit number: 15 characters as R-13.8 writes a contract number
    (department 075, the deposit's year, month 01, six digits of the deposit number), so that an
    avenant can quote it."""
    return f"075{number[:4]}01{number[-6:]:0>6}"


class SandboxHandler(BaseHTTPRequestHandler):
    server_version = "OpcoSandbox/1.0"
    state: SandboxState  # set on the subclass made by make_server

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)

    def _send(self, status: int, body: dict) -> None:
        data = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> dict | None:
        length = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            return None
        return body if isinstance(body, dict) else None

    def _authorised(self) -> bool:
        key = self.headers.get("X-API-KEY", "")
        end = self.state.api_keys.get(key)
        if end is None:
            self._send(401, {"message": "Clé d'API absente ou inconnue."})
            return False
        if date.fromisoformat(end) < _now().date():
            self._send(403, {"message": f"Clé d'API expirée le {date.fromisoformat(end):%d/%m/%Y}."})
            return False
        return True

    def _fault(self) -> bool:
        fault = self.state.take_fault()
        if fault is None:
            return False
        if fault["delay"]:
            threading.Event().wait(fault["delay"])
        if fault["status"]:
            self._send(fault["status"], {"message": "Erreur interne du bac à sable (panne simulée)."})
            return True
        return False

    def do_GET(self):  # noqa: N802 - http.server's name
        path = self.path.split("?")[0].rstrip("/")
        if path == "/sandbox/etat":
            with self.state.lock:
                return self._send(200, {name: getattr(self.state, name) for name in SandboxState.SAVED})
        if self._fault() or not self._authorised():
            return None
        if path == "/cfakeyinfo":
            end = self.state.api_keys[self.headers["X-API-KEY"]]
            return self._send(200, {"valide": True, "dateFinValidite": end})
        if match := re.fullmatch(r"/jobs/([\w-]+)", path):
            job = self.state.job(match[1])
            return self._send(200, job) if job else self._send(404, {"message": "Tâche inconnue."})
        if match := re.fullmatch(r"/contrats/(\w+)", path):
            contract = self.state.contract(match[1])
            return self._send(200, contract) if contract else self._send(404, {"message": "Dossier inconnu."})
        return self._send(404, {"message": "Adresse inconnue."})

    def do_POST(self):  # noqa: N802
        path = self.path.split("?")[0].rstrip("/")
        body = self._body()
        if body is None:
            return self._send(400, {"message": "Corps JSON illisible."})
        if match := re.fullmatch(r"/sandbox/contrats/(\w+)/decision", path):
            return self._send(*self.state.decide(match[1], str(body.get("etat", "")), body.get("motifs")))
        if path == "/sandbox/config":
            with self.state.lock:
                self.state.webhook_url = str(body.get("webhook_url", self.state.webhook_url))
                self.state.webhook_secret = str(body.get("webhook_secret", self.state.webhook_secret))
                self.state.save()
            return self._send(200, {"webhook_url": self.state.webhook_url})
        if path == "/sandbox/pannes":
            self.state.add_fault(
                status=int(body.get("status") or 0),
                delay=float(body.get("delay") or 0),
                count=int(body.get("count") or 1),
            )
            return self._send(200, {"pannes": len(self.state.faults)})
        if self._fault() or not self._authorised():
            return None
        key = self.headers.get("Idempotency-Key", "")
        declaration = re.fullmatch(r"/contrats/(\w+)/(rupture|annulation)", path)
        if (path == "/contrats" or declaration) and not key:
            return self._send(400, {"message": "En-tête Idempotency-Key obligatoire.", "errors": []})
        if path == "/contrats":
            return self._send(*self.state.deposit(body, key))
        if declaration:
            return self._send(*self.state.declare(declaration[1], declaration[2], body, key))
        return self._send(404, {"message": "Adresse inconnue."})


SandboxServer = sandboxes.SandboxServer


def make_server(state: SandboxState, host: str = "127.0.0.1", port: int = 0) -> SandboxServer:
    handler = type("BoundSandboxHandler", (SandboxHandler,), {"state": state})
    server = SandboxServer((host, port), handler)
    server.state = state
    return server


def start_sandbox(state: SandboxState | None = None, *, port: int = 0) -> SandboxServer:
    """Serve in a daemon thread (tests): `server.url`, `server.state`; stop with `server.shutdown()`."""
    server = make_server(state or SandboxState(), port=port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
