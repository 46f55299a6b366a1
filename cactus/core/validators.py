"""Validators for French official identifiers, built on python-stdnum."""

from django.core.exceptions import ValidationError
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import siret as stdnum_siret

# La Poste's establishments share the SIREN 356 000 000 and do not satisfy the Luhn key
# on the whole SIRET; their check is the sum of digits being a multiple of 5 (rules.md §11).
LA_POSTE_SIREN = "356000000"


def normalize_siret(value: str) -> str:
    return "".join(ch for ch in (value or "") if not ch.isspace())


def validate_siret(value: str) -> str:
    """Return the SIRET as 14 digits, or raise a ValidationError saying what is wrong."""
    compact = normalize_siret(value)
    if not compact.isdigit():
        raise ValidationError(
            "Le SIRET ne doit contenir que des chiffres (14 chiffres).", code="siret_format"
        )
    if len(compact) != 14:
        raise ValidationError(
            f"Le SIRET doit comporter 14 chiffres ; vous en avez saisi {len(compact)}.", code="siret_length"
        )
    if compact.startswith(LA_POSTE_SIREN):
        if sum(int(digit) for digit in compact) % 5 != 0:
            raise ValidationError(
                "Ce SIRET de La Poste n'est pas valide : vérifiez les chiffres.", code="siret_key"
            )
        return compact
    try:
        return stdnum_siret.validate(compact)
    except InvalidChecksum as error:
        raise ValidationError(
            "Ce SIRET n'est pas valide (clé de contrôle incorrecte) : vérifiez les 14 chiffres.",
            code="siret_key",
        ) from error
    except (InvalidFormat, InvalidLength, StdnumError) as error:
        raise ValidationError(
            "Ce SIRET n'est pas valide : vérifiez les 14 chiffres.", code="siret"
        ) from error
