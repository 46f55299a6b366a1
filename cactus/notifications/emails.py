"""One short function per message. Services call them; each records the mail and sends it on commit."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from cactus.notifications.models import OutgoingEmail
from cactus.notifications.tasks import deliver_email


def absolute_url(path: str) -> str:
    return f"{settings.CACTUS_BASE_URL}{path}"


def make_message(
    name: str,
    to: str,
    context: dict,
    *,
    dossier=None,
    attachment_path: str = "",
    attachment_name: str = "",
) -> OutgoingEmail:
    """Render `emails/<name>-subject.txt`, `-body.txt` and `-body.html`, record them, send on commit."""
    context = {"cfa_name": settings.CFA_NAME, "base_url": settings.CACTUS_BASE_URL, **context}
    subject = " ".join(render_to_string(f"emails/{name}-subject.txt", context).split())
    email = OutgoingEmail.objects.create(
        name=name,
        to=to,
        subject=subject,
        body=render_to_string(f"emails/{name}-body.txt", context),
        html_body=render_to_string(f"emails/{name}-body.html", context),
        dossier=dossier,
        attachment_path=attachment_path,
        attachment_name=attachment_name,
    )
    transaction.on_commit(lambda: deliver_email.enqueue(email.pk))
    return email


def invitation(*, invitation, token: str, dossier, role_label: str) -> OutgoingEmail:
    link = absolute_url(reverse("accounts:invitation", kwargs={"token": token}))
    return make_message(
        "invitation",
        invitation.user.email,
        {
            "invitation": invitation,
            "link": link,
            "dossier": dossier,
            "role_label": role_label,
            "inviter": invitation.invited_by,
            "validity_days": settings.INVITATION_VALIDITY_DAYS,
        },
        dossier=dossier,
    )


def added_to_dossier(*, user, by, dossier, role_label: str) -> OutgoingEmail:
    return make_message(
        "added_to_dossier",
        user.email,
        {
            "user": user,
            "inviter": by,
            "dossier": dossier,
            "role_label": role_label,
            "link": absolute_url(reverse("accounts:login")),
        },
        dossier=dossier,
    )


def password_reset(*, user, link: str) -> OutgoingEmail:
    return make_message(
        "password_reset",
        user.email,
        {"user": user, "link": link, "validity_days": settings.INVITATION_VALIDITY_DAYS},
    )
