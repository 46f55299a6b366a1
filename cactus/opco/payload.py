"""The contract deposit of the inter-OPCO standard, built from the dossier's CERFA data and files,
and the declarations of a rupture or a cancellation of a contract the OPCO holds.

The CERFA keys (`dossiers.export.dossier_data`) travel whole under "cerfa"; the blocks the
standard checks (employeur, alternant, contrat, formation, organisme de formation, convention,
attestations) are spelt out; the files go in base64 under "_files", against the dossier's
internal number.
"""

import base64

from django.utils import timezone

from cactus.contracts.models import Cancellation, Rupture
from cactus.documents import services as documents
from cactus.documents.exceptions import DocumentUnavailable
from cactus.documents.models import Document
from cactus.documents.uploads import current_signed_documents
from cactus.dossiers.export import dossier_data
from cactus.dossiers.files import SIGNED_CERFA, SIGNED_CONVENTION, STAMPED_CERFA

# The standard's type of each file Cactus deposits.
FILE_TYPES = {
    Document.Kind.CERFA: "CERFA",
    Document.Kind.CONVENTION: "CONVENTION",
    SIGNED_CERFA: "CERFA_SIGNE",
    SIGNED_CONVENTION: "CONVENTION_SIGNEE",
    STAMPED_CERFA: "CERFA_VISE",
}

# French names of the fields the OPCO may reject, for the dossier page and the back office.
FIELD_LABELS = {
    "numeroInterne": "Numéro du dossier",
    "employeur.siret": "SIRET de l'employeur",
    "employeur.denomination": "Dénomination de l'employeur",
    "employeur.idcc": "Code IDCC de l'employeur",
    "alternant.nom": "Nom de l'alternant",
    "alternant.prenom": "Prénom de l'alternant",
    "alternant.dateNaissance": "Date de naissance de l'alternant",
    "contrat.dateConclusion": "Date de conclusion du contrat",
    "contrat.dateDebut": "Date de début du contrat",
    "contrat.dateFin": "Date de fin du contrat",
    "contrat.typeContrat": "Type de contrat ou d'avenant",
    "contrat.numeroContratPrecedent": "Numéro du contrat modifié par l'avenant",
    "contrat.dateEffetAvenant": "Date d'effet de l'avenant",
    "dateRupture": "Date de la rupture",
    "motif": "Motif",
    "initiative": "À l'initiative de",
    "formation.rncp": "Code RNCP de la formation",
    "formation.dureeHeures": "Durée de la formation (heures)",
    "formation.dateDebut": "Date de début de la formation",
    "formation.dateFin": "Date de fin de la formation",
    "organismeFormation.siret": "SIRET du CFA",
    "organismeFormation.uai": "UAI du CFA",
    "attestations.donneesConformes": "Attestation de conformité des données",
    "attestations.conventionSigneeEntrepriseEtCfa": "Convention signée par l'entreprise et le CFA",
    "_files": "Pièces jointes",
}


def internal_number(dossier) -> str:
    return f"CACTUS-{dossier.pk:06d}"


def build_payload(dossier) -> dict:
    data = dossier_data(dossier)
    person = "apprenti" if data.get("dispositif") == "apprentissage" else "salarie"
    files = deposit_files(dossier)
    kinds = {entry["type"] for entry in files}
    return {
        "numeroInterne": internal_number(dossier),
        "dispositif": data.get("dispositif"),
        "employeur": _pick(
            data,
            siret="employeur_siret",
            denomination="employeur_denomination",
            idcc="employeur_idcc",
            typeEmployeur="employeur_type",
            naf="employeur_naf",
            effectif="employeur_effectif",
        ),
        "alternant": _pick(
            data,
            nom=f"{person}_nom",
            prenom=f"{person}_prenom",
            dateNaissance=f"{person}_date_naissance",
            nir=f"{person}_nir",
            sexe=f"{person}_sexe",
        ),
        "contrat": _pick(
            data,
            dateConclusion="contrat_date_conclusion",
            dateDebut="contrat_date_debut",
            dateFin="contrat_date_fin",
            # The CERFA's type de contrat ou d'avenant: 11–16 initial, 21–24 next contract, 31–38
            # (apprentissage) or 30 (professionnalisation) an avenant, which also gives its date
            # d'effet and the amended contract's number (its DECA number).
            typeContrat="contrat_type",
            modeContractuel="contrat_mode_contractuel",
            natureContrat="contrat_nature",
            numeroContratPrecedent="contrat_numero_precedent",
            dateEffetAvenant="contrat_date_effet_avenant",
            dateDebutFormationPratique="contrat_date_debut_formation_pratique",
            lieuSignature="signature_lieu",
        ),
        "formation": _pick(
            data,
            rncp="formation_rncp",
            codeDiplome="formation_code_diplome",
            intitule="formation_intitule",
            dureeHeures="formation_duree_heures",
            dateDebut="formation_date_debut",
            dateFin="formation_date_fin",
        ),
        "organismeFormation": _pick(data, siret="cfa_siret", uai="cfa_uai", denomination="cfa_denomination"),
        # Only the costs Cactus knows: RQTH, meals, lodging, equipment and mobility are not entered.
        "convention": _pick(
            data,
            coutPedagogiqueAnnuel="convention_cout_formation",
            npec="convention_npec",
            priseEnChargeOpco="convention_prise_en_charge_opco",
            resteAChargeEmployeur="convention_reste_a_charge_employeur",
        ),
        "dateSignature": data.get("contrat_date_conclusion"),
        "attestations": {
            "conventionSigneeEntrepriseEtCfa": "CONVENTION_SIGNEE" in kinds,
            # Scans of handwritten signatures: Cactus does not claim a "signature probante".
            "signatureProbante": False,
            "donneesConformes": bool(data.get("employeur_attestation_pieces")),
        },
        "cerfa": data,
        "_files": files,
    }


def _pick(data: dict, **keys: str) -> dict:
    return {name: data[key] for name, key in keys.items() if key in data}


def deposit_files(dossier) -> list[dict]:
    """The CERFA and convention (generated), the signed scans that count, the CERFA visé et tamponné."""
    documents_ = []
    for kind in (Document.Kind.CERFA, Document.Kind.CONVENTION):
        try:
            documents_.append(documents.get_or_generate(dossier=dossier, kind=kind, by=None))
        except DocumentUnavailable:
            continue  # saisie simple: no CERFA of Cactus's own; the signed one is deposited
    documents_ += [document for document in current_signed_documents(dossier).values() if document]
    stamped = dossier.documents.filter(kind=STAMPED_CERFA).first()
    if stamped:
        documents_.append(stamped)
    return [_file_entry(document) for document in documents_]


def _file_entry(document) -> dict:
    with document.file.open("rb") as handle:
        content = handle.read()
    return {
        "type": FILE_TYPES[document.kind],
        "nom": f"{FILE_TYPES[document.kind]}.pdf",
        "mimeType": "application/pdf",
        "sha256": document.sha256,
        "contenu": base64.b64encode(content).decode("ascii"),
    }


def rupture_body(dossier) -> dict:
    """`POST /contrats/{numero}/rupture`: the date, the ground (Cactus's code, its article and label),
    who took the initiative and what the alternant does after (contracts.grounds)."""
    rupture = Rupture.objects.get(dossier=dossier)
    return {
        "numeroInterne": internal_number(dossier),
        "dateRupture": rupture.ruptured_on.isoformat(),
        "motif": rupture.ground,
        "libelleMotif": rupture.ground_label,
        "article": rupture.article,
        "initiative": rupture.initiator,
        "situationApres": rupture.situation,
        "stagiaireJusquAu": rupture.trainee_until.isoformat() if rupture.trainee_until else None,
    }


def cancellation_body(dossier) -> dict:
    """`POST /contrats/{numero}/annulation`: the day the CFA cancelled the contract, and why."""
    cancellation = Cancellation.objects.get(dossier=dossier)
    day = dossier.ended_on or timezone.localdate(cancellation.cancelled_at)
    return {
        "numeroInterne": internal_number(dossier),
        "dateAnnulation": day.isoformat(),
        "motif": cancellation.reason,
    }


def describe_errors(errors: list[dict]) -> list[dict]:
    """The OPCO's validation errors as the CFA reads them: {"field": French label, "message": ...}."""
    described = []
    for error in errors:
        field = error.get("champ") or error.get("field") or ""
        message = error.get("message") or "information refusée par l'OPCO"
        described.append({"field": FIELD_LABELS.get(field, field), "message": message})
    return described
