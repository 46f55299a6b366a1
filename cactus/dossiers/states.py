"""A dossier's states and its choice lists, apart from the model so that modules the model uses
(circuits) can name them without importing the model. `Dossier.Status` is this `Status`."""

from django.db import models


class EntryMode(models.TextChoices):
    SIMPLE = "simple", "Saisie simple (pas de CERFA produit)"
    FULL = "full", "Saisie complète (le CERFA est produit)"


class ContractScheme(models.TextChoices):
    APPRENTICESHIP = "apprenticeship", "Apprentissage"
    PROFESSIONALISATION = "professionalisation", "Contrat de professionnalisation"


class Status(models.TextChoices):
    DRAFT = "draft", "Saisie en cours"
    VALIDATION_REQUESTED = "validation_requested", "Validation demandée"
    VALIDATED = "validated", "Validé par la formation"
    DOCUMENTS_RETURNED = "documents_returned", "Documents signés retournés"
    DOCUMENTS_VALIDATED = "documents_validated", "Documents validés (CFA)"
    SENT_TO_OPCO = "sent_to_opco", "Envoyé à l'OPCO"
    CLOSED = "closed", "Clôturé par le CFA"
