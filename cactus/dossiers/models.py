from django.conf import settings
from django.db import models
from django.utils import timezone

from cactus.dossiers.exceptions import InvalidTransition


class EntryMode(models.TextChoices):
    SIMPLE = "simple", "Saisie simple (pas de CERFA produit)"
    FULL = "full", "Saisie complète (le CERFA est produit)"


class ContractScheme(models.TextChoices):
    APPRENTICESHIP = "apprenticeship", "Apprentissage"
    PROFESSIONALISATION = "professionalisation", "Contrat de professionnalisation"


class Dossier(models.Model):
    """One work-study contract file: who is party to it, where it stands, and its base data."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Saisie en cours"
        VALIDATION_REQUESTED = "validation_requested", "Validation demandée"
        VALIDATED = "validated", "Validé par la formation"
        DOCUMENTS_RETURNED = "documents_returned", "Documents signés retournés"
        DOCUMENTS_VALIDATED = "documents_validated", "Documents validés (CFA)"
        SENT_TO_OPCO = "sent_to_opco", "Envoyé à l'OPCO"
        CLOSED = "closed", "Clôturé par le CFA"

    # The only place that says which moves are legal; services and templates ask it.
    TRANSITIONS = {
        Status.DRAFT: {Status.VALIDATION_REQUESTED},
        Status.VALIDATION_REQUESTED: {Status.VALIDATED, Status.DRAFT},
        Status.VALIDATED: {Status.DOCUMENTS_RETURNED, Status.DRAFT},
        Status.DOCUMENTS_RETURNED: {Status.DOCUMENTS_VALIDATED, Status.VALIDATED, Status.DRAFT},
        Status.DOCUMENTS_VALIDATED: {Status.SENT_TO_OPCO, Status.CLOSED, Status.DRAFT},
        Status.SENT_TO_OPCO: set(),
        Status.CLOSED: set(),
    }
    # Order of progress, to ask "has the dossier reached this step?". The two ends share a rank.
    PROGRESS = {
        Status.DRAFT: 0,
        Status.VALIDATION_REQUESTED: 1,
        Status.VALIDATED: 2,
        Status.DOCUMENTS_RETURNED: 3,
        Status.DOCUMENTS_VALIDATED: 4,
        Status.SENT_TO_OPCO: 5,
        Status.CLOSED: 5,
    }
    # From these states on, nobody changes the data (guide: "les données ne pourront plus être modifiées").
    FROZEN_STATUSES = frozenset(set(Status) - {Status.DRAFT})

    formation = models.ForeignKey(
        "formations.Formation", on_delete=models.PROTECT, related_name="dossiers", verbose_name="formation"
    )
    alternant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="alternant_dossiers",
        verbose_name="alternant",
    )
    employer_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="employer_contact_dossiers",
        verbose_name="contact alternance",
        null=True,
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField("état", max_length=30, choices=Status, default=Status.DRAFT, db_index=True)
    # Kept up to date by the tab services: lists of thousands of dossiers cannot recompute it per row.
    is_entry_complete = models.BooleanField("saisie complète", default=False)

    # Données de base
    entry_mode = models.CharField("niveau de saisie", max_length=10, choices=EntryMode, blank=True)
    scheme = models.CharField("dispositif", max_length=20, choices=ContractScheme, blank=True)
    alternant_last_name = models.CharField("nom de l'alternant", max_length=100, blank=True)
    alternant_first_name = models.CharField("prénom de l'alternant", max_length=100, blank=True)
    alternant_birth_date = models.DateField("date de naissance de l'alternant", null=True, blank=True)
    siret = models.CharField("SIRET de l'établissement d'accueil", max_length=14, blank=True, db_index=True)
    contract_start = models.DateField("date de début du contrat", null=True, blank=True)
    contract_end = models.DateField("date de fin du contrat", null=True, blank=True)

    # Life-cycle dates, set by the services that move the dossier.
    validation_requested_at = models.DateTimeField(null=True, blank=True)
    validated_at = models.DateTimeField(null=True, blank=True)
    economic_validated_at = models.DateTimeField("éléments économiques validés le", null=True, blank=True)
    documents_returned_at = models.DateTimeField(null=True, blank=True)
    documents_validated_at = models.DateTimeField(null=True, blank=True)
    sent_to_opco_at = models.DateTimeField("envoyé à l'OPCO le", null=True, blank=True)

    # Incremented on every save of data: forms carry it to refuse a lost update.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField("créé le", default=timezone.now)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "dossier"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["formation", "status"]),
            models.Index(fields=["employer_contact", "-created_at"]),
            models.Index(fields=["alternant_last_name", "alternant_first_name"]),
        ]

    def __str__(self) -> str:
        return f"Dossier {self.pk} – {self.alternant_display_name or self.alternant.email}"

    @property
    def alternant_display_name(self) -> str:
        return f"{self.alternant_last_name.upper()} {self.alternant_first_name}".strip()

    @property
    def is_frozen(self) -> bool:
        return self.status in self.FROZEN_STATUSES

    @property
    def status_label(self) -> str:
        if self.status == self.Status.DRAFT and self.is_entry_complete:
            return "Saisie complète"
        if self.status == self.Status.SENT_TO_OPCO:
            from cactus.dossiers.circuits import circuit_for  # circuits reads this module

            return circuit_for(self).final_label  # "Transmis à la DDETS" for public employers
        return self.get_status_display()

    def has_reached(self, status: str) -> bool:
        return self.PROGRESS[self.status] >= self.PROGRESS[status]

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]

    def move_to(self, status: str) -> None:
        if not self.can_move_to(status):
            raise InvalidTransition(self.status_label, self.Status(status).label)
        self.status = status


class DossierEvent(models.Model):
    """Who did what to a dossier, and when: the history shown in Suivi - Info and the back office."""

    class Action(models.TextChoices):
        CREATED = "created", "Inscription de l'alternant"
        INVITATION_SENT = "invitation_sent", "Invitation envoyée"
        EMPLOYER_CONTACT_CHANGED = "employer_contact_changed", "Contact alternance saisi"
        TAB_SAVED = "tab_saved", "Onglet enregistré"
        STATUS_CHANGED = "status_changed", "Changement d'état"
        DOCUMENT_UPLOADED = "document_uploaded", "Document déposé"
        DOCUMENT_GENERATED = "document_generated", "Document produit"
        ECONOMIC_VALIDATED = "economic_validated", "Éléments économiques validés"
        REOPENED = "reopened", "Dossier rouvert par le CFA"
        REMINDER_SENT = "reminder_sent", "Relance envoyée"

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=40, choices=Action)
    from_status = models.CharField(max_length=30, blank=True)
    to_status = models.CharField(max_length=30, blank=True)
    # {"field": [old, new], ...} for data changes, or a free dict of details.
    changes = models.JSONField(default=dict, blank=True)
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "événement"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["dossier", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.created_at:%d/%m/%Y %H:%M})"
