from django.conf import settings
from django.db import models
from django.utils import timezone

# Stands, in the stored copy of a mail, for a link that opens an account (invitation, password reset).
# The link itself is in `OutgoingEmail.secret_link` until the delivery attempt, then forgotten.
SECRET_LINK_PLACEHOLDER = "[lien personnel : envoyé par e-mail, non conservé]"


class OutgoingEmail(models.Model):
    """Every e-mail Cactus sends, so staff can answer "did the employer get the invitation?".

    Personal links (invitation, reset) are not kept: see `secret_link`."""

    class Status(models.TextChoices):
        QUEUED = "queued", "En attente"
        SENT = "sent", "Envoyé"
        FAILED = "failed", "Échec"

    name = models.CharField("message", max_length=60)
    to = models.EmailField("destinataire")
    subject = models.CharField("objet", max_length=255)
    body = models.TextField("texte")
    html_body = models.TextField("HTML", blank=True)
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.SET_NULL, null=True, blank=True, related_name="emails"
    )
    status = models.CharField("état", max_length=10, choices=Status, default=Status.QUEUED)
    error = models.TextField("erreur", blank=True)
    created_at = models.DateTimeField("créé le", default=timezone.now)
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True)
    # A link that opens an account, spliced in at send time in place of SECRET_LINK_PLACEHOLDER and
    # emptied after the delivery attempt: a database dump or backup holds no working link.
    secret_link = models.TextField(blank=True, editable=False)
    attachment_path = models.CharField(max_length=255, blank=True)
    attachment_name = models.CharField(max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "e-mail envoyé"
        verbose_name_plural = "e-mails envoyés"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} → {self.to}"


class SentReminder(models.Model):
    """One deadline reminder, sent once: `send_reminders` may run many times a day (unique row)."""

    class Kind(models.TextChoices):
        BEFORE_DEADLINE = "before_deadline", "Relance du contact avant l'échéance"
        DEADLINE_PASSED = "deadline_passed", "Alerte à la conseillère : échéance dépassée"

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="sent_reminders")
    kind = models.CharField("relance", max_length=20, choices=Kind)
    # A new start date (after a reopening) gives a new due date, hence a new reminder.
    due_date = models.DateField("échéance")
    created_at = models.DateTimeField("envoyée le", default=timezone.now)

    class Meta:
        verbose_name = "relance envoyée"
        verbose_name_plural = "relances envoyées"
        constraints = [
            models.UniqueConstraint(fields=["dossier", "kind", "due_date"], name="one_reminder_per_due_date")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – dossier {self.dossier_id} ({self.due_date:%d/%m/%Y})"
