"""Deposit a validated dossier with its OPCO, and record what the OPCO says of it afterwards.

- `request_deposit`: one `Deposit` per dossier and validated version (its idempotency key), under
  the dossier's row lock, so fifty triggers at once give one deposit; the HTTP work is a task. An
  avenant is deposited like an initial contract: the payload carries its type, date d'effet and the
  amended contract's number.
- `on_status_changed` also hands a rupture or a cancellation to `declarations` (the OPCO is told).
- `submit_deposit` (the task's body): POST the contract; 202 → job id; 400 → rejected with the
  OPCO's errors; 401/403 → failed at once (the key); network errors and 5xx → retried with
  backoff, `OPCO_MAX_ATTEMPTS` tries, then failed. Rejected and failed sit in the queue "Rejeté
  par l'OPCO : à corriger".
- `check_job`: the job completed → accepted, TRANSMIS recorded, the dossier moves to "Envoyé à
  l'OPCO" (actor: none, the platform); failed → rejected with the errors.
- `record_opco_state`: each OPCO state once per deposit (poll and webhook may both bring it),
  under the deposit's row lock (taken after the dossier's, `lock_deposit`: one order everywhere),
  e-mails on ENGAGE and REFUSE; ENGAGE's DECA number becomes the contract's number
  (`Dossier.contract_number`, quoted by an avenant) when it has none. A state of a superseded
  deposit (`is_current=False`) is recorded on it and drives nothing: a log warning, and for a
  decision a mail to the conseillère only.
"""

import logging
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django_tasks import task

from cactus.dossiers import circuits, transitions
from cactus.dossiers.exceptions import DossierError
from cactus.dossiers.models import Dossier, DossierEvent
from cactus.law import identity
from cactus.opco import backoff, declarations, emails, payload
from cactus.opco.backoff import retry_delay
from cactus.opco.client import (
    OpcoError,
    OpcoKeyRefused,
    OpcoUnreachable,
    OpcoValidationError,
    client_for,
)
from cactus.opco.models import Deposit, OpcoConnection, OpcoState, OpcoStateChange, idempotency_key_for

logger = logging.getLogger(__name__)
Status = Deposit.Status


def connection_for(dossier: Dossier) -> OpcoConnection | None:
    """The API connection of the dossier's OPCO (from its IDCC), None for "dépôt manuel" or no OPCO."""
    if circuits.circuit_for(dossier) is not circuits.OPCO:
        return None  # DDETS (public employer) or closed by the CFA: no OPCO deposit
    opco = getattr(getattr(dossier, "employer", None), "idcc_opco", "")
    if not opco:
        return None
    return OpcoConnection.api_for(opco)


# The box "Envoyé à l'OPCO" is the platform's while the API deposit runs or once the OPCO took it
# (`accept_deposit` records it); a failed deposit leaves it to the CFA (the manual route), and so does
# a rejected one (corrected and deposited again, or sent by hand).
MANUAL_SEND_REFUSALS = {
    Status.PENDING: "Le dossier est en cours de dépôt à l'OPCO par l'API : Cactus enregistrera "
    "« Envoyé à l'OPCO » dès que l'OPCO l'aura reçu. Ne l'envoyez pas à la main.",
    Status.SUBMITTED: "Le dossier est déposé à l'OPCO par l'API et en cours de contrôle : Cactus "
    "enregistrera « Envoyé à l'OPCO » dès que l'OPCO l'aura accepté. Ne l'envoyez pas à la main.",
    Status.ACCEPTED: "L'OPCO a déjà reçu ce dossier par l'API : « Envoyé à l'OPCO » est enregistré "
    "par Cactus, pas à la main.",
}


def manual_send_refusal(dossier: Dossier) -> str:
    """`dossiers.extensions` guard: why "Envoyé à l'OPCO" may not be ticked by hand ("" if it may)."""
    status = Deposit.objects.filter(dossier=dossier, is_current=True).values_list("status", flat=True).first()
    return MANUAL_SEND_REFUSALS.get(status, "")


def on_status_changed(sender, *, dossier: Dossier, event, **kwargs) -> None:
    """Receiver of dossiers.signals.status_changed: the CFA validated the documents → deposit; the
    contract was broken or cancelled → declare it to the OPCO (`declarations`), if the OPCO holds it.

    Any other state (a reopening…) sends nothing.
    """
    if event.to_status == Dossier.Status.DOCUMENTS_VALIDATED:
        request_deposit(dossier=dossier, by=event.actor)
    elif event.to_status in declarations.KIND_FOR_STATUS:
        declarations.request_declaration(dossier=dossier, by=event.actor)


@transaction.atomic
def request_deposit(*, dossier: Dossier, by=None) -> Deposit | None:
    """Queue the deposit of the dossier's validated version; the same call again is a no-op.

    A failed deposit (network, key) of the same version is sent again with the same key.
    None when the dossier is not to be deposited (manual OPCO, other circuit, not validated).
    """
    dossier = Dossier.objects.select_for_update(of=("self",)).select_related("employer").get(pk=dossier.pk)
    if dossier.status != Dossier.Status.DOCUMENTS_VALIDATED:
        return None
    connection = connection_for(dossier)
    if connection is None:
        return None
    key = idempotency_key_for(dossier)
    deposit = Deposit.objects.filter(idempotency_key=key).first()
    if deposit is None:
        Deposit.objects.filter(dossier=dossier, is_current=True).update(is_current=False)
        deposit = Deposit.objects.create(
            dossier=dossier, opco=connection.opco, idempotency_key=key, data_version=dossier.version
        )
    elif not backoff.reopen_failed(deposit):
        return deposit
    logger.info(
        "OPCO deposit %s queued for dossier %s (by %s)", deposit.pk, dossier.pk, getattr(by, "pk", None)
    )
    transaction.on_commit(lambda: _enqueue(deposit.pk))
    return deposit


@task()
def submit_deposit_task(deposit_id: int) -> str:
    """Send one deposit to its OPCO (immediately on one box; by `db_worker` in production)."""
    return submit_deposit(deposit_id).status


def _enqueue(deposit_id: int, run_after: datetime | None = None) -> None:
    backoff.enqueue(submit_deposit_task, deposit_id, run_after)


def lock_deposit(deposit_id: int) -> Deposit:
    """The deposit, locked after its dossier.

    One order everywhere: `request_deposit` and the life-cycle's transitions lock the dossier and
    then write its deposits, so whoever starts from a deposit (the task, the poll, a webhook) locks
    the dossier first too; two orders would deadlock when a poll meets a new deposit or the move to
    "Envoyé à l'OPCO".
    """
    dossier_id = Deposit.objects.filter(pk=deposit_id).values_list("dossier_id", flat=True).get()
    Dossier.objects.select_for_update(of=("self",)).only("pk").get(pk=dossier_id)
    return Deposit.objects.select_for_update(of=("self",)).select_related("dossier").get(pk=deposit_id)


def submit_deposit(deposit_id: int) -> Deposit:
    """Send one deposit (the task's body). Safe to run twice: only a pending deposit is sent."""
    with transaction.atomic():
        deposit = lock_deposit(deposit_id)
        if deposit.status != Status.PENDING:
            return deposit
        if deposit.dossier.status != Dossier.Status.DOCUMENTS_VALIDATED and deposit.attempts == 0:
            # Cancelled (or reopened) while the deposit waited its turn, before any send: the OPCO
            # never heard of this version, so it gets nothing. Once a send was tried, the OPCO may
            # hold it (a lost answer): the retry goes on and a cancellation is declared after it.
            return _fail(
                deposit,
                f"Dépôt non envoyé : le dossier est passé à l'état « {deposit.dossier.get_status_display()} » "
                "avant son envoi à l'OPCO.",
            )
        if not backoff.claim(deposit):
            return deposit  # a retry is planned later, or another run is sending it (its lease)
    connection = OpcoConnection.api_for(deposit.opco)
    if connection is None:
        return _fail(deposit, "Le dépôt par l'API n'est plus configuré pour cet OPCO : déposez à la main.")
    try:
        body = payload.build_payload(deposit.dossier)
        with client_for(connection) as client:
            answer = client.deposit_contract(body, idempotency_key=str(deposit.idempotency_key))
    except OpcoValidationError as error:
        return _reject(deposit, error.errors)
    except OpcoKeyRefused as error:
        return _fail(deposit, str(error))
    except OpcoUnreachable as error:
        if deposit.attempts >= settings.OPCO_MAX_ATTEMPTS:
            return _fail(
                deposit, f"{error} Dernière tentative ({deposit.attempts}) : le dépôt est abandonné."
            )
        deposit.next_attempt_at = timezone.now() + retry_delay(deposit.attempts)
        deposit.last_error = (
            f"{error} Nouvel essai le {timezone.localtime(deposit.next_attempt_at):%d/%m/%Y à %H:%M}."
        )
        deposit.save(update_fields=["next_attempt_at", "last_error", "updated_at"])
        _enqueue(deposit.pk, run_after=deposit.next_attempt_at)
        return deposit
    deposit.job_id = str(answer.get("jobId") or answer.get("id") or "")
    deposit.status, deposit.submitted_at = Status.SUBMITTED, timezone.now()
    deposit.next_attempt_at, deposit.last_error = None, ""
    deposit.save(
        update_fields=["job_id", "status", "submitted_at", "next_attempt_at", "last_error", "updated_at"]
    )
    return check_job(deposit, connection=connection)


def _fail(deposit: Deposit, message: str) -> Deposit:
    deposit.status, deposit.last_error, deposit.next_attempt_at = Status.FAILED, message, None
    deposit.save(update_fields=["status", "last_error", "next_attempt_at", "updated_at"])
    return deposit


def _reject(deposit: Deposit, errors: list[dict]) -> Deposit:
    deposit.status, deposit.errors, deposit.next_attempt_at = (
        Status.REJECTED,
        payload.describe_errors(errors),
        None,
    )
    deposit.last_error = ""
    deposit.save(update_fields=["status", "errors", "last_error", "next_attempt_at", "updated_at"])
    return deposit


def check_job(deposit: Deposit, *, connection: OpcoConnection | None = None) -> Deposit:
    """Ask the OPCO how its check of a submitted deposit went; a pending job is asked again later."""
    if deposit.status != Status.SUBMITTED or not deposit.job_id:
        return deposit
    connection = connection or OpcoConnection.objects.get(opco=deposit.opco)
    try:
        with client_for(connection) as client:
            job = client.job(deposit.job_id)
    except OpcoError as error:
        deposit.last_error = str(error)
        deposit.save(update_fields=["last_error", "updated_at"])
        return deposit
    status = job.get("status")
    if status == "failed":
        return _reject(deposit, job.get("errors") or [])
    if status != "completed":
        return deposit
    return accept_deposit(deposit, opco_number=str(job.get("numeroDossier") or ""), at=_when(job.get("date")))


def accept_deposit(deposit: Deposit, *, opco_number: str, at: datetime) -> Deposit:
    """The OPCO took the deposit: TRANSMIS, and the dossier reaches its last step ("Envoyé à l'OPCO")."""
    with transaction.atomic():
        deposit = lock_deposit(deposit.pk)
        if deposit.status == Status.ACCEPTED:
            return deposit
        deposit.status, deposit.opco_number, deposit.errors = Status.ACCEPTED, opco_number, []
        deposit.save(update_fields=["status", "opco_number", "errors", "updated_at"])
        record_opco_state(deposit, state=OpcoState.TRANSMIS, at=at, source=OpcoStateChange.Source.DEPOSIT)
        dossier = deposit.dossier
        if deposit.is_current and dossier.status == Dossier.Status.DOCUMENTS_VALIDATED:
            try:
                transitions.mark_sent_to_opco(dossier=dossier, by=None)
            except DossierError:
                logger.warning("Dossier %s accepted by the OPCO but not moved to sent_to_opco", dossier.pk)
    if deposit.is_current and deposit.dossier.status in declarations.KIND_FOR_STATUS:
        # Broken or cancelled while the OPCO was still checking the deposit: it now holds a contract
        # that has ended, so it is told at once.
        declarations.request_declaration(dossier=deposit.dossier)
    return deposit


def record_opco_state(
    deposit: Deposit, *, state: str, at: datetime, source: str, details: dict | None = None
) -> OpcoStateChange | None:
    """Record one state the OPCO gave the deposit (once), update the deposit, e-mail on a decision.

    The deposit row is locked (after its dossier, `lock_deposit`) from the new state to the save: the
    poll and a webhook bringing two states at once are applied one after the other, so the latest
    state by date wins, not the last to commit. `deposit` is updated with what was saved.
    """
    if state not in OpcoState.values:
        logger.warning("Unknown OPCO state %r for deposit %s", state, deposit.pk)
        return None
    with transaction.atomic():
        locked = lock_deposit(deposit.pk)
        change, fields = _record_locked_state(
            locked, state=state, at=at, source=source, details=details or {}
        )
    for field in fields:
        setattr(deposit, field, getattr(locked, field))
    return change


def _record_locked_state(
    deposit: Deposit, *, state: str, at: datetime, source: str, details: dict
) -> tuple[OpcoStateChange | None, list[str]]:
    try:
        with transaction.atomic():
            change = OpcoStateChange.objects.create(
                deposit=deposit, state=state, occurred_at=at, source=source, details=details
            )
    except IntegrityError:
        return None, []  # already known (the poll and a webhook brought the same news)
    fields = ["updated_at"]
    if state == OpcoState.TRANSMIS:
        deposit.received_on, fields = timezone.localtime(at).date(), [*fields, "received_on"]
    if state == OpcoState.ENGAGE:
        deposit.deca_number = str(details.get("numeroDeca") or "")
        deposit.schedule = details.get("echeancier") or []
        fields += ["deca_number", "schedule"]
    if state == OpcoState.REFUSE:
        deposit.refusal_reasons = details.get("motifs") or []
        fields.append("refusal_reasons")
    latest = deposit.state_changes.order_by("-occurred_at", "-pk").first()
    if latest is None or latest.pk == change.pk:
        deposit.opco_state, fields = state, [*fields, "opco_state"]
    deposit.save(update_fields=fields)
    if not deposit.is_current:
        # A deposit replaced by a newer one (the dossier was corrected and deposited again): its state
        # is the OPCO's truth and stays in its history, but it no longer drives the dossier.
        _superseded_state(deposit, change)
        return change, fields
    if state == OpcoState.ENGAGE:
        record_contract_number(deposit)
        emails.contract_engaged(deposit=deposit)
    elif state == OpcoState.REFUSE:
        emails.contract_refused(deposit=deposit)
    return change, fields


def _superseded_state(deposit: Deposit, change: OpcoStateChange) -> None:
    """The OPCO spoke of a superseded deposit: no decision e-mail to the parties, no contract number;
    a warning in the log and, for a decision, a mail to the conseillère, who sorts it out with the OPCO
    (it may be engaging the old version of the contract)."""
    logger.warning(
        "OPCO state %s for superseded deposit %s of dossier %s: recorded, not applied to the dossier",
        change.state,
        deposit.pk,
        deposit.dossier_id,
    )
    if change.state in (OpcoState.ENGAGE, OpcoState.REFUSE):
        emails.superseded_deposit_state(deposit=deposit, change=change)


def record_contract_number(deposit: Deposit) -> str:
    """The OPCO engaged the contract: its DECA number is the contract's number (R-13.8), the one an
    avenant quotes (`contracts` reads `Dossier.contract_number`). Written once, when the dossier has
    none (a number typed by the CFA or the contact is kept), recorded in the history with no actor
    (the platform). A number that is not a contract number of 15 characters is not written."""
    try:
        number = identity.validate_contract_number(deposit.deca_number)
    except ValidationError:
        if deposit.deca_number:
            logger.warning("DECA number of deposit %s is not a contract number: not copied", deposit.pk)
        return ""
    with transaction.atomic():
        dossier = Dossier.objects.select_for_update(of=("self",)).get(pk=deposit.dossier_id)
        if dossier.contract_number:
            return dossier.contract_number
        dossier.contract_number = number
        dossier.save(update_fields=["contract_number", "updated_at"])
        DossierEvent.objects.create(
            dossier=dossier,
            actor=None,
            action=DossierEvent.Action.TAB_SAVED,
            changes={"contract_number": ["", number]},
            comment=f"Numéro du contrat donné par l'OPCO (n° DECA) : {number}",
        )
    return number


def apply_contract_status(deposit: Deposit, contract: dict, *, source: str) -> list[OpcoStateChange]:
    """Record every state of the OPCO's answer about the contract (its history, oldest first)."""
    history = contract.get("historique") or [{"etat": contract.get("etat"), "date": contract.get("dateEtat")}]
    recorded = []
    for entry in history:
        details = {key: contract[key] for key in ("numeroDeca", "echeancier", "motifs") if contract.get(key)}
        details = details if entry.get("etat") == contract.get("etat") else {}
        with transaction.atomic():
            change = record_opco_state(
                deposit,
                state=entry.get("etat") or "",
                at=_when(entry.get("date")),
                source=source,
                details=details,
            )
        if change:
            recorded.append(change)
    return recorded


def poll_deposit(deposit: Deposit) -> Deposit:
    """One look at the OPCO for a deposit: its job while checked, its contract once accepted."""
    if deposit.status == Status.PENDING:
        if backoff.is_due(deposit.next_attempt_at, timezone.now()):
            return submit_deposit(deposit.pk)
        return deposit
    if deposit.status == Status.SUBMITTED:
        return check_job(deposit)
    if deposit.status == Status.ACCEPTED and deposit.opco_number:
        connection = OpcoConnection.api_for(deposit.opco)
        if connection is None:
            return deposit
        try:
            with client_for(connection) as client:
                contract = client.contract(deposit.opco_number)
        except OpcoError as error:
            logger.warning("OPCO poll of deposit %s failed: %s", deposit.pk, error)
            return deposit
        apply_contract_status(deposit, contract, source=OpcoStateChange.Source.POLL)
    return deposit


def _when(value) -> datetime:
    """An OPCO date or date-time (ISO), aware; now when missing."""
    if not value:
        return timezone.now()
    try:  # a well-formed date that does not exist ("2026-02-30") raises ValueError
        moment = parse_datetime(str(value))
        day = parse_date(str(value)) if moment is None else None
    except ValueError:
        return timezone.now()
    if moment is None:
        if day is None:
            return timezone.now()
        moment = datetime(day.year, day.month, day.day, 12)
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def check_key(connection: OpcoConnection) -> str:
    """`cfakeyinfo`: record the key's end date; the French result for the admin page."""
    try:
        with client_for(connection) as client:
            info = client.key_info()
    except OpcoError as error:
        return str(error)
    connection.key_valid_until = parse_date(str(info.get("dateFinValidite") or "")) or None
    connection.key_checked_at = timezone.now()
    connection.save(update_fields=["key_valid_until", "key_checked_at", "updated_at"])
    if connection.key_valid_until:
        return f"Clé valide jusqu'au {connection.key_valid_until:%d/%m/%Y}."
    return "Clé valide."
