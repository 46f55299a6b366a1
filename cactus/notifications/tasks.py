from django.core.files.storage import default_storage
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tasks import task

from cactus.notifications.models import OutgoingEmail


@task()
def deliver_email(email_id: int) -> str:
    """Send one recorded e-mail over the configured backend and record the outcome."""
    email = OutgoingEmail.objects.get(pk=email_id)
    if email.status == OutgoingEmail.Status.SENT:
        return email.status
    message = EmailMultiAlternatives(email.subject, email.body, to=[email.to])
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    if email.attachment_path:
        with default_storage.open(email.attachment_path, "rb") as attachment:
            message.attach(email.attachment_name, attachment.read(), "application/pdf")
    try:
        message.send()
    except Exception as error:  # noqa: BLE001 - any transport failure is recorded, then re-raised
        email.status, email.error = OutgoingEmail.Status.FAILED, str(error)[:2000]
        email.save(update_fields=["status", "error"])
        raise
    email.status, email.sent_at, email.error = OutgoingEmail.Status.SENT, timezone.now(), ""
    email.save(update_fields=["status", "sent_at", "error"])
    return email.status
