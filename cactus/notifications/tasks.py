from django.core.files.storage import default_storage
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tasks import task

from cactus.notifications.models import SECRET_LINK_PLACEHOLDER, OutgoingEmail


def _with_link(text: str, link: str) -> str:
    return text.replace(SECRET_LINK_PLACEHOLDER, link) if link else text


@task()
def deliver_email(email_id: int) -> str:
    """Send one recorded e-mail over the configured backend and record the outcome.

    A personal link is spliced in here and forgotten after this attempt, sent or failed (nothing
    retries a failed mail: the person asks "Mot de passe oublié", or staff invite again).
    """
    email = OutgoingEmail.objects.get(pk=email_id)
    if email.status == OutgoingEmail.Status.SENT:
        return email.status
    link = email.secret_link
    message = EmailMultiAlternatives(email.subject, _with_link(email.body, link), to=[email.to])
    if email.html_body:
        message.attach_alternative(_with_link(email.html_body, link), "text/html")
    if email.attachment_path:
        with default_storage.open(email.attachment_path, "rb") as attachment:
            message.attach(email.attachment_name, attachment.read(), "application/pdf")
    try:
        message.send()
    except Exception as error:  # noqa: BLE001 - any transport failure is recorded, then re-raised
        email.status, email.error = OutgoingEmail.Status.FAILED, str(error)[:2000]
        email.secret_link = ""
        email.save(update_fields=["status", "error", "secret_link"])
        raise
    email.status, email.sent_at, email.error = OutgoingEmail.Status.SENT, timezone.now(), ""
    email.secret_link = ""
    email.save(update_fields=["status", "sent_at", "error", "secret_link"])
    return email.status
