"""Online signature: the mode chosen (per formation, per dossier), each signing round and its signers."""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from cactus.accounts.models import hash_token


class SigningMode(models.TextChoices):
    PAPER = "paper", "Signature papier (Retour des documents)"
    ONLINE = "online", "Signature en ligne"


def hash_secret(value: str, *, salt: str = "") -> str:
    """SHA-256 of a link token; an HMAC keyed by SECRET_KEY for a 6-digit code (a bare hash of 10⁶ values is guessable)."""
    if salt:
        return hmac.new(settings.SECRET_KEY.encode(), f"{salt}:{value}".encode(), hashlib.sha256).hexdigest()
    return hash_token(value)  # as invitation and reset links are stored


class FormationSigningDefault(models.Model):
    """The CFA's choice for a formation: its dossiers are signed online or on paper unless the contact switches."""

    formation = models.OneToOneField(
        "formations.Formation", on_delete=models.CASCADE, related_name="signing_default"
    )
    mode = models.CharField("signature par défaut", max_length=10, choices=SigningMode)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "mode de signature de la formation"
        verbose_name_plural = "modes de signature des formations"

    def __str__(self) -> str:
        return f"{self.formation} : {self.get_mode_display()}"


class DossierSigningChoice(models.Model):
    """The mode chosen for one dossier (the contact may switch to paper before the first signature)."""

    dossier = models.OneToOneField(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="signing_choice"
    )
    mode = models.CharField("signature", max_length=10, choices=SigningMode)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    chosen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "mode de signature du dossier"
        verbose_name_plural = "modes de signature des dossiers"

    def __str__(self) -> str:
        return f"Dossier {self.dossier_id} : {self.get_mode_display()}"


class SigningRound(models.Model):
    """One online signature of a dossier's CERFA and convention, from the first link to the CFA's visa.

    The files are the working PDFs: each signature replaces them by the same bytes plus one
    incremental update. A reopening (back to "Saisie en cours") cancels the round and its links.
    """

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="signing_rounds")
    started_at = models.DateTimeField(default=timezone.now)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cerfa_file = models.FileField(upload_to="signatures/%Y/%m/")
    convention_file = models.FileField(upload_to="signatures/%Y/%m/")
    cerfa_original_sha256 = models.CharField(max_length=64)
    convention_original_sha256 = models.CharField(max_length=64)
    parties_signed_at = models.DateTimeField("signé par les parties le", null=True, blank=True)
    completed_at = models.DateTimeField("visa du CFA le", null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=255, blank=True)
    evidence_file = models.FileField(upload_to="signatures/%Y/%m/", blank=True)
    evidence_signature_file = models.FileField(upload_to="signatures/%Y/%m/", blank=True)

    class Meta:
        verbose_name = "signature en ligne"
        verbose_name_plural = "signatures en ligne"
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"Signature en ligne du dossier {self.dossier_id} ({self.started_at:%d/%m/%Y})"

    @property
    def is_open(self) -> bool:
        return self.cancelled_at is None and self.completed_at is None


class Signer(models.Model):
    """One person who signs in a round, in order; their personal link and one-time code (hashes only)."""

    class Role(models.TextChoices):
        ALTERNANT = "alternant", "Alternant(e)"
        REPRESENTATIVE = "representative", "Représentant légal"
        EMPLOYER = "employer", "Employeur"
        CFA = "cfa", "CFA (visa)"

    round = models.ForeignKey(SigningRound, on_delete=models.CASCADE, related_name="signers")
    position = models.PositiveSmallIntegerField()
    role = models.CharField(max_length=20, choices=Role)
    name = models.CharField("nom", max_length=210)
    email = models.EmailField("courriel")
    # The CFA's signer is a CFA account: its visa is the CFA's validation of the documents.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    documents = models.JSONField("documents à signer", default=list)  # ["cerfa", "convention"]
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    link_sent_at = models.DateTimeField("envoyé le", null=True, blank=True)
    link_expires_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    opened_at = models.DateTimeField("ouvert le", null=True, blank=True)
    code_hash = models.CharField(max_length=64, blank=True)
    code_sent_at = models.DateTimeField(null=True, blank=True)
    code_expires_at = models.DateTimeField(null=True, blank=True)
    code_email_id = models.PositiveIntegerField(null=True, blank=True)  # notifications.OutgoingEmail
    # Codes mailed, and requests refused by the cap (SIGNING_CODES_PER_HOUR / _PER_DAY): both in the evidence.
    codes_sent = models.PositiveIntegerField("codes envoyés", default=0)
    code_requests_refused = models.PositiveIntegerField("demandes de code refusées (plafond)", default=0)
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    locked_at = models.DateTimeField("bloqué le", null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    signed_at = models.DateTimeField("signé le", null=True, blank=True)
    refused_at = models.DateTimeField("refusé le", null=True, blank=True)
    refusal_comment = models.TextField(blank=True, max_length=2000)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=500, blank=True)
    # {kind: {"signed_sha256": sha of the PDF before this signature, "result_sha256": after}}
    evidence = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "signataire"
        ordering = ["round", "position"]
        constraints = [models.UniqueConstraint(fields=["round", "position"], name="one_signer_per_position")]

    def __str__(self) -> str:
        return f"{self.get_role_display()} : {self.name}"

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)

    @staticmethod
    def new_code() -> str:
        return f"{secrets.randbelow(1_000_000):06d}"

    @property
    def is_done(self) -> bool:
        return self.signed_at is not None or self.refused_at is not None

    @property
    def documents_label(self) -> str:
        return " et ".join("CERFA" if kind == "cerfa" else "convention" for kind in self.documents)

    @property
    def state_label(self) -> str:
        if self.signed_at:
            return f"signé le {timezone.localtime(self.signed_at):%d/%m/%Y à %H:%M}"
        if self.refused_at:
            return f"refusé le {timezone.localtime(self.refused_at):%d/%m/%Y}"
        if self.revoked_at:
            return "lien annulé"
        if self.locked_at:
            return "bloqué (5 codes erronés)"
        if self.opened_at:
            return "ouvert"
        if self.link_sent_at:
            return "envoyé"
        return "en attente des signataires précédents"
