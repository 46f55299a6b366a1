"""Employer-type rules (rules.md §8): billing information and who may hire under which scheme."""

from cactus.law import PROFESSIONALISATION, RuleViolation
from cactus.referentials.codes import is_public_administration, is_public_employer


def needs_billing_information(*, scheme: str, employer_type: str, is_monegasque: bool = False) -> bool:
    """R-8.1: billing information is required for a contrat de professionnalisation, a public
    employer (type d'employeur > 20, EPIC included) or a Monegasque company."""
    return scheme == PROFESSIONALISATION or is_public_employer(employer_type) or is_monegasque


def employer_violations(*, scheme: str, employer_type: str) -> list[RuleViolation]:
    """R-8.2: public administrations (types 21–29) hire only under apprenticeship."""
    if scheme == PROFESSIONALISATION and is_public_administration(employer_type):
        return [
            RuleViolation(
                "R-8.2",
                "employer_type",
                "Une administration publique (type d'employeur 21 à 29) ne peut pas conclure de contrat de "
                "professionnalisation : choisissez le dispositif Apprentissage ou corrigez le type d'employeur.",
            )
        ]
    return []
