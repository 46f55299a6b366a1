"""The sandbox OPCO answers as the standard says, over HTTP (what a CFA rehearses against)."""

import json
import subprocess
import sys
import time
import urllib.request
from datetime import date, timedelta

import httpx
import pytest

from cactus.opco.sandbox import SandboxState, check_fields, deca_number_for, start_sandbox

KEY = "cle-du-bac-a-sable"


@pytest.fixture
def server():
    server = start_sandbox(SandboxState(api_keys={KEY: (date.today() + timedelta(days=30)).isoformat()}))
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def http(server):
    with httpx.Client(base_url=server.url, headers={"X-API-KEY": KEY}, timeout=5) as client:
        yield client


def minimal_payload(**changes) -> dict:
    payload = {
        "numeroInterne": "CACTUS-000001",
        "employeur": {"siret": "73282932000074", "denomination": "Société Méditerranéenne d'Études"},
        "alternant": {"nom": "Benoît", "prenom": "Chloé", "dateNaissance": "2008-03-14"},
        "contrat": {"dateConclusion": "2026-07-01", "dateDebut": "2026-09-01", "dateFin": "2027-08-31"},
        "formation": {
            "rncp": "RNCP30100",
            "dureeHeures": 450,
            "dateDebut": "2026-09-07",
            "dateFin": "2027-08-31",
        },
        "organismeFormation": {"siret": "13002609900015", "uai": "0133999B"},
        "convention": {"priseEnChargeOpco": "8250.00"},
        "attestations": {"donneesConformes": True, "conventionSigneeEntrepriseEtCfa": True},
        "_files": [
            {"type": "CERFA_SIGNE", "contenu": "JVBERi0xLjQK"},
            {"type": "CONVENTION_SIGNEE", "contenu": "JVBERi0xLjQK"},
        ],
    }
    for path, value in changes.items():
        block, _, name = path.partition("__")
        payload[block][name] = value
    return payload


def test_cfakeyinfo_gives_the_key_end_date(http, server):
    answer = http.get("/cfakeyinfo")

    assert answer.status_code == 200
    assert answer.json() == {"valide": True, "dateFinValidite": server.state.api_keys[KEY]}


def test_an_expired_key_is_refused_with_its_date(http, server):
    yesterday = date.today() - timedelta(days=1)
    server.state.api_keys[KEY] = yesterday.isoformat()

    answer = http.get("/cfakeyinfo")

    assert answer.status_code == 403
    assert answer.json()["message"] == f"Clé d'API expirée le {yesterday:%d/%m/%Y}."


def test_no_key_is_a_401(server):
    assert httpx.get(server.url + "/cfakeyinfo").status_code == 401


def test_a_deposit_missing_fields_is_a_400_listing_each_one(http):
    payload = minimal_payload()
    del payload["formation"]["rncp"]
    payload["employeur"]["siret"] = "12345678901234"

    answer = http.post("/contrats", json=payload, headers={"Idempotency-Key": "k1"})

    assert answer.status_code == 400
    assert answer.json()["errors"] == [
        {"champ": "formation.rncp", "code": "OBLIGATOIRE", "message": "Information obligatoire manquante."},
        {
            "champ": "employeur.siret",
            "code": "FORMAT",
            "message": "SIRET invalide (14 chiffres, clé de contrôle).",
        },
    ]


def test_a_deposit_without_idempotency_key_is_refused(http):
    assert http.post("/contrats", json=minimal_payload()).status_code == 400


def test_a_deposit_is_a_202_job_then_a_contract_transmitted(http):
    answer = http.post("/contrats", json=minimal_payload(), headers={"Idempotency-Key": "k1"})

    assert answer.status_code == 202
    job = http.get(f"/jobs/{answer.json()['jobId']}").json()
    assert job["status"] == "completed"
    contract = http.get(f"/contrats/{job['numeroDossier']}").json()
    assert contract["etat"] == "TRANSMIS"
    assert contract["numeroInterne"] == "CACTUS-000001"


def test_a_job_stays_pending_during_the_opcos_check(http, server):
    server.state.job_delay = 3600
    job_id = http.post("/contrats", json=minimal_payload(), headers={"Idempotency-Key": "k1"}).json()["jobId"]

    assert http.get(f"/jobs/{job_id}").json() == {"id": job_id, "status": "pending"}


def test_the_same_idempotency_key_returns_the_same_job_marked_duplicate(http, server):
    first = http.post("/contrats", json=minimal_payload(), headers={"Idempotency-Key": "k1"}).json()

    again = http.post("/contrats", json=minimal_payload(), headers={"Idempotency-Key": "k1"})

    assert again.status_code == 202
    assert again.json()["jobId"] == first["jobId"] and again.json()["duplicate"] is True
    assert server.state.deposits_received == 1


def test_content_errors_fail_the_job(http):
    payload = minimal_payload(contrat__dateFin="2026-08-01")
    payload["_files"] = [{"type": "CERFA_SIGNE", "contenu": "bm90IGEgcGRm"}]

    job_id = http.post("/contrats", json=payload, headers={"Idempotency-Key": "k1"}).json()["jobId"]
    job = http.get(f"/jobs/{job_id}").json()

    assert job["status"] == "failed"
    messages = [error["message"] for error in job["errors"]]
    assert "La date de fin précède la date de début." in messages
    assert "Fichier CERFA_SIGNE : ce n'est pas un PDF." in messages
    assert "La convention de formation signée manque." in messages


def test_a_cfa_rehearses_an_engagement_then_a_rupture(http, server):
    job_id = http.post("/contrats", json=minimal_payload(), headers={"Idempotency-Key": "k1"}).json()["jobId"]
    number = http.get(f"/jobs/{job_id}").json()["numeroDossier"]

    engaged = httpx.post(f"{server.url}/sandbox/contrats/{number}/decision", json={"etat": "ENGAGE"}).json()
    refused_late = httpx.post(f"{server.url}/sandbox/contrats/{number}/decision", json={"etat": "REFUSE"})
    rupture = httpx.post(f"{server.url}/sandbox/contrats/{number}/decision", json={"etat": "RUPTURE"})

    assert engaged["numeroDeca"] == deca_number_for(number)
    assert [row["montant"] for row in engaged["echeancier"]] == ["2062.50"] * 4
    assert refused_late.status_code == 409
    assert rupture.json()["etat"] == "RUPTURE"
    states = [entry["etat"] for entry in http.get(f"/contrats/{number}").json()["historique"]]
    assert states == ["TRANSMIS", "EN_COURS_INSTRUCTION", "ENGAGE", "RUPTURE"]


def deposited_number(http, key: str = "k1", **changes) -> str:
    job_id = http.post("/contrats", json=minimal_payload(**changes), headers={"Idempotency-Key": key}).json()[
        "jobId"
    ]
    return http.get(f"/jobs/{job_id}").json()["numeroDossier"]


RUPTURE = {"dateRupture": "2026-10-15", "motif": "probation", "initiative": "employer"}


def test_a_rupture_told_by_the_cfa_moves_the_contract_once_per_key(http, server):
    number = deposited_number(http)
    url = f"/contrats/{number}/rupture"

    first = http.post(url, json=RUPTURE, headers={"Idempotency-Key": "r1"})
    again = http.post(url, json=RUPTURE, headers={"Idempotency-Key": "r1"})

    assert first.status_code == 200 and first.json()["etat"] == "RUPTURE"
    assert again.status_code == 200 and again.json()["duplicate"] is True
    assert list(server.state.declarations) == ["r1"]
    states = [entry["etat"] for entry in http.get(f"/contrats/{number}").json()["historique"]]
    assert states == ["TRANSMIS", "RUPTURE"]


def test_a_declaration_needs_its_key_its_fields_and_a_known_contract_still_running(http, server):
    number = deposited_number(http)
    no_key = http.post(f"/contrats/{number}/annulation", json={"motif": "Renonce."})
    missing = http.post(
        f"/contrats/{number}/rupture", json={"dateRupture": "15/10/2026"}, headers={"Idempotency-Key": "r1"}
    )
    unknown = http.post("/contrats/20269999999/rupture", json=RUPTURE, headers={"Idempotency-Key": "r2"})
    cancelled = http.post(
        f"/contrats/{number}/annulation",
        json={"dateAnnulation": "2026-08-20", "motif": "Renonce."},
        headers={"Idempotency-Key": "a1"},
    )
    ruptured_after = http.post(f"/contrats/{number}/rupture", json=RUPTURE, headers={"Idempotency-Key": "r3"})

    assert no_key.status_code == 400
    assert missing.status_code == 400
    assert {(error["champ"], error["code"]) for error in missing.json()["errors"]} == {
        ("motif", "OBLIGATOIRE"),
        ("initiative", "OBLIGATOIRE"),
        ("dateRupture", "FORMAT"),
    }
    assert (
        unknown.status_code == 404
        and unknown.json()["message"] == "Aucun contrat ne porte le numéro 20269999999."
    )
    assert cancelled.json()["etat"] == "ANNULE"
    assert ruptured_after.status_code == 400
    assert (
        ruptured_after.json()["errors"][0]["message"]
        == "Le contrat est à l'état ANNULE : plus rien à déclarer."
    )


def test_an_avenant_must_quote_a_contract_the_sandbox_engaged(http, server):
    number = deposited_number(http)
    avenant = {"contrat__typeContrat": "36", "contrat__dateEffetAvenant": "2026-10-01"}
    deca = deca_number_for(number)

    before_engagement = http.post(
        "/contrats",
        json=minimal_payload(**avenant, contrat__numeroContratPrecedent=deca),
        headers={"Idempotency-Key": "v1"},
    )
    server.state.decide(number, "ENGAGE")
    avenant_number = deposited_number(http, "v2", **avenant, contrat__numeroContratPrecedent=deca)
    engaged_avenant = server.state.decide(avenant_number, "ENGAGE")[1]

    assert before_engagement.status_code == 400
    [error] = before_engagement.json()["errors"]
    assert (error["champ"], error["code"]) == ("contrat.numeroContratPrecedent", "INCONNU")
    assert engaged_avenant["numeroDeca"] == deca  # the avenant amends the same contract


def test_injected_faults_answer_500_then_recover(http, server):
    httpx.post(f"{server.url}/sandbox/pannes", json={"status": 500, "count": 2})

    assert [http.get("/cfakeyinfo").status_code for _ in range(3)] == [500, 500, 200]


def test_the_state_survives_a_restart_in_its_json_file(tmp_path):
    path = tmp_path / "bac-a-sable.json"
    state = SandboxState(api_keys={KEY: "2099-01-01"}, path=path)
    state.deposit(minimal_payload(), "k1")

    restored = SandboxState(path=path)
    restored.load()

    assert restored.deposits_received == 1 and restored.idempotency == state.idempotency


def test_check_fields_accepts_a_complete_payload():
    assert check_fields(minimal_payload()) == []


def test_the_command_serves_the_sandbox_and_decides_on_a_contract(tmp_path):
    port = 18765 + int(time.time()) % 1000
    command = [sys.executable, "manage.py", "opco_sandbox", "--port", str(port), "--api-key", KEY]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                httpx.get(url + "/sandbox/etat", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        request = urllib.request.Request(
            url + "/contrats",
            data=json.dumps(minimal_payload()).encode(),
            headers={"X-API-KEY": KEY, "Idempotency-Key": "k1", "Content-Type": "application/json"},
            method="POST",
        )
        job_id = json.load(urllib.request.urlopen(request, timeout=5))["jobId"]
        number = httpx.get(f"{url}/jobs/{job_id}", headers={"X-API-KEY": KEY}).json()["numeroDossier"]
        decided = subprocess.run(
            [
                sys.executable,
                "manage.py",
                "opco_sandbox",
                "--port",
                str(port),
                "--decider",
                number,
                "REFUSE",
                "--motif",
                "Pièce manquante.",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        assert json.loads(decided.stdout)["motifs"] == ["Pièce manquante."]
    finally:
        process.terminate()
        process.wait(timeout=10)
