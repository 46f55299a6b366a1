"""One short function per message. Services call them; each records the mail and sends it on commit."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from cactus.notifications.models import SECRET_LINK_PLACEHOLDER, OutgoingEmail
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
    secret_link: str = "",
) -> OutgoingEmail:
    """Render `emails/<name>-subject.txt`, `-body.txt` and `-body.html`, record them, send on commit.

    A `secret_link` (one that opens an account) is rendered as `{{ link }}` in the mail sent, but
    the stored copy shows SECRET_LINK_PLACEHOLDER and the link is forgotten once delivered.
    """
    context = {"cfa_name": settings.CFA_NAME, "base_url": settings.CACTUS_BASE_URL, **context}
    if secret_link:
        context["link"] = SECRET_LINK_PLACEHOLDER
    subject = " ".join(render_to_string(f"emails/{name}-subject.txt", context).split())
    body = render_to_string(f"emails/{name}-body.txt", context)
    if secret_link and SECRET_LINK_PLACEHOLDER not in body:
        raise ValueError(f"emails/{name}-body.txt must show {{{{ link }}}}: the secret link would be lost")
    email = OutgoingEmail.objects.create(
        name=name,
        to=to,
        subject=subject,
        body=body,
        html_body=render_to_string(f"emails/{name}-body.html", context),
        secret_link=secret_link,
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


def employer_contact_removed(*, dossier, previous: str, by) -> OutgoingEmail:
    """To the contact alternance someone replaced: they are not left with a silent 404."""
    return make_message(
        "employer_contact_removed",
        previous,
        {"dossier": dossier, "by": by, "advisor": dossier.formation.cfa_advisor},
        dossier=dossier,
    )


def employer_contact_changed(*, dossier, to: str, previous: str, new: str, by) -> OutgoingEmail:
    """To the conseillère: who replaced the contact alternance, and by whom."""
    link = absolute_url(reverse("dossiers:staff_dossier", kwargs={"pk": dossier.pk}))
    return make_message(
        "employer_contact_changed",
        to,
        {"dossier": dossier, "by": by, "previous": previous, "new": new, "link": link},
        dossier=dossier,
    )


def password_reset(*, user, link: str) -> OutgoingEmail:
    return make_message(
        "password_reset",
        user.email,
        {"user": user, "validity_days": settings.INVITATION_VALIDITY_DAYS},
        secret_link=link,
    )


def _follow_up_link(dossier) -> str:
    return absolute_url(reverse("dossiers:tab", kwargs={"pk": dossier.pk, "tab": "suivi"}))


def _staff_link(dossier) -> str:
    return absolute_url(reverse("dossiers:staff_dossier", kwargs={"pk": dossier.pk}))


def validation_requested(*, dossier, manager) -> OutgoingEmail:
    """To a responsable de formation: a dossier waits for their validation."""
    return make_message(
        "validation_requested",
        manager.email,
        {"dossier": dossier, "link": _staff_link(dossier)},
        dossier=dossier,
    )


def dossier_validated(*, dossier) -> OutgoingEmail:
    """To the contact alternance: the formation validated the dossier; documents can be downloaded."""
    return make_message(
        "dossier_validated",
        dossier.employer_contact.email,
        {"dossier": dossier, "link": _follow_up_link(dossier)},
        dossier=dossier,
    )


def validation_refused(*, dossier, comment: str) -> OutgoingEmail:
    return make_message(
        "validation_refused",
        dossier.employer_contact.email,
        {"dossier": dossier, "comment": comment, "link": _follow_up_link(dossier)},
        dossier=dossier,
    )


def documents_returned(*, dossier, to: str) -> OutgoingEmail:
    """To the conseillère CFA: both signed documents are back and wait for her validation."""
    return make_message(
        "documents_returned",
        to,
        {"dossier": dossier, "link": _staff_link(dossier)},
        dossier=dossier,
    )


def documents_rejected(*, dossier, comment: str, kinds: list[str]) -> OutgoingEmail:
    return make_message(
        "documents_rejected",
        dossier.employer_contact.email,
        {"dossier": dossier, "comment": comment, "kinds": kinds, "link": _follow_up_link(dossier)},
        dossier=dossier,
    )


def stamped_cerfa(*, dossier, document, final_label: str, due_date) -> OutgoingEmail:
    """To the contact: the scan of the CERFA "visé et tamponné" by the CFA, attached."""
    return make_message(
        "stamped_cerfa",
        dossier.employer_contact.email,
        {
            "dossier": dossier,
            "final_label": final_label,
            "due_date": due_date,
            "link": _follow_up_link(dossier),
        },
        dossier=dossier,
        attachment_path=document.file.name,
        attachment_name=f"cerfa-vise-dossier-{dossier.pk}.pdf",
    )


def dossier_reopened(*, dossier, reason: str) -> OutgoingEmail:
    return make_message(
        "dossier_reopened",
        dossier.employer_contact.email,
        {"dossier": dossier, "reason": reason, "link": _follow_up_link(dossier)},
        dossier=dossier,
    )


def deadline_reminder(*, dossier, due_date, days_left: int, final_label: str) -> OutgoingEmail:
    """To the contact, before the due date: send the dossier and tick the box."""
    return make_message(
        "deadline_reminder",
        dossier.employer_contact.email,
        {
            "dossier": dossier,
            "due_date": due_date,
            "days_left": days_left,
            "final_label": final_label,
            "link": _follow_up_link(dossier),
        },
        dossier=dossier,
    )


def deadline_passed(*, dossier, due_date, to: str, final_label: str) -> OutgoingEmail:
    """To the conseillère CFA, once the due date has passed without the box ticked."""
    return make_message(
        "deadline_passed",
        to,
        {"dossier": dossier, "due_date": due_date, "final_label": final_label, "link": _staff_link(dossier)},
        dossier=dossier,
    )
