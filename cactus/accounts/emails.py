"""The accounts' e-mails (invitation, added to a dossier, password reset): one function per message,
templates in `templates/emails/`. Each records the mail and sends it on commit (`make_message`)."""

from django.conf import settings
from django.urls import reverse

from cactus.notifications.emails import absolute_url, make_message
from cactus.notifications.models import OutgoingEmail


def invitation(*, invitation, token: str, dossier, role_label: str) -> OutgoingEmail:
    link = absolute_url(reverse("accounts:invitation", kwargs={"token": token}))
    return make_message(
        "invitation",
        invitation.user.email,
        {
            "invitation": invitation,
            "dossier": dossier,
            "role_label": role_label,
            "inviter": invitation.invited_by,
            "validity_days": settings.INVITATION_VALIDITY_DAYS,
        },
        dossier=dossier,
        secret_link=link,
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
        {"user": user, "validity_days": settings.INVITATION_VALIDITY_DAYS},
        secret_link=link,
    )
