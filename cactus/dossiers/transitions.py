"""The life-cycle of a dossier: one service per verb (docs/lifecycle.md has the state table).

Every service locks the dossier row (`select_for_update`), checks the state under the lock
through `Dossier.move_to` (the TRANSITIONS table is the only list of legal moves), writes a
`DossierEvent` in the same transaction, and records its e-mails, which leave on commit.
Who may call which service is decided by `permissions.can_act`; views ask it first.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cactus.core.uploads import CheckedPdf
from cactus.dossiers import circuits, deadlines, emails, extensions, selectors
from cactus.dossiers.exceptions import DossierError, DossierIncomplete, InvalidTransition
from cactus.dossiers.files import RETURNED_KINDS, SIGNED_CONVENTION, STAMPED_CERFA, kind_label, store
from cactus.dossiers.models import Dossier, DossierEvent, TabDraft
from cactus.dossiers.selectors import advisor_addresses
from cactus.formations.models import Formation

Status = Dossier.Status
# Cleared when a dossier goes back to "Saisie en cours": every later step must be done again.
LIFECYCLE_DATES = (
    "validation_requested_at",
    "validated_at",
    "economic_validated_at",
    "documents_returned_at",
    "documents_validated_at",
)


def _lock(dossier: Dossier) -> Dossier:
    # `of=("self",)`: lock the dossier row only (PostgreSQL refuses FOR UPDATE on an outer join).
    return (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("formation", "employer_contact")
        .get(pk=dossier.pk)
    )


def _lock_for_checker(dossier: Dossier, *, by) -> Dossier:
    """Lock the dossier for a checker's action (permissions.CHECKER_ACTIONS), which a party may not take."""
    dossier = _lock(dossier)
    if by is not None and by.pk in (dossier.employer_contact_id, dossier.alternant_id):
        raise DossierError(
            "Vous êtes contact alternance ou alternant de ce dossier : un autre membre de la formation "
            "ou du CFA doit le valider."
        )
    return dossier


def _move(
    dossier: Dossier, source: str, target: str, *, by, comment: str = "", changes: dict | None = None
) -> DossierEvent:
    """Move the locked dossier along one edge of the table and record it.

    Each verb is one edge: a state can be reached by several verbs (validated: by the formation,
    or back from a rejection), so the verb's source state is checked as well as the table.
    """
    if dossier.status != source:
        raise InvalidTransition(dossier.status_label, Status(target).label)
    dossier.move_to(target)
    dossier.save()
    return DossierEvent.objects.create(
        dossier=dossier,
        actor=by,
        action=DossierEvent.Action.STATUS_CHANGED,
        from_status=source,
        to_status=target,
        comment=comment,
        changes=changes or {},
    )


def _required_comment(comment: str, what: str) -> str:
    comment = (comment or "").strip()
    if not comment:
        raise DossierError(f"Le commentaire est obligatoire : indiquez {what}.")
    return comment


@transaction.atomic
def request_validation(*, dossier: Dossier, by) -> Dossier:
    """ "Faire la demande": freeze the dossier and ask the formation to validate it.

    The tabs are checked again under the lock, not the stored "Saisie complète" flag: a change of
    a referential (SMIC, IDCC) since the last save can take a check mark away. A formation in
    automatic mode validates at once (guide: "la demande de validation entraine la validation
    immédiate"). A second click finds the dossier already moved and changes nothing.
    """
    dossier = _lock(dossier)
    if dossier.status == Status.DRAFT and (missing := selectors.incomplete_tabs(dossier)):
        raise DossierIncomplete(missing)
    now = timezone.now()
    dossier.validation_requested_at = now
    _move(dossier, Status.DRAFT, Status.VALIDATION_REQUESTED, by=by)
    TabDraft.objects.filter(dossier=dossier).delete()  # a frozen dossier has no draft
    if dossier.formation.validation_mode == Formation.ValidationMode.AUTOMATIC:
        _validate(dossier, by=None, changes={"automatic": True})
    else:
        # A responsable who is party to the dossier may not validate it: they are not asked to.
        managers = dossier.formation.managers.filter(is_active=True).exclude(
            pk__in=[dossier.employer_contact_id, dossier.alternant_id]
        )
        for manager in managers:
            emails.validation_requested(dossier=dossier, manager=manager)
    return dossier


def _validate(dossier: Dossier, *, by, changes: dict | None = None) -> None:
    dossier.validated_at = timezone.now()
    _move(dossier, Status.VALIDATION_REQUESTED, Status.VALIDATED, by=by, changes=changes)
    if dossier.employer_contact:
        emails.dossier_validated(dossier=dossier)


@transaction.atomic
def validate_dossier(*, dossier: Dossier, by) -> Dossier:
    """The responsable de formation validates: the data are frozen for good; the contact is told."""
    dossier = _lock_for_checker(dossier, by=by)
    _validate(dossier, by=by)
    return dossier


@transaction.atomic
def refuse_dossier(*, dossier: Dossier, by, comment: str) -> Dossier:
    """The formation sends the dossier back to "Saisie en cours", saying what to correct."""
    comment = _required_comment(comment, "ce que le contact alternance doit corriger")
    dossier = _lock_for_checker(dossier, by=by)
    dossier.validation_requested_at = None
    _move(
        dossier, Status.VALIDATION_REQUESTED, Status.DRAFT, by=by, comment=comment, changes={"refused": True}
    )
    if dossier.employer_contact:
        emails.validation_refused(dossier=dossier, comment=comment)
    return dossier


@transaction.atomic
def validate_economic_elements(*, dossier: Dossier, by) -> Dossier:
    """The CFA validates the éléments économiques, which makes the convention available."""
    dossier = _lock_for_checker(dossier, by=by)
    if dossier.status != Status.VALIDATED:
        raise DossierError(
            "Les éléments économiques se valident quand le dossier est validé par la formation "
            f"(état actuel : « {dossier.status_label} »)."
        )
    if dossier.economic_validated_at:
        raise DossierError("Les éléments économiques de ce dossier sont déjà validés.")
    dossier.economic_validated_at = timezone.now()
    dossier.save(update_fields=["economic_validated_at", "updated_at"])
    DossierEvent.objects.create(dossier=dossier, actor=by, action=DossierEvent.Action.ECONOMIC_VALIDATED)
    return dossier


@transaction.atomic
def return_signed_documents(*, dossier: Dossier, files: dict[str, CheckedPdf], by) -> Dossier:
    """ "Retour des documents": store the signed scans; with both present, the CFA is told.

    The screen is validated after each upload (guide), so one call may bring one file or two.
    """
    if not files:
        raise DossierError("Choisissez le CERFA signé ou la convention signée (PDF) avant de valider.")
    dossier = _lock(dossier)
    if dossier.status != Status.VALIDATED:
        raise DossierError(
            f"Les documents signés se déposent quand le dossier est validé (état actuel : « {dossier.status_label} »)."
        )
    if SIGNED_CONVENTION in files and not dossier.economic_validated_at:
        raise DossierError(
            "La convention n'est pas encore disponible : le CFA doit d'abord valider les éléments économiques."
        )
    stored = dossier.documents.filter(kind__in=RETURNED_KINDS).count()
    limit = settings.UPLOAD_MAX_SIGNED_VERSIONS
    if stored + len(files) > limit:
        # Every version is kept (W-5): the cap stops one dossier from filling the disk.
        raise DossierError(
            f"Ce dossier compte déjà {stored} documents signés déposés, le maximum est {limit} : "
            "contactez votre conseillère CFA avant de déposer une nouvelle version."
        )
    for kind, pdf in files.items():
        document = store().store_uploaded_pdf(dossier=dossier, kind=kind, pdf=pdf, by=by)
        DossierEvent.objects.create(
            dossier=dossier,
            actor=by,
            action=DossierEvent.Action.DOCUMENT_UPLOADED,
            changes={
                "kind": kind,
                "document": document.pk,
                "sha256": document.sha256,
                "name": pdf.original_name,
            },
        )
    if all(store().current_signed_documents(dossier).values()):
        dossier.documents_returned_at = timezone.now()
        _move(dossier, Status.VALIDATED, Status.DOCUMENTS_RETURNED, by=by)
        for address in advisor_addresses(dossier):
            emails.documents_returned(dossier=dossier, to=address)
    return dossier


@transaction.atomic
def validate_documents(*, dossier: Dossier, stamped_cerfa: CheckedPdf, by) -> Dossier:
    """The CFA accepts the signed documents (visa) and sends the CERFA "visé et tamponné" to the contact."""
    dossier = _lock_for_checker(dossier, by=by)
    dossier.documents_validated_at = timezone.now()
    _move(dossier, Status.DOCUMENTS_RETURNED, Status.DOCUMENTS_VALIDATED, by=by)
    document = store().store_uploaded_pdf(dossier=dossier, kind=STAMPED_CERFA, pdf=stamped_cerfa, by=by)
    DossierEvent.objects.create(
        dossier=dossier,
        actor=by,
        action=DossierEvent.Action.DOCUMENT_UPLOADED,
        changes={"kind": document.kind, "document": document.pk, "sha256": document.sha256},
    )
    if dossier.employer_contact:
        emails.stamped_cerfa(
            dossier=dossier,
            document=document,
            final_label=circuits.circuit_for(dossier).final_label,
            due_date=deadlines.dossier_due_date(dossier),
        )
    return dossier


@transaction.atomic
def reject_documents(*, dossier: Dossier, by, comment: str, kinds: list[str]) -> Dossier:
    """The CFA refuses signed documents: back to "Retour des documents", the contact is told why."""
    comment = _required_comment(comment, "ce qui ne va pas dans les documents")
    if not kinds:
        raise DossierError("Cochez le ou les documents à déposer de nouveau.")
    dossier = _lock_for_checker(dossier, by=by)
    current = store().current_signed_documents(dossier)
    rejected = [current[kind].pk for kind in kinds if current.get(kind)]
    dossier.documents_returned_at = None
    _move(
        dossier,
        Status.DOCUMENTS_RETURNED,
        Status.VALIDATED,
        by=by,
        comment=comment,
        changes={"rejected_documents": rejected},
    )
    if dossier.employer_contact:
        labels = [kind_label(kind) for kind in kinds]
        emails.documents_rejected(dossier=dossier, comment=comment, kinds=labels)
    return dossier


@transaction.atomic
def mark_sent_to_opco(*, dossier: Dossier, by) -> Dossier:
    """ "Envoyé à l'OPCO" (or "Transmis à la DDETS") ticked and validated: the date is recorded.

    `by=None` is the platform (the OPCO took the deposit made by the API); a person is refused while
    an extension says the box is not theirs to tick (`extensions.manual_send_refusal`).
    """
    dossier = _lock(dossier)
    circuit = circuits.circuit_for(dossier)
    if circuit.is_closed_by_cfa:
        raise DossierError(
            "Pour ce dossier (employeur monégasque ou étranger), c'est le CFA qui clôture le dossier."
        )
    if by is not None and (refusal := extensions.manual_send_refusal(dossier)):
        raise DossierError(refusal)
    dossier.sent_to_opco_at = timezone.now()
    _move(dossier, Status.DOCUMENTS_VALIDATED, Status.SENT_TO_OPCO, by=by, changes={"circuit": circuit.key})
    return dossier


@transaction.atomic
def close_dossier(*, dossier: Dossier, by, comment: str = "") -> Dossier:
    """The CFA ends by hand a dossier whose last step is outside Cactus (Monegasque or foreign employer)."""
    dossier = _lock_for_checker(dossier, by=by)
    if not circuits.circuit_for(dossier).is_closed_by_cfa:
        raise DossierError("Ce dossier se termine par la case « Envoyé à l'OPCO » du contact alternance.")
    _move(dossier, Status.DOCUMENTS_VALIDATED, Status.CLOSED, by=by, comment=(comment or "").strip())
    return dossier


@transaction.atomic
def reopen_dossier(*, dossier: Dossier, by, reason: str) -> Dossier:
    """The CFA unfreezes a dossier, with a reason; later data changes are recorded as diffs."""
    reason = _required_comment(reason, "la raison de la réouverture")
    dossier = _lock_for_checker(dossier, by=by)
    source = dossier.status
    cleared = {field: str(getattr(dossier, field)) for field in LIFECYCLE_DATES if getattr(dossier, field)}
    dossier.move_to(Status.DRAFT)
    for field in LIFECYCLE_DATES:
        setattr(dossier, field, None)
    dossier.save()
    DossierEvent.objects.create(
        dossier=dossier,
        actor=by,
        action=DossierEvent.Action.REOPENED,
        from_status=source,
        to_status=Status.DRAFT,
        comment=reason,
        changes={"cleared": cleared},
    )
    if dossier.employer_contact:
        emails.dossier_reopened(dossier=dossier, reason=reason)
    return dossier
