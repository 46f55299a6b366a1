"""The demo's OPCO: the sandbox is OPCO Commerce's API, and one dossier is deposited there and engaged.

Called by `manage.py demo` (extensions.add_demo_step). The other demo dossiers keep their OPCO
(ATLAS, IDCC 1486) on "dépôt manuel", so the box "Envoyé à l'OPCO" stays shown as before. When
the sandbox answers on OPCO_SANDBOX_URL (`make run` starts it), the deposit and the ENGAGE really
go through it; otherwise the demo records the answers the sandbox would have given.
"""

import json
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from cactus.dossiers import services as dossier_services
from cactus.dossiers.management.commands import demo as dossiers_demo
from cactus.dossiers.models import ContractScheme, Dossier, EntryMode
from cactus.formations.models import Formation
from cactus.law.dates import last_day_within
from cactus.notifications.emails import absolute_url
from cactus.opco import services
from cactus.opco.models import Deposit, OpcoConnection, OpcoState, OpcoStateChange, idempotency_key_for
from cactus.opco.sandbox import deca_number_for, schedule_for

DEMO_OPCO = "OPCO Commerce"
DEMO_IDCC = "2216"  # Commerce de détail et de gros à prédominance alimentaire → OPCO Commerce
DEMO_KEY = "cle-de-demonstration-bac-a-sable"  # the default key of `manage.py opco_sandbox`
DEMO_SECRET = "secret-de-demonstration-bac-a-sable"
ALTERNANT_EMAIL = "rose.vidal@etudiant.test"


def configure_sandbox_and_engage(people: dict, stdout) -> None:
    connection = configure_sandbox_connection()
    dossier = _validated_dossier(people)
    deposit = Deposit.objects.filter(dossier=dossier, is_current=True).first()
    if deposit is None or deposit.opco_state != OpcoState.ENGAGE:
        live = _deposit_and_engage(dossier, connection)
        how = "par le bac à sable" if live else "réponses du bac à sable enregistrées (bac à sable arrêté)"
        stdout.write(f"Dépôt à l'OPCO : dossier de Rose Vidal engagé par {DEMO_OPCO} ({how}).")
    stdout.write(
        f"OPCO bac à sable ({DEMO_OPCO}) : {connection.base_url} (make run le démarre ; sinon manage.py opco_sandbox)"
    )


def configure_sandbox_connection() -> OpcoConnection:
    connection, _ = OpcoConnection.objects.get_or_create(opco=DEMO_OPCO)
    connection.mode, connection.base_url = OpcoConnection.Mode.API, settings.OPCO_SANDBOX_URL
    connection.set_api_key(DEMO_KEY)
    connection.set_webhook_secret(DEMO_SECRET)
    connection.save()
    return connection


def _validated_dossier(people: dict) -> Dossier:
    """Rose Vidal's dossier, through the real services up to "Documents validés (CFA)"."""
    dossier = Dossier.objects.filter(alternant__email=ALTERNANT_EMAIL).first()
    if dossier is not None:
        return dossier
    formation = (
        Formation.objects.filter(title__endswith="(rentrée décalée)").first() or Formation.objects.first()
    )
    dossier = dossier_services.register_alternant(
        formation=formation,
        alternant_email=ALTERNANT_EMAIL,
        employer_contact_email=people["contact"].email,
        by=people["manager"],
    )
    start = timezone.localdate() - timedelta(days=3)
    birth = dossiers_demo.BIRTH_DATE
    base = {
        "entry_mode": EntryMode.FULL,
        "scheme": ContractScheme.APPRENTICESHIP,
        "alternant_last_name": "Vidal",
        "alternant_first_name": "Rose",
        "alternant_birth_date": birth,
        "siret": "73282932000074",
        "contract_start": start,
        "contract_end": last_day_within(start, 12),
    }
    conclusion = min(start, formation.start_date) - timedelta(days=14)
    dossier = dossiers_demo.fill_tabs(
        dossier,
        people,
        base,
        [
            ("employer", dossiers_demo.employer_values(name="Les Halles du Prado", idcc=DEMO_IDCC)),
            (
                "alternant",
                dossiers_demo.alternant_values(
                    f"2{birth:%y%m}13055099", sex="F", email=ALTERNANT_EMAIL, highest_diploma="54"
                ),
            ),
            ("student_life", dossiers_demo.STUDENT_LIFE),
            ("contract", lambda dossier: dossiers_demo.contract_values(dossier, conclusion=conclusion)),
            ("mission", dossiers_demo.MISSION),
        ],
    )
    for step in dossiers_demo.STEPS[1 : dossiers_demo.STEPS.index(Dossier.Status.DOCUMENTS_VALIDATED) + 1]:
        dossiers_demo._advance(dossier, step, people)
    return Dossier.objects.get(pk=dossier.pk)


def _deposit_and_engage(dossier: Dossier, connection: OpcoConnection) -> bool:
    """Deposit through the sandbox and have it engage; True when it answered, else record its answers."""
    dossier = Dossier.objects.get(pk=dossier.pk)
    deposit, _ = Deposit.objects.get_or_create(
        idempotency_key=idempotency_key_for(dossier),
        defaults={"dossier": dossier, "opco": connection.opco, "data_version": dossier.version},
    )
    if deposit.status == Deposit.Status.PENDING:
        deposit = services.submit_deposit(deposit.pk)
    if deposit.status == Deposit.Status.ACCEPTED and _sandbox_decides(connection, deposit.opco_number):
        services.poll_deposit(deposit)
        deposit.refresh_from_db()
        if deposit.opco_state == OpcoState.ENGAGE:
            return True
    _record_sandbox_answers(deposit)
    return False


def _sandbox_decides(connection: OpcoConnection, number: str) -> bool:
    base = connection.base_url.rstrip("/")
    webhook = absolute_url(reverse("opco:notification", args=[connection.pk]))
    for path, body in [
        ("/sandbox/config", {"webhook_url": webhook, "webhook_secret": DEMO_SECRET}),
        (f"/sandbox/contrats/{number}/decision", {"etat": OpcoState.ENGAGE}),
    ]:
        request = urllib.request.Request(
            base + path,
            data=json.dumps(body).encode(),
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=5):
                pass
        except OSError:
            return False
    return True


def _record_sandbox_answers(deposit: Deposit) -> None:
    """What the sandbox answers a complete deposit and an ENGAGE, recorded without it."""
    deposit.refresh_from_db()
    deposit.status, deposit.last_error, deposit.submitted_at = Deposit.Status.PENDING, "", timezone.now()
    deposit.save()
    now = timezone.now()
    services.accept_deposit(deposit, opco_number=f"{now.year}{deposit.dossier_id:07d}", at=now)
    deposit.refresh_from_db()
    services.record_opco_state(
        deposit, state=OpcoState.EN_COURS_INSTRUCTION, at=now, source=OpcoStateChange.Source.POLL
    )
    dossier = deposit.dossier
    schedule = schedule_for(
        {
            "convention": {"priseEnChargeOpco": "8250.00"},
            "contrat": {"dateDebut": dossier.contract_start.isoformat()},
        }
    )
    services.record_opco_state(
        deposit,
        state=OpcoState.ENGAGE,
        at=now,
        source=OpcoStateChange.Source.POLL,
        details={"numeroDeca": deca_number_for(deposit.opco_number), "echeancier": schedule},
    )
