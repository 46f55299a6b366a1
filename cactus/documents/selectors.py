from django.conf import settings

from cactus.documents.models import Document


def latest_document(dossier, kind: str) -> Document | None:
    return Document.objects.filter(dossier=dossier, kind=kind).first()


def formation_data(dossier) -> dict:
    """What the calendrier and the programme are generated from: the formation, its periods and modules."""
    formation = dossier.formation
    return {
        "cfa_denomination": settings.CFA_NAME,
        "formation_intitule": formation.title,
        "formation_code_diplome": formation.diploma_code,
        "formation_rncp": formation.rncp,
        "formation_date_debut": formation.start_date.isoformat(),
        "formation_date_fin": formation.end_date.isoformat(),
        "formation_duree_heures": str(formation.duration_hours),
        "formation_lieu": training_place(formation),
        "alternant_nom": dossier.alternant_last_name,
        "alternant_prenom": dossier.alternant_first_name,
        "periodes": [
            {
                "du": period.start_date.isoformat(),
                "au": period.end_date.isoformat(),
                "lieu": period.get_place_display(),
                "precision": period.label,
            }
            for period in formation.periods.all()
        ],
        "modules": [
            {"intitule": module.title, "heures": module.hours, "contenu": module.description}
            for module in formation.modules.all()
        ],
    }


def training_place(formation) -> str:
    """The formation's site and its address, or the CFA's when it names no other site."""
    if formation.site_name:
        parts = [
            formation.site_name,
            formation.site_street,
            f"{formation.site_postal_code} {formation.site_city}",
        ]
    else:
        street = f"{settings.CFA_ADDRESS_NUMBER} {settings.CFA_ADDRESS_STREET}"
        parts = [settings.CFA_NAME, street, f"{settings.CFA_POSTAL_CODE} {settings.CFA_CITY}"]
    return ", ".join(part.strip() for part in parts if part.strip())
