"""Form validators backed by the referentials."""

from django.core.exceptions import ValidationError

from cactus.referentials.models import CollectiveAgreement
from cactus.referentials.selectors import normalize_idcc


def validate_idcc(value: str) -> CollectiveAgreement:
    """R-14.1: return the agreement in force for `value`, or raise a ValidationError saying
    whether the code is malformed (code "idcc_format"), unknown ("idcc_unknown") or no longer
    in force ("idcc_obsolete")."""
    idcc = normalize_idcc(value)
    if not idcc:
        raise ValidationError(
            "Le code IDCC comporte 1 à 4 chiffres (ex. 1486). Sans convention collective, saisissez 9999.",
            code="idcc_format",
        )
    agreement = CollectiveAgreement.objects.filter(idcc=idcc).first()
    if agreement is None:
        raise ValidationError(
            f"Le code IDCC {idcc} est inconnu : vérifiez-le sur la fiche de paie ou le contrat de travail "
            "(9999 si l'entreprise n'a pas de convention collective).",
            code="idcc_unknown",
        )
    if not agreement.is_active:
        raise ValidationError(
            f"La convention collective {idcc} ({agreement.label}) n'est plus en vigueur : "
            "indiquez la convention qui l'a remplacée.",
            code="idcc_obsolete",
        )
    return agreement
