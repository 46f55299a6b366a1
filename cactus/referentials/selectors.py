"""Reads of the referentials: the SMIC in force on a day, a collective agreement by IDCC."""

from datetime import date

from cactus.referentials.models import CollectiveAgreement, SmicRate

MAYOTTE = "976"


def territory_of(departement: str) -> str:
    """R-3.1: Mayotte (976) has its own SMIC; every other département uses the national one."""
    return SmicRate.Territory.MAYOTTE if departement.strip() == MAYOTTE else SmicRate.Territory.METROPOLE


def smic_on(day: date, departement: str = "") -> SmicRate | None:
    """The SMIC in force on `day` for the employer's `departement` (the latest known for a future
    day); None before the first row of the table."""
    return (
        SmicRate.objects.filter(territory=territory_of(departement), valid_from__lte=day)
        .order_by("-valid_from")
        .first()
    )


def smic_changes_between(start: date, end: date, departement: str = "") -> list[SmicRate]:
    """The SMIC revaluations that take effect after `start` and on or before `end` (R-3.3), oldest
    first: the amounts of a period spanning them change on their dates."""
    return list(
        SmicRate.objects.filter(
            territory=territory_of(departement), valid_from__gt=start, valid_from__lte=end
        ).order_by("valid_from")
    )


def normalize_idcc(code: str) -> str:
    """R-14.1: the IDCC left-padded to 4 digits ("16" → "0016"); "" when not 1–4 digits."""
    compact = (code or "").strip()
    if not (1 <= len(compact) <= 4 and compact.isascii() and compact.isdigit()):
        return ""
    return compact.zfill(4)


def lookup_idcc(code: str) -> CollectiveAgreement | None:
    """The collective agreement in force for `code` (1–4 digits, padded); None when the code is
    malformed, unknown or no longer in force (see validators.validate_idcc for the message)."""
    idcc = normalize_idcc(code)
    if not idcc:
        return None
    return CollectiveAgreement.objects.filter(idcc=idcc, is_active=True).first()
