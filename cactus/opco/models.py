"""How Cactus reaches each OPCO, and what happened to each deposit there.

A dossier's OPCO is the one of its employer's IDCC (`Employer.idcc_opco`, copied from
`referentials.CollectiveAgreement.opco`); `OpcoConnection.opco` holds the same name.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from cactus.opco import secrets


class OpcoConnection(models.Model):
    """Per OPCO: the API's address and the CFA's key, or "dépôt manuel" (the box ticked by hand)."""

    class Mode(models.TextChoices):
        API = "api", "Dépôt par l'API (norme d'échange inter-OPCO)"
        MANUAL = "manual", "Dépôt manuel (case « Envoyé à l'OPCO »)"

    opco = models.CharField("OPCO", max_length=100, unique=True)
    mode = models.CharField("mode de dépôt", max_length=10, choices=Mode, default=Mode.MANUAL)
    base_url = models.URLField(
        "adresse de l'API", blank=True, help_text="Par exemple https://api.opco.fr/cfa/v1"
    )
    # Fernet tokens (secrets.py) and the last four characters, the only part ever shown again.
    api_key_encrypted = models.TextField(blank=True, editable=False)
    api_key_last_four = models.CharField("clé d'API", max_length=4, blank=True, editable=False)
    webhook_secret_encrypted = models.TextField(blank=True, editable=False)
    webhook_secret_last_four = models.CharField(
        "secret des notifications", max_length=4, blank=True, editable=False
    )
    key_valid_until = models.DateField("clé valable jusqu'au", null=True, blank=True, editable=False)
    key_checked_at = models.DateTimeField("clé vérifiée le", null=True, blank=True, editable=False)
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "connexion à un OPCO"
        verbose_name_plural = "connexions aux OPCO"
        ordering = ["opco"]

    def __str__(self) -> str:
        return f"{self.opco} – {self.get_mode_display()}"

    def __repr__(self) -> str:  # never the key, even in a traceback
        return f"<OpcoConnection {self.opco} {self.mode}>"

    @property
    def uses_api(self) -> bool:
        return self.mode == self.Mode.API and bool(self.base_url and self.api_key_encrypted)

    @classmethod
    def api_for(cls, opco: str) -> "OpcoConnection | None":
        """The OPCO's connection when Cactus reaches it through the API; None for "dépôt manuel" or none."""
        connection = cls.objects.filter(opco=opco).first()
        return connection if connection is not None and connection.uses_api else None

    @property
    def api_key(self) -> str:
        return secrets.decrypt(self.api_key_encrypted)

    def set_api_key(self, value: str) -> None:
        self.api_key_encrypted = secrets.encrypt(value)
        self.api_key_last_four = value[-4:] if value else ""

    @property
    def webhook_secret(self) -> str:
        return secrets.decrypt(self.webhook_secret_encrypted)

    def set_webhook_secret(self, value: str) -> None:
        self.webhook_secret_encrypted = secrets.encrypt(value)
        self.webhook_secret_last_four = value[-4:] if value else ""


class OpcoState(models.TextChoices):
    """The OPCO's states of a contract (norme d'échange inter-OPCO)."""

    TRANSMIS = "TRANSMIS", "Transmis à l'OPCO"
    EN_COURS_INSTRUCTION = "EN_COURS_INSTRUCTION", "En cours d'instruction"
    ENGAGE = "ENGAGE", "Engagé"
    REFUSE = "REFUSE", "Refusé"
    ANNULE = "ANNULE", "Annulé"
    RUPTURE = "RUPTURE", "Rupture"
    SOLDE = "SOLDE", "Soldé"


# The OPCO has not decided yet: its 20 days run (rules.md ).
AWAITING_DECISION = (OpcoState.TRANSMIS, OpcoState.EN_COURS_INSTRUCTION)
# Nothing more will come: polling stops.
CLOSED_STATES = (OpcoState.REFUSE, OpcoState.ANNULE, OpcoState.SOLDE)


class Deposit(models.Model):
    """One deposit of one version of a dossier with its OPCO. A retry reuses the row and its key."""

    class Status(models.TextChoices):
        PENDING = "pending", "En attente d'envoi"
        SUBMITTED = "submitted", "Envoyé, en cours de contrôle par l'OPCO"
        ACCEPTED = "accepted", "Accepté par l'OPCO"
        REJECTED = "rejected", "Rejeté par l'OPCO : à corriger"
        FAILED = "failed", "Échec de l'envoi"

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="opco_deposits")
    opco = models.CharField("OPCO", max_length=100)
    # One per dossier and version of its validated data: the OPCO answers "duplicate" to a second send.
    idempotency_key = models.UUIDField(unique=True, editable=False)
    data_version = models.PositiveIntegerField()
    # False once a newer deposit of the dossier exists: only the current one sits in the queues.
    is_current = models.BooleanField(default=True)
    status = models.CharField("état du dépôt", max_length=10, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField("tentatives", default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    job_id = models.CharField(max_length=100, blank=True)
    # [{"field": label, "message": French text}] from the OPCO's validation.
    errors = models.JSONField("erreurs", default=list, blank=True)
    last_error = models.TextField("dernière erreur", blank=True)
    opco_number = models.CharField("n° du dossier à l'OPCO", max_length=100, blank=True, db_index=True)
    opco_state = models.CharField("état à l'OPCO", max_length=30, choices=OpcoState, blank=True)
    received_on = models.DateField("reçu par l'OPCO le", null=True, blank=True)
    deca_number = models.CharField("n° DECA", max_length=50, blank=True)
    schedule = models.JSONField("échéancier", default=list, blank=True)
    refusal_reasons = models.JSONField("motifs de refus", default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "dépôt à l'OPCO"
        verbose_name_plural = "dépôts à l'OPCO"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["dossier", "-created_at"])]

    def __str__(self) -> str:
        return f"Dépôt du dossier {self.dossier_id} à {self.opco} ({self.get_status_display()})"


def idempotency_key_for(dossier) -> uuid.UUID:
    """The same for every trigger of one validation of one data version; a new one after a correction."""
    validated = dossier.documents_validated_at.isoformat() if dossier.documents_validated_at else ""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"cactus:opco-deposit:{dossier.pk}:{dossier.version}:{validated}")


class Declaration(models.Model):
    """What Cactus tells the OPCO about a contract it already holds: its rupture or its cancellation.

    One per dossier and kind (a rupture or a cancellation ends the dossier: there is no second one),
    against the deposit whose contract number the OPCO gave. Its own row rather than a kind of
    `Deposit`: a deposit carries a version, a job, a DECA number, the OPCO's states and the queues
    and guards that read them, none of which a declaration has. The body is written when the
    dossier ends, so a retry sends what was recorded then.
    """

    class Kind(models.TextChoices):
        RUPTURE = "rupture", "Rupture"
        CANCELLATION = "cancellation", "Annulation"

    class Status(models.TextChoices):
        PENDING = "pending", "En attente d'envoi"
        SENT = "sent", "Transmise à l'OPCO"
        REJECTED = "rejected", "Refusée par l'OPCO"
        FAILED = "failed", "Échec de l'envoi"

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="opco_declarations"
    )
    deposit = models.ForeignKey(Deposit, on_delete=models.CASCADE, related_name="declarations")
    opco = models.CharField("OPCO", max_length=100)
    kind = models.CharField("déclaration", max_length=20, choices=Kind)
    idempotency_key = models.UUIDField(unique=True, editable=False)
    body = models.JSONField("contenu envoyé", default=dict)
    status = models.CharField("état de l'envoi", max_length=10, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField("tentatives", default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # [{"field": label, "message": French text}] when the OPCO refused it (400).
    errors = models.JSONField("erreurs", default=list, blank=True)
    last_error = models.TextField("dernière erreur", blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField("transmise le", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "déclaration à l'OPCO"
        verbose_name_plural = "déclarations à l'OPCO"
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "kind"], name="opco_declaration_once_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} du dossier {self.dossier_id} à {self.opco} ({self.get_status_display()})"


def declaration_key_for(dossier, kind: str, deposit) -> uuid.UUID:
    """One per dossier, kind and deposit declared about: every trigger and every retry sends the same
    key. The deposit's own key (unique to its dossier, version and validation time) keeps two
    databases sharing one OPCO (a reseeded demo, a staging copy) from sending the same key about two
    contracts."""
    return uuid.uuid5(
        uuid.NAMESPACE_URL, f"cactus:opco-declaration:{dossier.pk}:{kind}:{deposit.idempotency_key}"
    )


class OpcoStateChange(models.Model):
    """One state the OPCO gave the dossier, with when it happened and how Cactus learnt it."""

    class Source(models.TextChoices):
        DEPOSIT = "deposit", "Réponse au dépôt"
        POLL = "poll", "Interrogation de l'OPCO"
        WEBHOOK = "webhook", "Notification de l'OPCO"

    deposit = models.ForeignKey(Deposit, on_delete=models.CASCADE, related_name="state_changes")
    state = models.CharField("état", max_length=30, choices=OpcoState)
    occurred_at = models.DateTimeField("date")
    source = models.CharField(max_length=10, choices=Source)
    details = models.JSONField(default=dict, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "état à l'OPCO"
        ordering = ["occurred_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["deposit", "state"], name="opco_state_once_per_deposit")
        ]

    def __str__(self) -> str:
        return f"{self.get_state_display()} ({self.occurred_at:%d/%m/%Y})"


class WebhookNotification(models.Model):
    """A notification id already accepted: the same id again is a replay and is refused."""

    opco = models.CharField(max_length=100)
    notification_id = models.CharField(max_length=100)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["opco", "notification_id"], name="opco_notification_once")
        ]

    def __str__(self) -> str:
        return f"Notification {self.notification_id} de {self.opco}"
