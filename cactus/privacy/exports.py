"""What Cactus holds on one person (RGPD art. 15, right of access), as a JSON-ready dict."""

from axes.models import AccessFailureLog, AccessLog
from django.db import models
from django.db.models import Model, Q
from django.utils import timezone

from cactus.accounts.models import Invitation, RgpdConsent, User
from cactus.contracts.models import Cancellation, Rupture
from cactus.documents.models import Document
from cactus.dossiers import permissions
from cactus.dossiers.back_office import without_parts
from cactus.dossiers.models import Dossier, DossierEvent
from cactus.notifications.models import OutgoingEmail
from cactus.privacy.retention import related_models
from cactus.signatures.models import Signer
from cactus.twofactor.models import SecondFactorReset


def field_values(instance: Model) -> dict:
    """Every concrete field, foreign keys shown as the related object's text (an e-mail, a title)."""
    values = {}
    for field in instance._meta.concrete_fields:
        if field.is_relation:
            related = getattr(instance, field.name)
            values[field.name] = (
                str(related.email if hasattr(related, "email") else related) if related else None
            )
        elif isinstance(field, models.FileField):
            # A stored file (the signed PDFs of an online signature): its name, not its content.
            values[field.name] = field.value_from_object(instance).name or ""
        else:
            values[field.name] = field.value_from_object(instance)
    return values


def dossier_entry(dossier: Dossier, user: User) -> dict:
    roles = sorted(permissions.roles_on(user, dossier) - {permissions.CFA_ADVISOR, permissions.CFA_ADMIN})
    entry = {
        "id": dossier.pk,
        "roles": roles,
        "formation": dossier.formation.title,
        "status": dossier.status_label,
        "created_at": dossier.created_at,
    }
    # The end of the contract, as the Suivi page shows it to its parties (cactus/contracts).
    rupture = Rupture.objects.filter(dossier=dossier).select_related("recorded_by").first()
    if rupture is not None:
        entry["rupture"] = {
            "ruptured_on": rupture.ruptured_on,
            "initiator": rupture.get_initiator_display(),
            "ground": rupture.ground_label,
            "article": rupture.article,
            "situation": rupture.get_situation_display(),
            "trainee_until": rupture.trainee_until,
            "comment": rupture.comment,
            "recorded_by": rupture.recorded_by.email if rupture.recorded_by else None,
            "recorded_at": rupture.recorded_at,
        }
    cancellation = Cancellation.objects.filter(dossier=dossier).select_related("cancelled_by").first()
    if cancellation is not None:
        entry["cancellation"] = {
            "reason": cancellation.reason,
            "cancelled_by": cancellation.cancelled_by.email if cancellation.cancelled_by else None,
            "cancelled_at": cancellation.cancelled_at,
        }
    if permissions.ALTERNANT in roles:
        # The dossier d'alternance is about the alternant: every field of it, and of its tabs, is theirs.
        entry["data"] = field_values(dossier)
        entry["tabs"] = {
            model._meta.verbose_name: [
                field_values(row) for row in model.objects.filter(**{link: dossier}).order_by("pk")
            ]
            for model, link in related_models()
        }
        entry["documents"] = [
            {
                "kind": document.get_kind_display(),
                "source": document.get_source_display(),
                "original_name": document.original_name,
                "size": document.size,
                "sha256": document.sha256,
                "created_at": document.created_at,
            }
            for document in dossier.documents.order_by("created_at", "pk")
        ]
    return entry


def event_entry(event: DossierEvent, user: User | None = None) -> dict:
    """One event; for anyone but the dossier's alternant, without the values of Vie étudiante (health data)."""
    changes = event.changes
    if user is None or event.dossier.alternant_id != user.pk:
        changes = without_parts(changes or {}, frozenset(permissions.TAB_READERS))
    return {
        "dossier": event.dossier_id,
        "created_at": event.created_at,
        "action": event.get_action_display(),
        "by": event.actor.email if event.actor else None,
        "from_status": event.from_status,
        "to_status": event.to_status,
        "changes": changes,
        "comment": event.comment,
    }


def mentions(email: str) -> list[dict]:
    """Rows of dossier tabs that name this address (mentor, legal representative, signatory...)."""
    found = []
    for model, link in related_models():
        email_fields = [
            field.name for field in model._meta.concrete_fields if isinstance(field, models.EmailField)
        ]
        if not email_fields:
            continue
        query = Q()
        for name in email_fields:
            query |= Q(**{f"{name}__iexact": email})
        for row in model.objects.filter(query).order_by("pk"):
            found.append(
                {
                    "dossier": getattr(row, f"{link}_id"),
                    "as": str(model._meta.verbose_name),
                    "data": field_values(row),
                }
            )
    return found


def signatures(email: str, user: User | None) -> list[dict]:
    """Every online signature this person was asked for (cactus/signatures), with or without an
    account (by the address, the account, or as the alternant of the dossier): the name and e-mail
    signed under, each step's moment, the IP address and browser of the
    signature, the refusal comment. Never the link or code hashes."""
    query = Q(email__iexact=email)
    if user is not None:
        # The alternant signs under the address of L'alternant, which may not be the account's.
        query |= Q(user=user) | Q(role=Signer.Role.ALTERNANT, round__dossier__alternant=user)
    return [
        {
            "dossier": signer.round.dossier_id,
            "round_started_at": signer.round.started_at,
            "role": signer.get_role_display(),
            "name": signer.name,
            "email": signer.email,
            "documents": signer.documents,
            "link_sent_at": signer.link_sent_at,
            "link_expires_at": signer.link_expires_at,
            "reminders_sent": signer.reminders_sent,
            "opened_at": signer.opened_at,
            "code_sent_at": signer.code_sent_at,
            "failed_attempts": signer.failed_attempts,
            "locked_at": signer.locked_at,
            "revoked_at": signer.revoked_at,
            "signed_at": signer.signed_at,
            "refused_at": signer.refused_at,
            "refusal_comment": signer.refusal_comment,
            "ip_address": signer.ip_address,
            "user_agent": signer.user_agent,
            "evidence": signer.evidence,
        }
        for signer in Signer.objects.filter(query).select_related("round").order_by("round__started_at", "pk")
    ]


def personal_data(email: str) -> dict:
    """Account, consents, invitations, dossiers, events, e-mails and log-ins of the person with this e-mail."""
    email = User.objects.normalize_email(email)
    user = User.objects.filter(email=email).first()
    data: dict = {"email": email, "exported_at": timezone.now(), "account": None}
    if user is not None:
        data["account"] = {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "phone": user.phone,
            "is_active": user.is_active,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "groups": sorted(user.groups.values_list("name", flat=True)),
            "managed_formations": sorted(user.managed_formations.values_list("title", flat=True)),
            "advised_formations": sorted(user.advised_formations.values_list("title", flat=True)),
        }
        data["rgpd_consents"] = [
            {"version": consent.version, "accepted_at": consent.accepted_at}
            for consent in RgpdConsent.objects.filter(user=user).order_by("accepted_at")
        ]
        data["invitations"] = [
            {
                "invited_by": invitation.invited_by.email if invitation.invited_by else None,
                "created_at": invitation.created_at,
                "expires_at": invitation.expires_at,
                "used_at": invitation.used_at,
                "revoked_at": invitation.revoked_at,
            }
            for invitation in Invitation.objects.filter(user=user).order_by("created_at")
        ]
        dossiers = (
            Dossier.objects.filter(Q(alternant=user) | Q(employer_contact=user))
            .select_related("formation", "alternant", "employer_contact", "created_by")
            .order_by("pk")
        )
        data["dossiers"] = [dossier_entry(dossier, user) for dossier in dossiers]
        events = DossierEvent.objects.filter(Q(actor=user) | Q(dossier__alternant=user)).select_related(
            "actor", "dossier"
        )
        data["events"] = [event_entry(event, user) for event in events.order_by("created_at", "pk")]
        data["documents_uploaded"] = [
            {
                "dossier": document.dossier_id,
                "kind": document.get_kind_display(),
                "created_at": document.created_at,
            }
            for document in Document.objects.filter(created_by=user).order_by("created_at")
        ]
    # Resets of the double authentification of CFA staff (cactus/twofactor): theirs, or made by them.
    data["second_factor_resets"] = [
        {
            "reset_at": reset.reset_at,
            "person": reset.user_email,
            "by": reset.reset_by_email,
            "reason": reset.reason,
            "sessions_ended": reset.sessions_ended,
        }
        for reset in SecondFactorReset.objects.filter(
            Q(user_email__iexact=email) | Q(reset_by_email__iexact=email)
        ).order_by("reset_at", "pk")
    ]
    data["mentioned_in_dossiers"] = mentions(email)
    data["signatures"] = signatures(email, user)
    data["emails_sent"] = [
        {
            "name": message.name,
            "subject": message.subject,
            "body": message.body,
            "status": message.get_status_display(),
            "dossier": message.dossier_id,
            "created_at": message.created_at,
            "sent_at": message.sent_at,
        }
        for message in OutgoingEmail.objects.filter(to__iexact=email).order_by("created_at", "pk")
    ]
    data["logins"] = [
        {
            "at": log.attempt_time,
            "logout_at": log.logout_time,
            "ip_address": log.ip_address,
            "user_agent": log.user_agent,
        }
        for log in AccessLog.objects.filter(username__iexact=email).order_by("attempt_time")
    ]
    data["failed_logins"] = [
        {"at": log.attempt_time, "ip_address": log.ip_address, "locked_out": log.locked_out}
        for log in AccessFailureLog.objects.filter(username__iexact=email).order_by("attempt_time")
    ]
    return data
