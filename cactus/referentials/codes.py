"""CERFA code lists (cerfa-apprentissage.md §8, rules.md §10 and §15) as Django choices.

Codes are strings, as printed on the CERFA. Labels are the official French wording.
"""

from django.db import models


class EmployerType(models.TextChoices):
    """Type d'employeur (§8.1): 11–16 private, 21–29 public administrations, 30 EPIC."""

    CRAFT = (
        "11",
        "Entreprise inscrite au répertoire des métiers ou au registre des entreprises pour l'Alsace-Moselle",
    )
    TRADE_REGISTER = "12", "Entreprise inscrite uniquement au registre du commerce et des sociétés"
    AGRICULTURAL = "13", "Entreprises dont les salariés relèvent de la mutualité sociale agricole"
    LIBERAL_PROFESSION = "14", "Profession libérale"
    ASSOCIATION = "15", "Association"
    OTHER_PRIVATE = "16", "Autre employeur privé"
    STATE_SERVICE = (
        "21",
        "Service de l'État (administrations centrales et leurs services déconcentrés de la fonction publique d'État)",
    )
    MUNICIPALITY = "22", "Commune"
    DEPARTEMENT = "23", "Département"
    REGION = "24", "Région"
    PUBLIC_HOSPITAL = "25", "Établissement public hospitalier"
    LOCAL_SCHOOL = "26", "Établissement public local d'enseignement"
    STATE_ADMINISTRATIVE_BODY = "27", "Établissement public administratif de l'État"
    LOCAL_ADMINISTRATIVE_BODY = (
        "28",
        "Établissement public administratif local (y compris établissement public de coopération intercommunale EPCI)",
    )
    OTHER_PUBLIC = "29", "Autre employeur public"
    EPIC = "30", "Établissement public industriel et commercial (EPIC)"


class SpecificEmployer(models.TextChoices):
    """Employeur spécifique (§8.2, rules.md §9)."""

    NONE = "0", "Aucun de ces cas"
    TEMPORARY_WORK_AGENCY = "1", "Entreprise de travail temporaire"
    EMPLOYERS_GROUP = "2", "Groupement d'employeurs"
    SEASONAL = "3", "Employeur saisonnier"
    FAMILY = "4", "Apprentissage familial : l'employeur est un ascendant de l'apprenti"


class ContractMode(models.TextChoices):
    """Mode contractuel de l'apprentissage (cerfa-apprentissage.md §4)."""

    FIXED_TERM = "1", "À durée limitée"
    PERMANENT = "2", "Dans le cadre d'un CDI"
    TEMPORARY_WORK = "3", "Entreprise de travail temporaire"
    TWO_SEASONAL_EMPLOYERS = "4", "Activités saisonnières à deux employeurs"


class ContractType(models.TextChoices):
    """Type de contrat ou d'avenant (§8.3)."""

    FIRST = "11", "Premier contrat d'apprentissage de l'apprenti"
    NEW_SAME_EMPLOYER = (
        "21",
        "Nouveau contrat avec un apprenti qui a terminé son précédent contrat auprès d'un même employeur",
    )
    NEW_OTHER_EMPLOYER = (
        "22",
        "Nouveau contrat avec un apprenti qui a terminé son précédent contrat auprès d'un autre employeur",
    )
    NEW_AFTER_BREAK = (
        "23",
        "Nouveau contrat avec un apprenti dont le précédent contrat auprès d'un autre employeur a été rompu",
    )
    EMPLOYER_LEGAL_CHANGE = "31", "Modification de la situation juridique de l'employeur"
    SEASONAL_EMPLOYER_CHANGE = "32", "Changement d'employeur dans le cadre d'un contrat saisonnier"
    EXTENSION_EXAM_FAILURE = "33", "Prolongation du contrat suite à un échec à l'examen de l'apprenti"
    EXTENSION_RQTH = (
        "34",
        "Prolongation du contrat suite à la reconnaissance de l'apprenti comme travailleur handicapé",
    )
    DIPLOMA_CHANGE = "35", "Modification du diplôme préparé par l'apprenti"
    OTHER_CHANGES = (
        "36",
        "Autres changements : changement de maître d'apprentissage, de durée de travail hebdomadaire, réduction de durée, etc.",
    )
    WORKPLACE_CHANGE = "37", "Modification du lieu d'exécution du contrat"
    TRAINING_PLACE_CHANGE = "38", "Modification du lieu principal de réalisation de la formation théorique"


class DerogationType(models.TextChoices):
    """Type de dérogation (§8.4)."""

    UNDER_16 = "11", "Âge de l'apprenti inférieur à 16 ans"
    OVER_29 = "12", "Âge supérieur à 29 ans : cas spécifiques prévus dans le code du travail"
    SHORTER = "21", "Réduction de la durée du contrat ou de la période d'apprentissage"
    LONGER = "22", "Allongement de la durée du contrat ou de la période d'apprentissage"
    CUMULATIVE = "50", "Cumul de dérogations"
    OTHER = "60", "Autre dérogation"


class PriorSituation(models.TextChoices):
    """Situation avant ce contrat (§8.5)."""

    PUPIL = "1", "Scolaire"
    PRE_APPRENTICESHIP = "2", "Prépa apprentissage"
    STUDENT = "3", "Étudiant"
    APPRENTICESHIP = "4", "Contrat d'apprentissage"
    PROFESSIONALISATION = "5", "Contrat de professionnalisation"
    SUBSIDISED_CONTRACT = "6", "Contrat aidé"
    TRAINEE_BEFORE_CONTRACT = (
        "7",
        "En formation au CFA sous statut de stagiaire de la formation professionnelle, avant signature d'un contrat d'apprentissage (L6222-12-1)",
    )
    TRAINEE_AFTER_BREAK = (
        "8",
        "En formation, au CFA sans contrat sous statut de stagiaire de la formation professionnelle, suite à rupture (5° de L6231-2)",
    )
    OTHER_TRAINEE = "9", "Autres situations sous statut de stagiaire de la formation professionnelle"
    EMPLOYEE = "10", "Salarié"
    JOB_SEEKER = "11", "Personne à la recherche d'un emploi (inscrite ou non à France Travail)"
    INACTIVE = "12", "Inactif"


class Diploma(models.TextChoices):
    """Diplôme ou titre (§8.6): dernier diplôme préparé, plus haut diplôme obtenu, diplôme visé.

    The table of the notice of CERFA 10103*14 (N°51649#09, 27 June 2025, page 3), in its order. Since
    *12 it added 44 (diplôme de spécialisation professionnelle), 75 and 76 (ingénieur and école de
    commerce, one code each), renamed 35 (the mentions complémentaires became certificats de
    spécialisation) and 73 (Master), and dropped 61, 71, 72 and 74: `current_diploma_code()` reads
    them as the *14 code of the same level.
    """

    DOCTORATE = "80", "Doctorat"
    MASTER = "73", "Master"
    ENGINEER = "75", "Diplôme d'ingénieur"
    BUSINESS_SCHOOL = "76", "Diplôme d'école de commerce"
    OTHER_BAC_5 = "79", "Autre diplôme ou titre de niveau bac+5 ou plus"
    LICENCE_PRO = "62", "Licence professionnelle"
    LICENCE = "63", "Licence générale"
    BUT = "64", "Bachelor universitaire de technologie (BUT)"
    OTHER_BAC_3_4 = "69", "Autre diplôme ou titre de niveau bac+3 ou 4"
    BTS = "54", "Brevet de Technicien Supérieur"
    DUT = "55", "Diplôme Universitaire de technologie"
    OTHER_BAC_2 = "58", "Autre diplôme ou titre de niveau bac+2"
    BAC_PRO = "41", "Baccalauréat professionnel"
    BAC_GENERAL = "42", "Baccalauréat général"
    BAC_TECHNO = "43", "Baccalauréat technologique"
    PROFESSIONAL_SPECIALISATION = "44", "Diplôme de spécialisation professionnelle"
    OTHER_BAC = "49", "Autre diplôme ou titre de niveau bac"
    CAP = "33", "CAP"
    BEP = "34", "BEP"
    MENTION_COMPLEMENTAIRE = "35", "Certificat de spécialisation (ex-Mention complémentaire)"
    OTHER_CAP_BEP = "38", "Autre diplôme ou titre de niveau CAP/BEP"
    BREVET = "25", "Diplôme national du Brevet"
    CFG = "26", "Certificat de formation générale"
    NONE = "13", "Aucun diplôme ni titre professionnel"


# Codes of the 10103*11/*12 table that the *14 table no longer has, read as the *14 code of the same
# level (a dossier entered before stays printable and editable): 1re année de Master (bac+4) → 69,
# Master professionnel / recherche → 73, « ingénieur, école de commerce » (one code then) → 79.
DIPLOMA_CODES_BEFORE_14 = {"61": "69", "71": "73", "72": "73", "74": "79"}


def current_diploma_code(code: str) -> str:
    """The code of the 10103*14 table for a stored diploma code (an older code → its *14 equivalent)."""
    return DIPLOMA_CODES_BEFORE_14.get(code, code)


class LastClass(models.TextChoices):
    """Dernière classe / année suivie (§8.7)."""

    DIPLOMA_OBTAINED = "01", "A suivi la dernière année du cycle et a obtenu le diplôme ou titre"
    YEAR_1_VALIDATED = (
        "11",
        "A suivi la 1re année du cycle et l'a validée (examens réussis mais année non diplômante)",
    )
    YEAR_1_NOT_VALIDATED = (
        "12",
        "A suivi la 1re année du cycle mais ne l'a pas validée (échec aux examens, interruption ou abandon de formation)",
    )
    YEAR_2_VALIDATED = (
        "21",
        "A suivi la 2e année du cycle et l'a validée (examens réussis mais année non diplômante)",
    )
    YEAR_2_NOT_VALIDATED = (
        "22",
        "A suivi la 2e année du cycle mais ne l'a pas validée (échec aux examens, interruption ou abandon de formation)",
    )
    YEAR_3_VALIDATED = (
        "31",
        "A suivi la 3e année du cycle et l'a validée (examens réussis mais année non diplômante, cycle adapté)",
    )
    YEAR_3_NOT_VALIDATED = (
        "32",
        "A suivi la 3e année du cycle mais ne l'a pas validée (échec aux examens, interruption ou abandon de formation)",
    )
    COLLEGE_COMPLETED = "40", "A achevé le 1er cycle de l'enseignement secondaire (collège)"
    STOPPED_IN_3E = "41", "A interrompu ses études en classe de 3e"
    STOPPED_IN_4E = "42", "A interrompu ses études en classe de 4e"


class DiplomaLevel(models.TextChoices):
    """Niveau de diplôme or titre (§8.8, R-15.1): national qualifications framework, décret 2019-14."""

    NONE = "0", "Aucun diplôme ou titre"
    LEVEL_3 = "3", "CAP, BEP"
    LEVEL_4 = "4", "Baccalauréat"
    LEVEL_5 = "5", "DEUG, BTS, DUT, DEUST"
    LEVEL_6 = "6", "Licence, licence professionnelle, BUT, Maîtrise"
    LEVEL_7 = "7", "Master, DEA, DESS, diplôme d'ingénieur"
    LEVEL_8 = "8", "Doctorat, habilitation à diriger des recherches"


class Nationality(models.TextChoices):
    FRENCH = "1", "Française"
    EUROPEAN_UNION = "2", "Union Européenne"
    NON_EU = "3", "Étranger hors Union Européenne"


class SocialRegime(models.TextChoices):
    MSA = "1", "MSA"
    URSSAF = "2", "URSSAF"


class Sex(models.TextChoices):
    MALE = "M", "Masculin"
    FEMALE = "F", "Féminin"


def is_public_employer(code: str) -> bool:
    """The employer guide's rule: type d'employeur above 20 is public (R-8.1), EPIC (30) included.

    Routing differs for 30 (EPIC follow the OPCO circuit, R-7.3): use `is_public_administration`
    to decide whether a contract goes to the DDETS and whether a contrat pro is allowed.
    """
    return code.isdigit() and int(code) > 20


def is_public_administration(code: str) -> bool:
    """Types 21–29: public administrations (DDETS circuit, R-7.2; no contrat pro, R-8.2)."""
    return code.isdigit() and 21 <= int(code) <= 29


def diploma_level(code: str) -> str:
    """R-15.2: the level ("3"–"8", "0" for none) of a 2-digit Diploma code, from its first digit."""
    if not (len(code) == 2 and code.isdigit()):
        return ""
    first = int(code[0])
    return "0" if first < 3 else str(first)


# R-13.3 (rules.md) and cerfa-apprentissage.md §8.6: the first 3 characters of the code diplôme
# (CFD) give the CERFA diploma type (anchor table, excerpt).
DIPLOMA_BY_CFD_PREFIX = {
    "500": Diploma.CAP,
    "503": Diploma.CAP,
    "510": Diploma.BEP,
    "010": Diploma.MENTION_COMPLEMENTAIRE,
    "013": Diploma.MENTION_COMPLEMENTAIRE,
    "400": Diploma.BAC_PRO,
    "403": Diploma.BAC_PRO,
    "430": Diploma.BAC_TECHNO,
    "433": Diploma.BAC_TECHNO,
    "320": Diploma.BTS,
    "323": Diploma.BTS,
    "350": Diploma.DUT,
    "250": Diploma.LICENCE_PRO,
    "251": Diploma.BUT,
    "200": Diploma.LICENCE,
    "201": Diploma.LICENCE,
    "205": Diploma.LICENCE,
    "135": Diploma.MASTER,
    "155": Diploma.MASTER,
    # Ingénieur and école de commerce: one code (74) in *12, two (75, 76) in *14; which of 165 / 170
    # is which is not in the anchor table, so both give the level's « autre » code.
    "165": Diploma.OTHER_BAC_5,
    "170": Diploma.OTHER_BAC_5,
    "100": Diploma.DOCTORATE,
    "671": Diploma.BREVET,
    "672": Diploma.CFG,
}
# Otherwise the first two characters give the "other diploma of that level" code.
OTHER_DIPLOMA_BY_CFD_PREFIX = {
    "56": Diploma.OTHER_CAP_BEP,
    "46": Diploma.OTHER_BAC,
    "36": Diploma.OTHER_BAC_2,
    "26": Diploma.OTHER_BAC_3_4,
    "16": Diploma.OTHER_BAC_5,
}


def diploma_from_code_diplome(code_diplome: str) -> str:
    """The CERFA "diplôme ou titre visé" code proposed for a code diplôme (CFD), or "" if unknown."""
    prefix = (code_diplome or "").strip().upper()
    return DIPLOMA_BY_CFD_PREFIX.get(prefix[:3]) or OTHER_DIPLOMA_BY_CFD_PREFIX.get(prefix[:2], "")
