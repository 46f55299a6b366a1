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
    # After the signature (cactus/contracts): the contract ends early, or never starts.
    RUPTURED = "ruptured", "Rompu"
    CANCELLED = "cancelled", "Annulé"


class VersionKind(models.TextChoices):
    """What a dossier is to the contract it follows (`Dossier.previous_version`)."""

    INITIAL = "initial", "Contrat"
    AMENDMENT = "amendment", "Avenant"
    NEXT_CONTRACT = "next_contract", "Nouveau contrat (succession)"


# The tabs an avenant opens for editing, by its CERFA type (notice 51649#09, cerfa §8.3); the
# others keep the signed values, read-only on every route (permissions.can_edit_tab,
# services.save_tab). "Les données du contrat" is always open: the date d'effet, the date de
# conclusion and the pay are there (the type and the amended contract's number stay locked).
AMENDMENT_TABS = {
    "31": {"base", "employer", "contract"},  # situation juridique de l'employeur (SIRET, name)
    "32": {"base", "employer", "contract", "mission"},  # changement d'employeur, contrat saisonnier
    "33": {"base", "contract"},  # prolongation after an exam failure (L6222-11): end date, pay
    "34": {"base", "contract"},  # prolongation for an RQTH apprentice (R6222-46 to R6222-48)
    "35": {"base", "contract"},  # diplôme supplémentaire (L6222-22-1): dates
    "36": {"base", "employer", "contract"},  # maître d'apprentissage, weekly hours, shorter duration
    "37": {"employer", "contract"},  # lieu d'exécution (the establishment's address)
    "38": {"contract"},  # lieu de la formation théorique (the formation's site): the date d'effet
    "30": {"base", "employer", "contract", "mission"},  # contrat de professionnalisation: one code
}
AMENDMENT_TYPE_LABELS = {
    "31": "Modification de la situation juridique de l'employeur",
    "32": "Changement d'employeur dans le cadre d'un contrat saisonnier",
    "33": "Prolongation du contrat suite à un échec à l'examen de l'apprenti",
    "34": "Prolongation du contrat suite à la reconnaissance de l'apprenti comme travailleur handicapé",
    "35": "Diplôme supplémentaire préparé par l'apprenti (L6222-22-1)",
    "36": "Autres changements : changement de maître d'apprentissage, de durée de travail hebdomadaire, "
    "réduction de durée, etc.",
    "37": "Modification du lieu d'exécution du contrat",
    "38": "Modification du lieu principal de réalisation de la formation théorique",
    "30": "Avenant au contrat de professionnalisation",
}
