"""Type d'employeur (CERFA §8.1) suggested from the INSEE catégorie juridique (rules.md R-8.3).

A suggestion the employer confirms: the catégorie juridique cannot tell a craftsman (11) from a
trader (12) or a liberal profession (14), so those stay empty. Public bodies are told apart by
their catégorie (7xxx: personnes morales de droit public administratif; 41xx: EPIC).
"""

from cactus.referentials.codes import EmployerType

# Exact categories first (INSEE, catégories juridiques niveau III), then by prefix, longest first.
EXACT = {
    "7210": EmployerType.MUNICIPALITY,  # Commune et commune nouvelle
    "7220": EmployerType.DEPARTEMENT,  # Département
    "7230": EmployerType.REGION,  # Région
    "7364": EmployerType.PUBLIC_HOSPITAL,  # Établissement d'hospitalisation
    "7331": EmployerType.LOCAL_SCHOOL,  # Établissement public local d'enseignement
}
PREFIXES = {
    "71": EmployerType.STATE_SERVICE,  # Administration de l'État
    "738": EmployerType.STATE_ADMINISTRATIVE_BODY,  # Établissements publics nationaux (EPA, EPSCP...)
    "73": EmployerType.LOCAL_ADMINISTRATIVE_BODY,  # Établissements publics locaux, EPCI
    "72": EmployerType.OTHER_PUBLIC,  # Collectivités d'outre-mer, autres collectivités territoriales
    "74": EmployerType.OTHER_PUBLIC,  # Autre personne morale de droit public administratif
    "41": EmployerType.EPIC,  # Établissement public à caractère industriel ou commercial
    "92": EmployerType.ASSOCIATION,  # Associations loi 1901 ou assimilées
    "5": EmployerType.TRADE_REGISTER,  # Sociétés commerciales (immatriculées au RCS)
}


def suggested_employer_type(legal_category: str) -> str:
    """The CERFA's type d'employeur for an INSEE catégorie juridique; "" when it cannot be told."""
    if legal_category in EXACT:
        return EXACT[legal_category]
    for prefix in sorted(PREFIXES, key=len, reverse=True):
        if legal_category.startswith(prefix):
            return PREFIXES[prefix]
    return ""
