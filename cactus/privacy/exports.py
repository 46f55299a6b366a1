"""What Cactus holds on one person (RGPD art. 15, right of access), as a JSON-ready dict."""

from axes.models import AccessFailureLog, AccessLog
from django.db import models
from django.db.models import Model, Q
from django.utils import timezone

from cactus.accounts.models import Invitation, RgpdConsent, User
from cactus.documents.models import Document
from cactus.dossiers import permissions
from cactus.dossiers.back_office import without_parts
from cactus.dossiers.models import Dossier, DossierEvent
from cactus.notifications.models import OutgoingEmail
from cactus.privacy.retention import related_models


def field_values(instance: Model) -> dict:
    """Every concrete field, foreign keys shown as the related object's text (an e-mail, a title)."""
    values = {}
    for field in instance._meta.concrete_fields:
        if field.is_relation:
            related = getattr(instance, field.name)
            values[field.name] = (
                str(related.email if hasattr(related, "email") else related) if related else None
            )
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
    data["mentioned_in_dossiers"] = mentions(email)
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
