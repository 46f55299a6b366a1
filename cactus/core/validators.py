"""Validators for French official identifiers, built on python-stdnum."""

from django.core.exceptions import ValidationError
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import siret as stdnum_siret


def normalize_siret(value: str) -> str:
    return "".join(ch for ch in (value or "") if not ch.isspace())


def validate_siret(value: str) -> str:
    """Return the SIRET as 14 digits, or raise a ValidationError saying what is wrong.

    python-stdnum checks the Luhn key of the SIRET and of its SIREN (R-11.2) and La Poste's
    exception (R-11.3): its establishments (SIREN 356 000 000) have a digit sum multiple of 5,
    its head office 356 000 000 00048 a Luhn key.
    """
    compact = normalize_siret(value)
    if not compact.isdigit():
        raise ValidationError(
            "Le SIRET ne doit contenir que des chiffres (14 chiffres).", code="siret_format"
        )
    if len(compact) != 14:
        raise ValidationError(
            f"Le SIRET doit comporter 14 chiffres ; vous en avez saisi {len(compact)}.", code="siret_length"
        )
    try:
        return stdnum_siret.validate(compact)
    except InvalidChecksum as error:
        raise ValidationError(
            "Ce SIRET n'est pas valide (clé de contrôle incorrecte) : vérifiez les 14 chiffres.",
            code="siret_key",
        ) from error
    except StdnumError as error:
        raise ValidationError(
            "Ce SIRET n'est pas valide : vérifiez les 14 chiffres.", code="siret"
        ) from error
