"""Official identifiers: NIR, UAI, NAF, code diplôme, RNCP, phone, contract number (rules.md §12, §13).

SIRET lives in `cactus.core.validators.validate_siret` (La Poste exception included).
The `validate_*` functions return the normalised value or raise django's ValidationError with a
French message; `nir_violations` returns RuleViolation objects because it cross-checks fields.
"""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import nir as stdnum_nir

from cactus.law import RuleViolation

# the 23 letters of the UAI key (no I, O, Q).
UAI_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"
UAI_PATTERN = re.compile(r"^[0-9]{7}[A-Z]$")
NAF_PATTERN = re.compile(r"^([0-9]{2})\.?([0-9]{2}[A-Z])$")
CODE_DIPLOME_PATTERN = re.compile(r"^[0-9]{2}[0-9A-Z][0-9]{5}$")
RNCP_PATTERN = re.compile(r"^(?:RNCP)?([0-9]{3,5})$")
CONTRACT_NUMBER_PATTERN = re.compile(
    r"^(0[0-9]{2}|02[AB]|97[0-9])[0-9]{4}(0[1-9]|1[0-2])(NC|[0-9]{2})[0-9]{4}$"
)
POSTAL_CODE_PATTERN = re.compile(r"^[0-9]{5}$")
PERSON_NAME_PATTERN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿŒœ]+(?:[ '’-]+[A-Za-zÀ-ÖØ-öø-ÿŒœ]+)*$")
NIR_PATTERN = re.compile(r"^[12][0-9]{4}(?:[0-9]{2}|2A|2B)[0-9]{6}(?:[0-9]{2})?$")
# Corsica was split in 1976: people born there earlier keep "20" in their NIR.
CORSICA_SPLIT_YEAR = 1976


def normalize_nir(value: str) -> str:
    """The NIR without spaces or dots, upper case (2A/2B)."""
    return re.sub(r"[\s.]", "", value or "").upper()


def nir_violations(
    *, nir: str, sex: str = "", birth_date: date | None = None, birth_departement: str = ""
) -> list[RuleViolation]:
    """Check a NIR (15 characters with its key, or 13 without) and cross-check it (R-12.1 to R-12.3).

    `sex` is "M" or "F" (codes.Sex); `birth_departement` is the département de naissance
    ("01"–"95", "2A", "2B", "971"–"976", "99" abroad). Empty arguments are not cross-checked.
    """
    compact = normalize_nir(nir)
    if not NIR_PATTERN.match(compact):
        return [
            RuleViolation(
                "R-12.1",
                "nir",
                "Le NIR doit comporter 13 caractères (ou 15 avec la clé) et commencer par 1 ou 2 ; "
                "seuls les chiffres et 2A / 2B (Corse) sont admis.",
            )
        ]
    if len(compact) == 15:
        try:
            stdnum_nir.validate(compact)
        except StdnumError:
            return [
                RuleViolation(
                    "R-12.2", "nir", "La clé du NIR ne correspond pas : vérifiez les 15 caractères."
                )
            ]
    return _nir_cross_checks(compact, sex, birth_date, birth_departement)


def _nir_cross_checks(
    nir: str, sex: str, birth_date: date | None, birth_departement: str
) -> list[RuleViolation]:
    violations = []
    if sex and nir[0] != {"M": "1", "F": "2"}.get(sex, ""):
        violations.append(
            RuleViolation(
                "R-12.3",
                "nir",
                "Le premier chiffre du NIR (1 homme, 2 femme) ne correspond pas au sexe indiqué.",
            )
        )
    if birth_date is not None:
        if nir[1:3] != f"{birth_date.year % 100:02d}":
            violations.append(
                RuleViolation(
                    "R-12.3",
                    "nir",
                    "Les 2e et 3e chiffres du NIR ne correspondent pas à l'année de naissance.",
                )
            )
        if nir[3:5] != f"{birth_date.month:02d}":
            violations.append(
                RuleViolation(
                    "R-12.3", "nir", "Les 4e et 5e chiffres du NIR ne correspondent pas au mois de naissance."
                )
            )
    departement = birth_departement.strip().upper().zfill(2)
    if birth_departement and not _nir_matches_departement(nir, departement, birth_date):
        violations.append(
            RuleViolation(
                "R-12.3",
                "nir",
                f"Le NIR ne correspond pas au département de naissance indiqué ({departement}) : vérifiez l'un ou l'autre.",
            )
        )
    return violations


def _nir_matches_departement(nir: str, departement: str, birth_date: date | None) -> bool:
    if len(departement) == 3:  # overseas: 97x / 98x on 3 characters
        return nir[5:8] == departement
    if departement in ("2A", "2B") and nir[5:7] == "20":
        return birth_date is None or birth_date.year < CORSICA_SPLIT_YEAR
    return nir[5:7] == departement


def validate_uai(value: str) -> str:
    """R-13.1: 7 digits and the check letter; returns the UAI upper case (e.g. "0561910X")."""
    compact = (value or "").strip().upper()
    if not UAI_PATTERN.match(compact):
        raise ValidationError(
            "Le numéro UAI comporte 7 chiffres suivis d'une lettre (ex. 0561910X).", code="uai_format"
        )
    expected = UAI_LETTERS[int(compact[:7]) % 23]
    if compact[7] != expected:
        raise ValidationError(
            "La lettre de contrôle du numéro UAI ne correspond pas aux 7 chiffres : vérifiez le numéro.",
            code="uai_key",
        )
    return compact


def validate_naf(value: str) -> str:
    """R-13.4: NAF/APE code `NN.NNL`; the dot may be omitted; returns "62.01Z"."""
    match = NAF_PATTERN.match((value or "").strip().upper())
    if not match:
        raise ValidationError(
            "Le code NAF comporte 4 chiffres et une lettre (ex. 62.01Z ou 6201Z).", code="naf_format"
        )
    return f"{match[1]}.{match[2]}"


def validate_code_diplome(value: str) -> str:
    """R-13.3: code diplôme (CFD) of 8 characters `NN[0-9A-Z]NNNNN`; returns it upper case."""
    compact = (value or "").strip().upper()
    if not CODE_DIPLOME_PATTERN.match(compact):
        raise ValidationError(
            "Le code diplôme comporte 8 caractères : 2 chiffres, un chiffre ou une lettre, puis 5 chiffres (ex. 32031212).",
            code="code_diplome_format",
        )
    return compact


def validate_rncp(value: str) -> str:
    """R-13.2: `RNCP` followed by 3 to 5 digits (the prefix may be omitted); returns "RNCP34029"."""
    match = RNCP_PATTERN.match(re.sub(r"\s", "", value or "").upper())
    if not match:
        raise ValidationError(
            "Le code RNCP s'écrit RNCP suivi de 3 à 5 chiffres (ex. RNCP34029).", code="rncp_format"
        )
    return f"RNCP{match[1]}"


def normalize_phone(value: str) -> str:
    """R-13.6: a French number as `+33` + 9 digits ("06 12 34 56 78" → "+33612345678").

    Accepts the national form (10 digits starting with 0), `+33…` and `0033…`, with spaces, dots
    or dashes; raises ValidationError otherwise.
    """
    compact = re.sub(r"[\s.\-/]|\(0\)", "", value or "")
    if compact.startswith("+33"):
        national = compact[3:]
    elif compact.startswith("0033"):
        national = compact[4:]
    elif len(compact) == 10 and compact.startswith("0"):
        national = compact[1:]
    else:
        national = ""
    if national.startswith("0"):
        national = national[1:]
    if not (len(national) == 9 and national.isdigit() and national[0] != "0"):
        raise ValidationError(
            "Saisissez un numéro de téléphone français à 10 chiffres (ex. 06 12 34 56 78) ou au format +33 6 12 34 56 78.",
            code="phone_format",
        )
    return f"+33{national}"


def validate_contract_number(value: str) -> str:
    """R-13.8: n° de contrat / de dépôt of 15 characters, e.g. "02B202212000000"."""
    compact = re.sub(r"\s", "", value or "").upper()
    if not CONTRACT_NUMBER_PATTERN.match(compact):
        raise ValidationError(
            "Le numéro de contrat comporte 15 caractères : département sur 3 (ex. 013, 02A, 974), année, mois, "
            "2 chiffres ou NC, puis 4 chiffres (ex. 02B202212000000).",
            code="contract_number_format",
        )
    return compact


def normalize_email(value: str) -> str:
    """R-13.7 (format part): a valid address, lower case. The domain is not resolved here."""
    compact = (value or "").strip().lower()
    try:
        validate_email(compact)
    except ValidationError as error:
        raise ValidationError(
            "Saisissez une adresse e-mail valide (ex. prenom.nom@entreprise.fr).", code="email_format"
        ) from error
    return compact


def validate_postal_code(value: str) -> str:
    """R-13.5 (format only): 5 digits."""
    compact = (value or "").strip()
    if not POSTAL_CODE_PATTERN.match(compact):
        raise ValidationError("Le code postal comporte 5 chiffres.", code="postal_code_format")
    return compact


def validate_person_name(value: str) -> str:
    """R-13.9: letters (accents included), spaces, hyphens and apostrophes only."""
    cleaned = " ".join((value or "").split())
    if not PERSON_NAME_PATTERN.match(cleaned):
        raise ValidationError(
            "Le nom ne peut contenir que des lettres (accents compris), des espaces, des tirets et des apostrophes.",
            code="name_format",
        )
    return cleaned
