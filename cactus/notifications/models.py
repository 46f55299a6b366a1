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
