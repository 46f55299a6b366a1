"""Online signature: start a round, send links and codes, sign, refuse, cancel; each step recorded.

A signer's link and code are stored as hashes only (as `accounts.Invitation`). Signing applies a
PAdES signature per document (`pdf.sign`, an incremental update); when the last party before the
CFA has signed, the dossier reaches "Documents signés retournés" with the signed PDFs as its
documents (`dossiers.transitions.return_signed_documents`); the CFA's signature is its visa and
its validation of the documents (`validate_documents`, whose e-mail carries the signed CERFA).
"""

import hashlib
import hmac
import io
import json
import logging
import subprocess
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from pypdf import PdfReader

from cactus.core import throttle
from cactus.core.uploads import CheckedPdf
from cactus.documents.models import Document
from cactus.documents.services import get_or_generate
from cactus.dossiers import transitions
from cactus.dossiers.exceptions import DossierError
from cactus.dossiers.files import SIGNED_CERFA, SIGNED_CONVENTION
from cactus.dossiers.models import Dossier, DossierEvent
from cactus.signatures import emails, pdf, placements, rules
from cactus.signatures.models import (
    DossierSigningChoice,
    FormationSigningDefault,
    Signer,
    SigningMode,
    SigningRound,
    hash_secret,
)

Status = Dossier.Status
CONSENT_TEXT = (
    "Je reconnais avoir lu le document ci-dessus dans son intégralité. En saisissant le code reçu par "
    "courriel et en cliquant sur « Signer », je le signe électroniquement et j'accepte que cette "
    "signature électronique ait la même valeur qu'une signature manuscrite. Cactus enregistre la date, "
    "l'heure, mon adresse IP, mon navigateur et l'empreinte du document signé."
)


CODE_SPACING_SECONDS = 30
REFUSAL_MAX_LENGTH = Signer._meta.get_field("refusal_comment").max_length
# Before the signed documents are returned; not for a cancelled contract.
CHOOSABLE_STATUSES = (Status.DRAFT, Status.VALIDATION_REQUESTED, Status.VALIDATED)
BOX_ROLES = {
    Signer.Role.ALTERNANT: "alternant(e)",
    Signer.Role.REPRESENTATIVE: "représentant légal",
    Signer.Role.EMPLOYER: "employeur",
    Signer.Role.CFA: "visa du CFA",
}


logger = logging.getLogger(__name__)

# The round's files a signature replaces or adds (`_apply_signature`, `_write_evidence`).
ROUND_FILES = ("cerfa_file", "convention_file", "evidence_file", "evidence_signature_file")


class SigningError(Exception):
    """A French message to show as it is."""


# --- Locks: the dossier first, then its signers -------------------------------------------------
#
# One order everywhere: the life-cycle's transitions, `choose_mode`, `start_round` and the
# cancellations lock the dossier and then write its rounds and signers, so every service that
# starts from a signer (a link, a code, a reminder) locks that signer's dossier before the signer.
# Two orders (signer then dossier here, dossier then signer there) deadlock on PostgreSQL when a
# signature and a change of mode or a reopening meet.


def _lock_dossier(dossier_id: int) -> Dossier:
    return Dossier.objects.select_for_update(of=("self",)).get(pk=dossier_id)


def lock_signer(signer_id: int) -> Signer:
    """The signer, locked after its dossier (see above)."""
    dossier_id = Signer.objects.filter(pk=signer_id).values_list("round__dossier_id", flat=True).get()
    _lock_dossier(dossier_id)
    return Signer.objects.select_for_update(of=("self",)).select_related("round__dossier").get(pk=signer_id)


# --- The mode ------------------------------------------------------------------------------------


def mode_for(dossier: Dossier) -> str:
    """The dossier's own choice, else its formation's default, else paper (the guide's route)."""
    choice = DossierSigningChoice.objects.filter(dossier=dossier).first()
    if choice:
        return choice.mode
    default = FormationSigningDefault.objects.filter(formation_id=dossier.formation_id).first()
    return default.mode if default else SigningMode.PAPER


def current_round(dossier: Dossier) -> SigningRound | None:
    return dossier.signing_rounds.filter(cancelled_at__isnull=True).first()


def has_signatures(dossier: Dossier) -> bool:
    return Signer.objects.filter(
        round__dossier=dossier, round__cancelled_at__isnull=True, signed_at__isnull=False
    ).exists()


@transaction.atomic
def set_formation_default(*, formation, mode: str, by) -> FormationSigningDefault:
    default, _ = FormationSigningDefault.objects.update_or_create(
        formation=formation, defaults={"mode": mode, "updated_by": by, "updated_at": timezone.now()}
    )
    return default


@transaction.atomic
def choose_mode(*, dossier: Dossier, mode: str, by) -> str:
    """The contact (or the CFA) picks paper or online; paper only before the first signature."""
    dossier = _lock_dossier(dossier.pk)
    if mode not in SigningMode.values:
        raise SigningError("Choisissez la signature en ligne ou la signature papier.")
    if has_signatures(dossier):
        raise SigningError(
            "Une partie a déjà signé en ligne : le dossier ne peut plus passer à la signature papier."
        )
    if dossier.status not in CHOOSABLE_STATUSES:
        raise SigningError(
            f"Le mode de signature ne change plus dans l'état « {dossier.status_label} » "
            "(il se choisit avant le retour des documents signés)."
        )
    previous = mode_for(dossier)
    DossierSigningChoice.objects.update_or_create(
        dossier=dossier, defaults={"mode": mode, "chosen_by": by, "chosen_at": timezone.now()}
    )
    DossierEvent.objects.create(
        dossier=dossier,
        actor=by,
        action=DossierEvent.Action.TAB_SAVED,
        changes={"signature_mode": [previous, mode]},
        comment=f"Mode de signature : {SigningMode(mode).label}",
    )
    if mode == SigningMode.PAPER:
        _cancel_open_round(dossier, reason="Passage à la signature papier")
    elif is_ready_to_sign(dossier) and current_round(dossier) is None:
        start_round(dossier=dossier, by=by)
    return mode


def is_ready_to_sign(dossier: Dossier) -> bool:
    """CERFA and convention both available: validated by the formation, éléments économiques validated."""
    return dossier.status == Status.VALIDATED and dossier.economic_validated_at is not None


# --- A round -------------------------------------------------------------------------------------


@transaction.atomic
def start_round(*, dossier: Dossier, by) -> SigningRound:
    """Freeze the CERFA and the convention to sign, plan the signers, send the first link."""
    dossier = _lock_dossier(dossier.pk)
    if not is_ready_to_sign(dossier):
        raise SigningError(
            "La signature en ligne commence quand le dossier est validé par la formation et ses éléments "
            "économiques validés par le CFA."
        )
    if current_round(dossier):
        raise SigningError("La signature en ligne de ce dossier est déjà en cours.")
    started = dossier.signing_rounds.count()
    if started >= settings.SIGNING_MAX_ROUNDS:
        # Each round stores the two PDFs and mails a link: a quota, as for the signed scans.
        raise SigningError(
            f"La signature en ligne de ce dossier a déjà été lancée {started} fois, le maximum est "
            f"{settings.SIGNING_MAX_ROUNDS} : signez les documents sur papier (« Retour des documents ») "
            "ou contactez votre conseillère CFA."
        )
    try:
        planned = rules.signers_for(dossier)
    except rules.SigningImpossible as error:
        raise SigningError(str(error)) from error
    cerfa = _read(get_or_generate(dossier=dossier, kind=Document.Kind.CERFA, by=by).file)
    convention = _read(get_or_generate(dossier=dossier, kind=Document.Kind.CONVENTION, by=by).file)
    signing = SigningRound(
        dossier=dossier,
        started_by=by,
        cerfa_original_sha256=_sha256(cerfa),
        convention_original_sha256=_sha256(convention),
    )
    signing.cerfa_file.save(f"cerfa-{dossier.pk}-0.pdf", ContentFile(cerfa), save=False)
    signing.convention_file.save(f"convention-{dossier.pk}-0.pdf", ContentFile(convention), save=False)
    signing.save()
    for position, planned_signer in enumerate(planned, start=1):
        Signer.objects.create(
            round=signing,
            position=position,
            role=planned_signer.role,
            name=planned_signer.name,
            email=planned_signer.email,
            user_id=planned_signer.user_id,
            documents=list(planned_signer.documents),
        )
    DossierEvent.objects.create(
        dossier=dossier,
        actor=by,
        action=DossierEvent.Action.DOCUMENT_GENERATED,
        changes={"signature_round": signing.pk, "signers": [p.role for p in planned]},
        comment="Signature en ligne lancée : " + ", ".join(p.name for p in planned),
    )
    _send_link(signing.signers.order_by("position").first())
    return signing


def _send_link(signer: Signer, *, reminder: bool = False) -> None:
    """A new personal link (the previous one, if any, stops working): e-mailed, only its hash kept."""
    token = Signer.new_token()
    now = timezone.now()
    signer.token_hash = hash_secret(token)
    signer.link_sent_at = signer.link_sent_at if reminder else now
    signer.link_expires_at = now + timedelta(days=settings.SIGNING_LINK_VALIDITY_DAYS)
    if reminder:
        signer.reminders_sent += 1
    signer.save()
    emails.signature_requested(signer=signer, token=token, reminder=reminder)


@transaction.atomic
def resend_link(*, dossier: Dossier, by) -> Signer:
    """CFA staff send a new link to the signer whose turn it is (after an expiry or a lock)."""
    dossier = _lock_dossier(dossier.pk)
    signing = current_round(dossier)
    signer = None
    if signing and signing.is_open:
        signer = (
            signing.signers.select_for_update()
            .filter(signed_at__isnull=True, refused_at__isnull=True)
            .order_by("position")
            .first()
        )
    if signer is None or signer.link_sent_at is None:
        raise SigningError("Aucune signature en ligne n'attend de signataire pour ce dossier.")
    signer.locked_at = None
    signer.failed_attempts = 0
    signer.code_hash = ""
    _send_link(signer, reminder=True)
    DossierEvent.objects.create(
        dossier=dossier,
        actor=by,
        action=DossierEvent.Action.REMINDER_SENT,
        changes={"kind": "signature", "signer": signer.role, "to": [signer.email], "resent": True},
        comment=f"Nouveau lien de signature envoyé à {signer.name} ({signer.get_role_display()})",
    )
    return signer


def send_reminder_link(signer: Signer) -> None:
    """A reminder: a fresh link to a signer who has not signed (the reminders module counts it)."""
    _send_link(signer, reminder=True)


def _cancel_open_round(dossier: Dossier, *, reason: str) -> int:
    now = timezone.now()
    rounds = list(dossier.signing_rounds.filter(cancelled_at__isnull=True, completed_at__isnull=True))
    for signing in rounds:
        signing.cancelled_at = now
        signing.cancel_reason = reason[:255]
        signing.save(update_fields=["cancelled_at", "cancel_reason"])
        signing.signers.filter(signed_at__isnull=True, refused_at__isnull=True).update(revoked_at=now)
    return len(rounds)


@transaction.atomic
def cancel_rounds(*, dossier: Dossier, reason: str) -> int:
    """Every open round of the dossier is cancelled and its links revoked (a reopening, a paper return)."""
    return _cancel_open_round(_lock_dossier(dossier.pk), reason=reason)


# --- A signer's link -----------------------------------------------------------------------------


def signer_for_token(token: str) -> Signer:
    """The signer of a usable link, or SigningError saying in French why the link does not work."""
    signer = (
        Signer.objects.select_related("round__dossier").filter(token_hash=hash_secret(token or "")).first()
    )
    if signer is None:
        raise SigningError(
            "Ce lien de signature n'est pas valable : il est incomplet ou a été remplacé par un lien plus "
            "récent. Utilisez le dernier courriel reçu."
        )
    if signer.signed_at:
        raise SigningError(
            f"Ce lien a déjà servi : vous avez signé le {timezone.localtime(signer.signed_at):%d/%m/%Y à %H:%M}. "
            "Un lien de signature ne s'utilise qu'une fois."
        )
    if signer.refused_at:
        raise SigningError("Ce lien a déjà servi : vous avez refusé de signer ce document.")
    if signer.revoked_at or signer.round.cancelled_at:
        raise SigningError(
            "Ce lien n'est plus valable : le dossier a été rouvert (retour en « Saisie en cours ») ou est "
            "passé à la signature papier. Un nouveau lien vous sera envoyé si une signature est demandée."
        )
    if signer.locked_at:
        raise SigningError(
            "Ce lien est bloqué : un code erroné a été saisi 5 fois. Demandez un nouveau lien au CFA."
        )
    if signer.link_expires_at and signer.link_expires_at <= timezone.now():
        raise SigningError(
            f"Ce lien a expiré le {timezone.localtime(signer.link_expires_at):%d/%m/%Y}. Un nouveau lien vous "
            "est envoyé avec la prochaine relance, ou demandez-le au CFA."
        )
    return signer


def document_bytes(signer: Signer, kind: str) -> bytes:
    """The PDF this signer is asked to sign (its round's current version); only the signer's own documents."""
    if kind not in signer.documents:
        raise SigningError("Ce document ne fait pas partie de votre signature.")
    return _read(_file(signer.round, kind))


def page_count(signer: Signer, kind: str) -> int:
    return len(PdfReader(io.BytesIO(document_bytes(signer, kind))).pages)


def page_image(signer: Signer, kind: str, number: int) -> bytes:
    """Page `number` (1-based) of the signer's document as a PNG (poppler's pdftoppm, 110 dpi)."""
    content = document_bytes(signer, kind)
    if not 1 <= number <= len(PdfReader(io.BytesIO(content)).pages):
        raise SigningError("Cette page n'existe pas dans le document.")
    result = subprocess.run(
        ["pdftoppm", "-png", "-r", "110", "-f", str(number), "-l", str(number), "-"],
        input=content,
        capture_output=True,
        timeout=60,
        check=True,
    )
    return result.stdout


@transaction.atomic
def record_opening(*, signer: Signer) -> None:
    if signer.opened_at is None:
        Signer.objects.filter(pk=signer.pk, opened_at__isnull=True).update(opened_at=timezone.now())


def send_code(*, signer: Signer) -> None:
    """A 6-digit one-time code by e-mail; a new one replaces the last.

    At most one every 30 seconds, SIGNING_CODES_PER_HOUR an hour and SIGNING_CODES_PER_DAY in 24
    hours for a signer: a leaked link or a script cannot flood the signer's mailbox or our SMTP.
    A request refused by the cap is counted on the signer (the evidence shows it), committed even
    though SigningError is raised.
    """
    with transaction.atomic():
        signer = lock_signer(signer.pk)  # the counters below are read and written one request at a time
        now = timezone.now()
        if signer.code_sent_at and now - signer.code_sent_at < timedelta(seconds=CODE_SPACING_SECONDS):
            raise SigningError(
                "Un code vient de vous être envoyé : attendez 30 secondes avant d'en demander un autre."
            )
        limits = _code_limits(signer)
        wait = throttle.attempt(*limits)
        if wait == 0:
            code = Signer.new_code()
            signer.code_hash = hash_secret(code, salt=str(signer.pk))
            signer.code_sent_at = now
            signer.code_expires_at = now + timedelta(minutes=settings.SIGNING_CODE_VALIDITY_MINUTES)
            email = emails.signature_code(signer=signer, code=code)
            signer.code_email_id = email.pk
            signer.codes_sent += 1
            signer.save()
            return
        Signer.objects.filter(pk=signer.pk).update(code_requests_refused=F("code_requests_refused") + 1)
    raise SigningError(_code_cap_message(signer, limits, wait))


def _code_limits(signer: Signer) -> tuple[throttle.Limit, throttle.Limit]:
    return (
        throttle.Limit(f"signing-code:hour:{signer.pk}", settings.SIGNING_CODES_PER_HOUR, 3600),
        throttle.Limit(f"signing-code:day:{signer.pk}", settings.SIGNING_CODES_PER_DAY, 24 * 3600),
    )


def _code_cap_message(signer: Signer, limits, wait: int) -> str:
    hourly, daily = limits
    if throttle.wait_seconds(daily) == wait:
        reached = f"{daily.limit} codes en 24 heures"
    else:
        reached = f"{hourly.limit} codes en une heure"
    message = (
        f"Vous avez déjà demandé {reached} : c'est le maximum. Vous pourrez en demander un nouveau "
        f"{throttle.available_from(wait)}."
    )
    if signer.code_expires_at and signer.code_expires_at > timezone.now():
        message += (
            f" Le dernier code reçu par courriel reste valable jusqu'à "
            f"{timezone.localtime(signer.code_expires_at):%H:%M} : vous pouvez signer avec lui."
        )
    return message


def _check_code(signer: Signer, code: str) -> None:
    code = (code or "").strip().replace(" ", "")
    if not signer.code_hash or not signer.code_expires_at:
        raise SigningError("Demandez d'abord le code de signature : il vous est envoyé par courriel.")
    if signer.code_expires_at <= timezone.now():
        raise SigningError("Ce code a expiré : demandez un nouveau code.")
    if hmac.compare_digest(hash_secret(code, salt=str(signer.pk)), signer.code_hash):
        return
    signer.failed_attempts += 1
    left = settings.SIGNING_MAX_CODE_ATTEMPTS - signer.failed_attempts
    if left <= 0:
        signer.locked_at = timezone.now()
        signer.save(update_fields=["failed_attempts", "locked_at"])
        raise SigningError(
            "Code erroné pour la 5e fois : ce lien est bloqué. Demandez un nouveau lien au CFA."
        )
    signer.save(update_fields=["failed_attempts"])
    raise SigningError(f"Code erroné. Il vous reste {left} essai{'s' if left > 1 else ''}.")


def sign(*, token: str, code: str, consent: bool, ip: str, user_agent: str) -> Signer:
    """Check the code (a wrong one is counted even though nothing is signed), then sign."""
    if not consent:
        raise SigningError("Cochez la case pour accepter de signer électroniquement.")
    with transaction.atomic():
        lock_signer(signer_for_token(token).pk)
        signer = signer_for_token(token)  # read again under the lock: a double click signs once
        try:
            _check_code(signer, code)
        except SigningError as error:
            refused = error  # the counted attempt is committed with this block
        else:
            refused = None
    if refused:
        raise refused
    with transaction.atomic():
        lock_signer(signer.pk)
        return apply_signature(signer=signer_for_token(token), ip=ip, user_agent=user_agent)


def apply_signature(*, signer: Signer, ip: str, user_agent: str) -> Signer:
    """Sign the signer's documents (the link and code already checked, the dossier then the signer locked).

    With a timestamp authority configured and not answering, nothing is signed: the caller's
    transaction rolls back and the signer, told so, retries. A legal document signed without the
    timestamp the CFA asked for would be weaker with no one knowing; a retry costs a minute.
    """
    signing = signer.round
    stored_before = {name: getattr(signing, name).name for name in ROUND_FILES}
    try:
        return _apply_signature(signer=signer, ip=ip, user_agent=user_agent)
    except pdf.TimestampUnavailable as error:
        # The rollback restores the rows, not the storage: the CFA's visa stores both PDFs and the
        # evidence before its seal asks the TSA. The files this attempt stored go with it.
        for name in ROUND_FILES:
            field = getattr(signing, name)
            if field.name and field.name != stored_before[name]:
                field.storage.delete(field.name)
        logger.warning(
            "TSA unavailable, dossier %s signer %s not signed: %r",
            signer.round.dossier_id,
            signer.pk,
            error.__cause__,
        )
        raise SigningError(str(error)) from error


def _apply_signature(*, signer: Signer, ip: str, user_agent: str) -> Signer:
    signing = signer.round
    dossier = _lock_dossier(signing.dossier_id)
    # The parties sign a validated dossier, the CFA its returned documents; a dossier moved on since
    # (reopened, cancelled) is not signed, even before its round is cancelled after the commit.
    expected = Status.DOCUMENTS_RETURNED if signer.role == Signer.Role.CFA else Status.VALIDATED
    if dossier.status != expected:
        raise SigningError(
            f"Ce dossier n'est plus à signer : il est dans l'état « {dossier.status_label} ». "
            "Un nouveau lien vous sera envoyé si une signature est demandée."
        )
    previous = signing.signers.filter(position__lt=signer.position, signed_at__isnull=True).exists()
    if previous:
        raise SigningError("Les signataires précédents n'ont pas encore signé : votre tour viendra.")
    now = timezone.now()
    signed = {}
    for kind in signer.documents:
        before = _read(_file(signing, kind))
        signed[kind] = (
            before,
            pdf.sign(
                before,
                field_name=f"Signature_{signer.position}_{signer.role}",
                placement=placements.placement(kind, signer.role, scheme=dossier.scheme, content=before),
                signer_name=signer.name,
                reason=_reason(signer, kind),
                location=settings.CFA_CITY,
                contact=signer.email,
                box_lines=[
                    "Signé électroniquement par",
                    f"{signer.name} ({BOX_ROLES[signer.role]})",
                    f"le {timezone.localtime(now):%d/%m/%Y à %H:%M:%S}",
                    f"code à usage unique envoyé à {_masked(signer.email)}",
                    "via Cactus",
                ],
            ),
        )
    # Stored once every document is signed: a failure on the second (the TSA) leaves no file behind.
    for kind, (before, after) in signed.items():
        field = _file(signing, kind)
        replaced = field.name
        field.save(f"{kind}-{dossier.pk}-{signer.position}.pdf", ContentFile(after), save=False)
        # The new file holds the old one byte for byte (an incremental update): once this signature
        # is committed, the previous working file is redundant and goes (no orphan in storage).
        transaction.on_commit(lambda name=replaced, storage=field.storage: storage.delete(name))
        signer.evidence[kind] = {"signed_sha256": _sha256(before), "result_sha256": _sha256(after)}
    signing.save()
    signer.signed_at = now
    signer.ip_address = ip or None
    signer.user_agent = (user_agent or "")[:500]
    signer.code_hash = (
        ""  # the link stays known (its hash) to say "déjà servi"; signed_at makes it single-use
    )
    signer.save()
    DossierEvent.objects.create(
        dossier=dossier,
        actor=signer.user,
        action=DossierEvent.Action.DOCUMENT_GENERATED,
        changes={"signature": signer.role, "signer": signer.pk, "documents": signer.evidence},
        comment=f"Signé en ligne par {signer.name} ({signer.get_role_display()})",
    )
    following = signing.signers.filter(position__gt=signer.position).order_by("position").first()
    if following and following.role == Signer.Role.CFA:
        _parties_signed(dossier, signing)
    if following:
        _send_link(following)
    else:
        _cfa_visa(dossier, signing, signer)
    return signer


def _parties_signed(dossier: Dossier, signing: SigningRound) -> None:
    """Every party has signed: the signed PDFs become the dossier's returned documents."""
    signing.parties_signed_at = timezone.now()
    signing.save(update_fields=["parties_signed_at"])
    try:
        transitions.return_signed_documents(
            dossier=dossier,
            files={
                SIGNED_CERFA: CheckedPdf(_read(signing.cerfa_file), f"CERFA-signe-dossier-{dossier.pk}.pdf"),
                SIGNED_CONVENTION: CheckedPdf(
                    _read(signing.convention_file), f"Convention-signee-dossier-{dossier.pk}.pdf"
                ),
            },
            by=None,
        )
    except DossierError as error:
        raise SigningError(str(error)) from error


def _cfa_visa(dossier: Dossier, signing: SigningRound, signer: Signer) -> None:
    """The CFA's signature is its visa: the documents are validated and the signed CERFA mailed."""
    signing.completed_at = timezone.now()
    _write_evidence(dossier, signing)
    signing.save()
    try:
        transitions.validate_documents(
            dossier=dossier,
            stamped_cerfa=CheckedPdf(_read(signing.cerfa_file), f"CERFA-signe-dossier-{dossier.pk}.pdf"),
            by=signer.user,
        )
    except DossierError as error:
        raise SigningError(str(error)) from error
    from cactus.documents.uploads import store_uploaded_pdf

    store_uploaded_pdf(
        dossier=dossier,
        kind=SIGNED_CONVENTION,
        pdf=CheckedPdf(_read(signing.convention_file), f"Convention-signee-dossier-{dossier.pk}.pdf"),
        by=signer.user,
    )


@transaction.atomic
def refuse(*, token: str, comment: str, ip: str, user_agent: str) -> Signer:
    """A signer refuses with a comment: the dossier goes back to "Saisie en cours" (like a CFA refusal)."""
    comment = (comment or "").replace("\r\n", "\n").strip()  # a browser sends CRLF, maxlength counts 1
    if not comment:
        raise SigningError(
            "Indiquez pourquoi vous refusez de signer : le contact alternance en sera informé."
        )
    if len(comment) > REFUSAL_MAX_LENGTH:
        # Copied into the history and the contact's e-mail: bounded like every comment.
        raise SigningError(
            f"Votre commentaire fait {len(comment):,} caractères : résumez-le en "
            f"{REFUSAL_MAX_LENGTH:,} caractères au plus.".replace(",", "\u00a0")
        )
    signer = lock_signer(signer_for_token(token).pk)
    signer = signer_for_token(token)  # read again under the lock: refused or signed meanwhile
    signer.refused_at = timezone.now()
    signer.refusal_comment = comment
    signer.ip_address = ip or None
    signer.user_agent = (user_agent or "")[:500]
    signer.save()
    dossier = signer.round.dossier
    try:
        transitions.reopen_dossier(
            dossier=dossier,
            by=None,
            reason=f"Signature refusée par {signer.name} ({signer.get_role_display()}) : {comment}",
        )
    except DossierError as error:
        raise SigningError(str(error)) from error
    _cancel_open_round(dossier, reason="Signature refusée")
    return signer


# --- Evidence ------------------------------------------------------------------------------------


def evidence(signing: SigningRound) -> dict:
    return {
        "dossier": signing.dossier_id,
        "round": signing.pk,
        "started_at": signing.started_at.isoformat(),
        "completed_at": signing.completed_at.isoformat() if signing.completed_at else None,
        "documents": {
            "cerfa": {"original_sha256": signing.cerfa_original_sha256},
            "convention": {"original_sha256": signing.convention_original_sha256},
        },
        "consent_text": CONSENT_TEXT,
        "signature_level": "signature électronique simple (eIDAS art. 25.1), scellée par le certificat du CFA",
        # Each PDF signature and this file's .p7s carry a token of this TSA (RFC 3161); None: no timestamp.
        "timestamp_authority": settings.SIGNATURE_TSA_URL or None,
        "signers": [
            {
                "position": signer.position,
                "role": signer.role,
                "name": signer.name,
                "email": signer.email,
                "link_sent_at": _iso(signer.link_sent_at),
                "opened_at": _iso(signer.opened_at),
                "code_sent_at": _iso(signer.code_sent_at),
                "code_delivery": _code_delivery(signer),
                "codes_sent": signer.codes_sent,
                "code_requests_refused": signer.code_requests_refused,
                "failed_code_attempts": signer.failed_attempts,
                "signed_at": _iso(signer.signed_at),
                "ip_address": signer.ip_address,
                "user_agent": signer.user_agent,
                "documents": signer.evidence,
            }
            for signer in signing.signers.order_by("position")
        ],
        "final": {
            "cerfa_sha256": _sha256(_read(signing.cerfa_file)),
            "convention_sha256": _sha256(_read(signing.convention_file)),
        },
    }


def _code_delivery(signer: Signer) -> dict | None:
    """The e-mail that carried the signer's last code: to whom, its state, when the SMTP server took it."""
    from cactus.notifications.models import OutgoingEmail

    email = OutgoingEmail.objects.filter(pk=signer.code_email_id).first()
    if email is None:
        return None
    return {"email_id": email.pk, "to": email.to, "status": email.status, "sent_at": _iso(email.sent_at)}


def _write_evidence(dossier: Dossier, signing: SigningRound) -> None:
    """The evidence JSON beside the PDFs, and its detached CMS signature (.p7s) by the CFA's certificate."""
    content = json.dumps(evidence(signing), ensure_ascii=False, indent=2, sort_keys=True).encode()
    signing.evidence_file.save(f"preuve-signature-{dossier.pk}.json", ContentFile(content), save=False)
    signing.evidence_signature_file.save(
        f"preuve-signature-{dossier.pk}.json.p7s", ContentFile(pdf.sign_detached(content)), save=False
    )


# --- Helpers -------------------------------------------------------------------------------------


def _file(signing: SigningRound, kind: str):
    return signing.cerfa_file if kind == rules.CERFA else signing.convention_file


def _read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _masked(email: str) -> str:
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


def _reason(signer: Signer, kind: str) -> str:
    if signer.role == Signer.Role.CFA:
        return "Visa du CFA" if kind == rules.CERFA else "Signature du CFA (convention de formation)"
    document = "CERFA" if kind == rules.CERFA else "convention de formation"
    return f"Signature de {signer.get_role_display().lower()} ({document})"
