"""Tell the OPCO that a contract it holds was broken or cancelled (issue 16: "l'OPCO est informé").

- `request_declaration`: when a dossier reaches "Rompu" or "Annulé" (`dossiers.signals.status_changed`,
  heard by `services.on_status_changed`) or when the OPCO accepts the deposit of a dossier that ended
  meanwhile (`services.accept_deposit`), one `Declaration` per dossier and kind, under the dossier's
  row lock; its HTTP work is a task sent after the commit. Nothing is declared when the OPCO holds no
  contract number for the dossier (no deposit accepted through the API: dépôt manuel, never deposited,
  cancelled before its deposit) nor when its OPCO is no longer on the API: the CFA tells it as before.
- `submit_declaration` (the task's body): `POST /contrats/{numero}/rupture` or `/annulation` with the
  declaration's Idempotency-Key; 200 → sent; 400 → refused with the OPCO's errors; 401/403 and 404
  (the OPCO does not know the number) → failed at once; network errors and 5xx → retried with the
  deposits' backoff, `OPCO_MAX_ATTEMPTS` tries, then failed. Each outcome is written to the dossier's
  history (no actor: the platform). The OPCO's RUPTURE / ANNULE state then comes back through
  `opco_poll` or a webhook and is only recorded (`services.record_opco_state`).
"""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from cactus.dossiers.models import Dossier, DossierEvent
from cactus.opco import backoff, payload
from cactus.opco.client import OpcoKeyRefused, OpcoNotFound, OpcoUnreachable, OpcoValidationError, client_for
from cactus.opco.models import Declaration, Deposit, OpcoConnection, declaration_key_for

logger = logging.getLogger(__name__)
Kind, Status = Declaration.Kind, Declaration.Status

# The dossier's state that calls for each declaration, the standard's path and the body.
KIND_FOR_STATUS = {Dossier.Status.RUPTURED: Kind.RUPTURE, Dossier.Status.CANCELLED: Kind.CANCELLATION}
PATHS = {Kind.RUPTURE: "rupture", Kind.CANCELLATION: "annulation"}
BODIES = {Kind.RUPTURE: payload.rupture_body, Kind.CANCELLATION: payload.cancellation_body}


def declared_deposit(dossier: Dossier) -> Deposit | None:
    """The deposit the OPCO accepted, whose contract number the declaration quotes: the dossier's
    own, else that of the contract its avenant amends, up the avenants (an avenant broken or
    cancelled before its own deposit was accepted). A next contract (succession, another employer)
    is a contract of its own: the walk stops there. None if none."""
    version = dossier
    while True:
        deposit = (
            Deposit.objects.filter(dossier=version, is_current=True, status=Deposit.Status.ACCEPTED)
            .exclude(opco_number="")
            .first()
        )
        if deposit is not None or not (version.is_amendment and version.previous_version_id):
            return deposit
        version = version.previous_version


@transaction.atomic
def request_declaration(*, dossier: Dossier, by=None) -> Declaration | None:
    """Queue the declaration of the dossier's end to its OPCO; the same call again is a no-op.

    A declaration that failed (network, key, unknown number) is sent again with the same key.
    None when there is nothing to tell (the dossier did not end, or the OPCO holds no contract of
    it through the API).
    """
    dossier = Dossier.objects.select_for_update(of=("self",)).get(pk=dossier.pk)
    kind = KIND_FOR_STATUS.get(dossier.status)
    deposit = declared_deposit(dossier) if kind else None
    if deposit is None:
        return None
    if OpcoConnection.api_for(deposit.opco) is None:
        return None
    declaration = Declaration.objects.filter(dossier=dossier, kind=kind).first()
    if declaration is None:
        declaration = Declaration.objects.create(
            dossier=dossier,
            deposit=deposit,
            opco=deposit.opco,
            kind=kind,
            idempotency_key=declaration_key_for(dossier, kind, deposit),
            body=BODIES[kind](dossier),
        )
    elif not backoff.reopen_failed(declaration):
        return declaration
    logger.info(
        "OPCO %s declaration %s queued for dossier %s (by %s)",
        kind,
        declaration.pk,
        dossier.pk,
        getattr(by, "pk", None),
    )
    transaction.on_commit(lambda: backoff.enqueue(submit_declaration_task, declaration.pk))
    return declaration


@task()
def submit_declaration_task(declaration_id: int) -> str:
    """Send one declaration to its OPCO (immediately on one box; by `db_worker` in production)."""
    return submit_declaration(declaration_id).status


def submit_declaration(declaration_id: int) -> Declaration:
    """Send one declaration (the task's body). Safe to run twice: only a pending one is sent."""
    with transaction.atomic():
        dossier_id = Declaration.objects.filter(pk=declaration_id).values_list("dossier_id", flat=True).get()
        Dossier.objects.select_for_update(of=("self",)).only("pk").get(pk=dossier_id)
        declaration = (
            Declaration.objects.select_for_update(of=("self",))
            .select_related("deposit")
            .get(pk=declaration_id)
        )
        if declaration.status != Status.PENDING:
            return declaration
        if not backoff.claim(declaration):
            return declaration  # a retry is planned later, or another run is sending it (its lease)
    connection = OpcoConnection.api_for(declaration.opco)
    if connection is None:
        return _fail(declaration, "L'OPCO n'est plus relié par l'API : prévenez-le directement.")
    try:
        with client_for(connection) as client:
            client.declare(
                declaration.deposit.opco_number,
                PATHS[declaration.kind],
                declaration.body,
                idempotency_key=str(declaration.idempotency_key),
            )
    except OpcoValidationError as error:
        return _reject(declaration, payload.describe_errors(error.errors))
    except (OpcoKeyRefused, OpcoNotFound) as error:
        return _fail(declaration, str(error))
    except OpcoUnreachable as error:
        if declaration.attempts >= settings.OPCO_MAX_ATTEMPTS:
            return _fail(
                declaration, f"{error} Dernière tentative ({declaration.attempts}) : envoi abandonné."
            )
        declaration.next_attempt_at = timezone.now() + backoff.retry_delay(declaration.attempts)
        declaration.last_error = (
            f"{error} Nouvel essai le {timezone.localtime(declaration.next_attempt_at):%d/%m/%Y à %H:%M}."
        )
        declaration.save(update_fields=["next_attempt_at", "last_error", "updated_at"])
        backoff.enqueue(submit_declaration_task, declaration.pk, declaration.next_attempt_at)
        return declaration
    declaration.sent_at, declaration.last_error = timezone.now(), ""
    return _settle(
        declaration,
        Status.SENT,
        f"{declaration.get_kind_display()} transmise à l'OPCO (n° {declaration.deposit.opco_number}).",
    )


def _fail(declaration: Declaration, message: str) -> Declaration:
    declaration.last_error = message
    what = {Kind.RUPTURE: "de la rupture", Kind.CANCELLATION: "de l'annulation"}[declaration.kind]
    return _settle(declaration, Status.FAILED, f"Échec de la transmission {what} à l'OPCO : {message}")


def _reject(declaration: Declaration, errors: list[dict]) -> Declaration:
    declaration.errors, declaration.last_error = errors, ""
    reasons = " ; ".join(
        f"{error['field']} : {error['message']}" if error["field"] else error["message"] for error in errors
    )
    return _settle(
        declaration, Status.REJECTED, f"{declaration.get_kind_display()} refusée par l'OPCO : {reasons}"
    )


@transaction.atomic
def _settle(declaration: Declaration, status: str, comment: str) -> Declaration:
    """The declaration's outcome, saved with its line in the dossier's history (no actor: the platform).

    Once: two runs may both have found it pending (the worker's task and `opco_poll`) and both sent
    it (same key: "duplicate" for the second); the one that settles second, under the locks taken in
    `submit_declaration`'s order, records nothing.
    """
    Dossier.objects.select_for_update(of=("self",)).only("pk").get(pk=declaration.dossier_id)
    settled = Declaration.objects.select_for_update(of=("self",)).get(pk=declaration.pk)
    if settled.status != Status.PENDING:
        return settled
    declaration.status, declaration.next_attempt_at = status, None
    declaration.save(
        update_fields=["status", "next_attempt_at", "sent_at", "errors", "last_error", "updated_at"]
    )
    DossierEvent.objects.create(
        dossier_id=declaration.dossier_id,
        actor=None,
        action=DossierEvent.Action.OPCO_DECLARATION,
        changes={"opco_declaration": declaration.kind, "status": status},
        comment=comment[:2000],
    )
    return declaration


def due_declarations():
    """Pending declarations whose next try is due (`manage.py opco_poll` sends them when the task
    backend cannot defer, or when a worker lost one)."""
    return Declaration.objects.filter(status=Status.PENDING).exclude(next_attempt_at__gt=timezone.now())
