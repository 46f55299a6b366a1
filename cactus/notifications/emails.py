"""Outgoing e-mail plumbing: render a message, record it, send it on commit. Knows no domain.

Each app owns the content of its own mails (`<app>/emails.py` and `<app>/templates/emails/`) and
builds them on `make_message`.
"""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string

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
