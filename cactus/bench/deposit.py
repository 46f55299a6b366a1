"""The cost of one OPCO deposit: building its JSON (CERFA data + PDFs in base64) and the whole round
trip against the sandbox OPCO on 127.0.0.1 (POST /contrats, GET /jobs/{id}, acceptance, the move to
"Envoyé à l'OPCO"), with its SQL queries. Each round trip is rolled back: the bench data stay as
they were."""

import json
import statistics
import time

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from cactus.bench.documents import documented_dossiers, medians_ms
from cactus.dossiers.models import Dossier
from cactus.opco import payload, services
from cactus.opco.models import Deposit, OpcoConnection, idempotency_key_for
from cactus.opco.sandbox import SandboxState, start_sandbox

RUNS = 10
KEY = "cle-du-banc-d-essai"


class _RolledBack(Exception):
    pass


def measure_deposit() -> dict:
    dossier = documented_dossiers().filter(status=Dossier.Status.DOCUMENTS_VALIDATED).first()
    if dossier is None:
        raise RuntimeError("No dossier at 'Documents validés (CFA)' to deposit.")
    payload.build_payload(dossier)  # warm-up: produces and stores the CERFA and the convention once
    body = payload.build_payload(dossier)
    [payload_ms] = medians_ms(lambda: payload.build_payload(dossier), runs=RUNS)
    server = start_sandbox(SandboxState(api_keys={KEY: "2099-12-31"}))
    try:
        with transaction.atomic():
            opco = OpcoConnection(opco="Banc d'essai", mode=OpcoConnection.Mode.API, base_url=server.url)
            opco.set_api_key(KEY)
            opco.save()
            times, queries = [], []
            for run in range(RUNS):
                elapsed, count = _round_trip(dossier, opco, run)
                times.append(elapsed)
                queries.append(count)
            transaction.set_rollback(True)
    finally:
        server.shutdown()
        server.server_close()
    return {
        "runs": RUNS,
        "dossier": dossier.pk,
        "files": len(body["_files"]),
        "payload_kib": round(len(json.dumps(body).encode()) / 1024, 1),
        "payload_ms": round(payload_ms, 1),
        "round_trip_ms": round(statistics.median(times), 1),
        "queries": max(queries),
    }


def _round_trip(dossier, opco: OpcoConnection, run: int) -> tuple[float, int]:
    """One deposit sent and accepted, timed and counted, then undone (savepoint)."""
    try:
        with transaction.atomic():
            deposit = Deposit.objects.create(
                dossier=dossier,
                opco=opco.opco,
                idempotency_key=idempotency_key_for(dossier).hex[:-4] + f"{run:04d}",
                data_version=dossier.version,
            )
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                deposit = services.submit_deposit(deposit.pk)
                elapsed = (time.perf_counter() - started) * 1000
            if deposit.status != Deposit.Status.ACCEPTED:
                raise RuntimeError(
                    f"The sandbox did not accept the deposit: {deposit.errors or deposit.last_error}"
                )
            raise _RolledBack
    except _RolledBack:
        pass
    return elapsed, len(captured.captured_queries)
