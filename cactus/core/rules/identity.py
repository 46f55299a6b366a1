"""Official identifiers: NIR, UAI, NAF, code diplôme, RNCP, phone, contract number (rules.md §12, §13).

SIRET lives in `cactus.core.validators.validate_siret` (La Poste exception included).
The `validate_*` functions return the normalised value or raise django's ValidationError with a
French message; `nir_violations` returns RuleViolation objects because it cross-checks fields.
"""

from datetime import date

from django.core.exceptions import ValidationError  # noqa: F401  (raised by the validators)

from cactus.core.rules import RuleViolation


def nir_violations(
    *, nir: str, sex: str = "", birth_date: date | None = None, birth_departement: str = ""
) -> list[RuleViolation]:
    """Check a NIR (15 characters with its key, or 13 without) and cross-check it (R-12.1 to R-12.3).

    `sex` is "M" or "F" (codes.Sex); `birth_departement` is the département de naissance
    ("01"–"95", "2A", "2B", "971"–"976", "99" abroad). Empty arguments are not cross-checked.
    """
    raise NotImplementedError


def normalize_nir(value: str) -> str:
    """The NIR without spaces or dots, upper case (2A/2B)."""
    raise NotImplementedError


def validate_uai(value: str) -> str:
    """R-13.1: 7 digits and the check letter; returns the UAI upper case (e.g. "0561910X")."""
    raise NotImplementedError


def validate_naf(value: str) -> str:
    """R-13.4: NAF/APE code `NN.NNL`; the dot may be omitted; returns "62.01Z"."""
    raise NotImplementedError


def validate_code_diplome(value: str) -> str:
    """R-13.3: code diplôme (CFD) of 8 characters `NN[0-9A-Z]NNNNN`; returns it upper case."""
    raise NotImplementedError


def validate_rncp(value: str) -> str:
    """R-13.2: `RNCP` followed by 3 to 5 digits (the prefix may be omitted); returns "RNCP34029"."""
    raise NotImplementedError


def normalize_phone(value: str) -> str:
    """R-13.6: a French number as `+33` + 9 digits ("06 12 34 56 78" → "+33612345678").

    Accepts the national form (10 digits starting with 0), `+33…` and `0033…`, with spaces, dots
    or dashes; raises ValidationError otherwise.
    """
    raise NotImplementedError


def validate_contract_number(value: str) -> str:
    """R-13.8: n° de contrat / de dépôt of 15 characters, e.g. "02B202212000000"."""
    raise NotImplementedError


def validate_person_name(value: str) -> str:
    """R-13.9: letters (accents included), spaces, hyphens and apostrophes only."""
    raise NotImplementedError
