"""The cost of one OPCO deposit: building its JSON (CERFA data + PDFs in base64) and the whole round
trip against the sandbox OPCO on 127.0.0.1 (POST /contrats, GET /jobs/{id}, acceptance, the move to
"Envoyé à l'OPCO"), with its SQL queries. Everything is rolled back: the bench data stay as they
were (the PDF files written to MEDIA_ROOT stay)."""

import io
import json
import statistics
import time

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from reportlab.pdfgen import canvas

from cactus.bench.documents import documented_dossiers, medians_ms
from cactus.core.uploads import CheckedPdf
from cactus.documents.uploads import current_signed_documents, store_uploaded_pdf
from cactus.dossiers.files import RETURNED_KINDS
from cactus.dossiers.models import Contract, Dossier
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
    server = start_sandbox(SandboxState(api_keys={KEY: "2099-12-31"}))
    try:
        with transaction.atomic():
            _complete_as_returned(dossier)
            payload.build_payload(dossier)  # warm-up: produces and stores the CERFA and the convention once
            body = payload.build_payload(dossier)
            [payload_ms] = medians_ms(lambda: payload.build_payload(dossier), runs=RUNS)
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


def _complete_as_returned(dossier) -> None:
    """The generated bench dossiers have no scans: give this one the signed returns and the
    employer's attestation a real one has at this step (undone with the rest)."""
    current = current_signed_documents(dossier)
    for kind in RETURNED_KINDS:
        if current.get(kind) is None:
            store_uploaded_pdf(dossier=dossier, kind=kind, pdf=_scan(kind), by=None)
    Contract.objects.filter(dossier=dossier).update(documents_attested=True)


def _scan(kind: str) -> CheckedPdf:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, f"Scan signé ({kind})")
    page.showPage()
    page.save()
    return CheckedPdf(data=buffer.getvalue(), original_name=f"{kind}.pdf")


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
