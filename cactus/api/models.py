"""Who may read the API (tokens) and where Cactus tells other software about state changes (webhooks)."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from cactus.core import encryption

TOKEN_PREFIX = "cactus_"
WEBHOOK_SECRET_PURPOSE = "cactus.api.webhooks"


class Scoped(models.Model):
    """All the CFA's formations, or a chosen set. An empty set with `all_formations` off sees nothing."""

    all_formations = models.BooleanField("toutes les formations", default=True)
    formations = models.ManyToManyField(
        "formations.Formation", blank=True, related_name="+", verbose_name="formations"
    )

    class Meta:
        abstract = True


class ApiToken(Scoped):
    """An organisation's key to the read-only API. Only its SHA-256 is stored: shown once, at creation."""

    name = models.CharField("organisation", max_length=200)
    # The first characters, to tell tokens apart in lists and logs without revealing them.
    prefix = models.CharField("début du jeton", max_length=16)
    hashed_key = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("créé le", default=timezone.now)
    last_used_at = models.DateTimeField("dernière utilisation", null=True, blank=True)
    revoked_at = models.DateTimeField("révoqué le", null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="révoqué par",
    )

    class Meta:
        verbose_name = "jeton d'accès à l'API"
        verbose_name_plural = "jetons d'accès à l'API"
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @staticmethod
    def generate() -> str:
        return TOKEN_PREFIX + secrets.token_urlsafe(32)


class WebhookEndpoint(Scoped):
    """A URL of an organisation's software that Cactus POSTs each change of a dossier's state to."""

    name = models.CharField("organisation", max_length=200)
    url = models.URLField("adresse (URL)", max_length=500)
    # Cactus needs the secret to sign each body (HMAC-SHA256), so it is kept encrypted (Fernet,
    # `core.encryption`), never in clear: a dump or a backup cannot forge deliveries. Shown once, at creation.
    secret_encrypted = models.TextField(editable=False)
    is_active = models.BooleanField("actif", default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("créé le", default=timezone.now)
    # Who switched it on or off last, and when.
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="modifié par",
    )
    changed_at = models.DateTimeField("modifié le", null=True, blank=True)

    class Meta:
        verbose_name = "webhook"
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} – {self.url}"

    @staticmethod
    def generate_secret() -> str:
        return "whsec_" + secrets.token_urlsafe(32)

    @property
    def secret(self) -> str:
        """The signing secret in clear ("" if it no longer decrypts: the encryption key changed)."""
        return encryption.decrypt(self.secret_encrypted, purpose=WEBHOOK_SECRET_PURPOSE)

    def set_secret(self, value: str) -> None:
        self.secret_encrypted = encryption.encrypt(value, purpose=WEBHOOK_SECRET_PURPOSE)


class WebhookDelivery(models.Model):
    """One event for one endpoint: the exact body signed and sent at every attempt."""

    class State(models.TextChoices):
        PENDING = "pending", "En attente"
        DELIVERED = "delivered", "Livré"
        FAILED = "failed", "Échec définitif"

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    event_id = models.UUIDField("identifiant de l'événement")
    event = models.CharField("événement", max_length=50)
    dossier_id = models.PositiveBigIntegerField("dossier", null=True, blank=True)
    body = models.TextField()
    state = models.CharField("état", max_length=10, choices=State, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField("tentatives", default=0)
    next_retry_at = models.DateTimeField("prochain essai", null=True, blank=True)
    created_at = models.DateTimeField("créé le", default=timezone.now)

    class Meta:
        verbose_name = "envoi de webhook"
        verbose_name_plural = "envois de webhook"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "event_id"], name="webhook_one_delivery_per_event")
        ]
        indexes = [
            models.Index(
                fields=["next_retry_at"], name="webhook_pending_retry", condition=models.Q(state="pending")
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.event_id} → {self.endpoint.name}"


class WebhookAttempt(models.Model):
    """One POST of a delivery and what the receiver answered (the delivery log)."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log")
    number = models.PositiveSmallIntegerField("tentative")
    status_code = models.PositiveSmallIntegerField("code HTTP", null=True, blank=True)
    response_excerpt = models.CharField("début de la réponse", max_length=500, blank=True)
    error = models.CharField("erreur", max_length=500, blank=True)
    next_retry_at = models.DateTimeField("prochain essai", null=True, blank=True)
    created_at = models.DateTimeField("le", default=timezone.now)

    class Meta:
        verbose_name = "tentative d'envoi"
        ordering = ["delivery", "number"]

    def __str__(self) -> str:
        return f"tentative {self.number} : {self.status_code or self.error}"

    @property
    def is_success(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300
