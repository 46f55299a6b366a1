"""A dossier's data under the CERFA keys of shared/domain (cerfa-apprentissage.md, cerfa-professionnalisation.md).

The "documents" app fills the CERFA and the convention from this dict; `manage.py export_dossier`
prints it. Dates are ISO strings, amounts and rates strings with a dot ("759.78"), booleans JSON
booleans; a value that is not entered is left out. dossiers/README.md lists every key.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings

from cactus.dossiers.models import ContractScheme, Dossier
from cactus.dossiers.tab_forms import conclusion_date_of, related
from cactus.law.age import is_minor_on
from cactus.referentials.codes import (
    current_diploma_code,
    diploma_from_code_diplome,
    diploma_level,
    is_public_employer,
)

BORN_ABROAD = "99"
# L6332-14 (loi 2025-127 de finances pour 2025) and R6332-25-1 (décret 2025-585 of 27 June 2025):
# an apprenticeship concluded from 01/07/2025 for a diploma or title of level 6 or more → the
# employer owes a flat participation of 750 €, deducted from the OPCO's funding and billed by the CFA
# after the 45 first days of practical training (R6332-25-2).
EMPLOYER_PARTICIPATION = Decimal("750.00")
EMPLOYER_PARTICIPATION_SINCE = date(2025, 7, 1)
EMPLOYER_PARTICIPATION_MIN_LEVEL = 6
# L6332-14 and décret 2025-586 of 27 June 2025 (contracts concluded from 01/07/2025): when at least 80 %
# of the training is given at a distance the OPCO lowers the NPEC by 20 %, never below 4 000 € (unless
# every CFA preparing the certification does the same: list fixed by arrêté, not known here).
DISTANCE_SHARE_THRESHOLD = Decimal("0.80")
DISTANCE_REDUCTION = Decimal("0.80")
DISTANCE_FLOOR = Decimal("4000.00")
DISTANCE_SINCE = date(2025, 7, 1)


def dossier_data(dossier: Dossier) -> dict:
    """Every entered value of the dossier, keyed as on the CERFA (apprenti_/maitre for apprenticeship,
    salarie_/tuteur for professionalisation)."""
    is_apprenticeship = dossier.scheme != ContractScheme.PROFESSIONALISATION
    person, mentor = ("apprenti", "maitre") if is_apprenticeship else ("salarie", "tuteur")
    data = {
        "dossier_id": dossier.pk,
        "dispositif": "apprentissage" if is_apprenticeship else "professionnalisation",
        "niveau_saisie": {"simple": "simple", "full": "complete"}.get(dossier.entry_mode, ""),
        "employeur_siret": dossier.siret,
        f"{person}_nom": dossier.alternant_last_name,
        f"{person}_prenom": dossier.alternant_first_name,
        f"{person}_date_naissance": dossier.alternant_birth_date,
        "contrat_date_debut": dossier.contract_start,
        "contrat_date_fin": dossier.contract_end,
    }
    data |= _employer(dossier)
    data |= _alternant(dossier, person)
    for position_mentor in dossier.mentors.all():
        # The EJ20's keys have one tuteur (`tuteur_`); the second one is `tuteur2_`.
        index = "" if mentor == "tuteur" and position_mentor.position == 1 else position_mentor.position
        data |= _mentor(position_mentor, f"{mentor}{index}")
    data |= _contract(dossier, is_apprenticeship)
    data |= _formation(dossier)
    data |= _mission(dossier)
    return {key: _plain(value) for key, value in data.items() if value not in (None, "")}


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, list):
        return [{key: _plain(item) for key, item in row.items()} for row in value]
    return value


def _address(row, prefix: str) -> dict:
    return {
        f"{prefix}_adresse_numero": row.address_number,
        f"{prefix}_adresse_repetition_voie": row.address_repetition,
        f"{prefix}_adresse_voie": row.address_street,
        f"{prefix}_adresse_complement": row.address_complement,
        f"{prefix}_adresse_code_postal": row.postal_code,
        f"{prefix}_adresse_commune": row.city,
    }


def _employer(dossier: Dossier) -> dict:
    employer = related(dossier, "employer")
    if employer is None:
        return {}
    return _address(employer, "employeur") | {
        "employeur_prive_public": "public" if is_public_employer(employer.employer_type) else "prive",
        "employeur_denomination": employer.name,
        "employeur_departement": employer.department,
        "employeur_telephone": employer.phone,
        "employeur_courriel": employer.email,
        "employeur_type": employer.employer_type,
        "employeur_specifique": employer.specific_employer,
        "employeur_naf": employer.naf,
        "employeur_effectif": employer.headcount,
        "employeur_idcc": employer.idcc,
        "employeur_idcc_libelle": employer.idcc_label,
        "employeur_idcc_branche": employer.idcc_branch,
        "employeur_opco": employer.idcc_opco,
        "employeur_monegasque": employer.is_monegasque,
        "employeur_particulier": employer.is_individual_employer,
        "employeur_urssaf_particulier": employer.urssaf_number,
        "employeur_regime_specifique_chomage": employer.public_unemployment_scheme,
        "employeur_attestation_eligibilite_maitre": employer.mentor_eligibility_attested,
        "responsable_nom": employer.signatory_last_name,
        "responsable_prenom": employer.signatory_first_name,
        "responsable_fonction": employer.signatory_position,
        "responsable_courriel": employer.signatory_email,
        "responsable_telephone": employer.signatory_phone,
        "facturation_denomination": employer.billing_name,
        "facturation_siret": employer.billing_siret,
        "facturation_adresse": employer.billing_address,
        "facturation_code_postal": employer.billing_postal_code,
        "facturation_commune": employer.billing_city,
        "facturation_courriel": employer.billing_email,
        "facturation_reference": employer.billing_reference,
    }


def _alternant(dossier: Dossier, person: str) -> dict:
    details = related(dossier, "alternant_details")
    if details is None:
        return {}
    conclusion = conclusion_date_of(dossier)
    is_minor = bool(
        dossier.alternant_birth_date and conclusion and is_minor_on(dossier.alternant_birth_date, conclusion)
    )
    data = _address(details, person) | {
        f"{person}_nom_usage": details.usage_name,
        f"{person}_nir": details.nir,
        f"{person}_sexe": details.sex,
        f"{person}_ne_en_france": details.birth_department != BORN_ABROAD,
        f"{person}_departement_naissance": details.birth_department,
        f"{person}_commune_naissance": details.birth_city,
        f"{person}_nationalite": details.nationality,
        f"{person}_regime_social": details.social_regime,
        f"{person}_telephone": details.phone,
        f"{person}_courriel": details.email,
        f"{person}_sportif_haut_niveau": details.is_high_level_athlete,
        f"{person}_rqth": details.has_rqth,
        f"{person}_rqth_equivalence_jeunes": details.rqth_youth_equivalence,
        f"{person}_rqth_extension_boe": details.rqth_boe_extension,
        f"{person}_projet_creation_reprise": details.has_business_project,
        f"{person}_situation_avant_contrat": details.prior_situation,
        f"{person}_dernier_diplome_prepare": current_diploma_code(details.last_diploma_prepared),
        f"{person}_derniere_classe": details.last_class,
        f"{person}_intitule_dernier_diplome": details.last_diploma_title,
        f"{person}_plus_haut_diplome": current_diploma_code(details.highest_diploma),
        f"{person}_inscrit_ft": details.is_job_seeker if person == "salarie" else None,
        f"{person}_numero_ide": details.job_seeker_id,
        f"{person}_duree_inscription_mois": details.job_seeker_months,
        f"{person}_minimum_social": details.social_minimum,
        f"{person}_mineur": is_minor,
        f"{person}_mineur_non_emancipe": is_minor and not details.is_emancipated,
    }
    if is_minor and not details.is_emancipated:
        data |= {
            "representant_legal_nom": details.representative_last_name,
            "representant_legal_prenom": details.representative_first_name,
            "representant_legal_courriel": details.representative_email,
            "representant_legal_meme_adresse": details.representative_same_address,
        }
        if not details.representative_same_address:
            data |= {
                "representant_legal_adresse_voie": details.representative_address,
                "representant_legal_adresse_code_postal": details.representative_postal_code,
                "representant_legal_adresse_commune": details.representative_city,
            }
    return data


def _mentor(mentor, prefix: str) -> dict:
    return {
        f"{prefix}_nom": mentor.last_name,
        f"{prefix}_prenom": mentor.first_name,
        f"{prefix}_date_naissance": mentor.birth_date,
        f"{prefix}_courriel": mentor.email,
        f"{prefix}_emploi_occupe": mentor.job_title,
        f"{prefix}_diplome": mentor.diploma,
        f"{prefix}_niveau_diplome": mentor.diploma_level,
    }


def _contract(dossier: Dossier, is_apprenticeship: bool) -> dict:
    contract = related(dossier, "contract")
    if contract is None:
        return {}
    data = {
        "contrat_mode_contractuel" if is_apprenticeship else "contrat_nature": contract.contract_mode,
        "contrat_type": contract.contract_type,
        "contrat_type_derogation": contract.derogation_type,
        "contrat_numero_precedent": contract.previous_contract_number,
        "contrat_date_conclusion": contract.conclusion_date,
        "contrat_date_debut_formation_pratique": contract.practical_training_start,
        "contrat_date_effet_avenant": contract.amendment_effective_date,
        "contrat_emploi": contract.job_title,
        "contrat_duree_hebdo_heures": contract.weekly_hours,
        "contrat_duree_hebdo_minutes": contract.weekly_minutes,
        "contrat_travail_risque": contract.dangerous_machines,
        "contrat_smc": contract.smc,
        "contrat_salaire_embauche": contract.hiring_salary,
        "contrat_caisse_retraite_complementaire": contract.pension_fund,
        "contrat_avantage_nature": contract.has_benefits_in_kind,
        "contrat_avantage_nourriture": contract.benefit_food,
        "contrat_avantage_logement": contract.benefit_housing,
        "contrat_avantage_autre": contract.benefit_other,
        "employeur_attestation_pieces": contract.documents_attested,
        "signature_lieu": contract.signature_place,
    }
    if not is_apprenticeship:
        data |= {
            "employeur_caisse_retraite": contract.pension_fund,
            "employeur_prevoyance": contract.provident_fund,
            "contrat_classification": contract.classification,
            "contrat_classification_niveau": contract.classification_level,
            "contrat_coefficient": contract.coefficient,
            "contrat_periode_essai": contract.trial_period_days,
            "tuteur_utilisatrice_nom": contract.user_company_tutor_last_name,
            "tuteur_utilisatrice_prenom": contract.user_company_tutor_first_name,
            "tuteur_utilisatrice_emploi_occupe": contract.user_company_tutor_job_title,
            "tuteur_utilisatrice_date_naissance": contract.user_company_tutor_birth_date,
        }
    rows = []
    for line in dossier.remuneration_lines.all():
        key = f"remu_{line.year}{line.period}"
        data |= {
            f"{key}_date_debut": line.start,
            f"{key}_date_fin": line.end,
            f"{key}_taux": line.rate,
            f"{key}_base": line.base,
            f"{key}_taux_minimal": line.minimum_rate,
            f"{key}_salaire_brut": line.amount,
        }
        rows.append(
            {
                "annee": line.year,
                "periode": line.period,
                "du": line.start,
                "au": line.end,
                "taux": line.rate,
                "taux_minimal": line.minimum_rate,
                "base": line.base,
                "montant": line.amount,
            }
        )
    data["remuneration"] = rows or None
    if not is_apprenticeship and rows:
        data["contrat_taux"] = rows[0]["taux"]
    return data


def _formation(dossier: Dossier) -> dict:
    formation = dossier.formation
    # The formation takes place at the CFA unless it names another site.
    same_place = not formation.site_name
    data = {
        # Cactus serves one CFA, which is not a company's own CFA.
        "cfa_entreprise": False,
        "cfa_denomination": settings.CFA_NAME,
        "cfa_uai": settings.CFA_UAI,
        "cfa_siret": settings.CFA_SIRET,
        "cfa_adresse_numero": settings.CFA_ADDRESS_NUMBER,
        "cfa_adresse_voie": settings.CFA_ADDRESS_STREET,
        "cfa_adresse_code_postal": settings.CFA_POSTAL_CODE,
        "cfa_adresse_commune": settings.CFA_CITY,
        "formation_intitule": formation.title,
        "formation_code_diplome": formation.diploma_code,
        "formation_type_diplome": diploma_from_code_diplome(formation.diploma_code),
        "formation_rncp": formation.rncp,
        "formation_niveau": formation.level,
        "formation_date_debut": formation.start_date,
        "formation_date_fin": formation.end_date,
        "formation_duree_heures": formation.duration_hours,
        "formation_heures_distance": formation.distance_hours,
        "lieu_formation_meme_que_cfa": same_place,
    }
    if not same_place:
        data |= {
            "lieu_formation_denomination": formation.site_name,
            "lieu_formation_uai": formation.site_uai,
            "lieu_formation_siret": formation.site_siret,
            "lieu_formation_adresse_voie": formation.site_street,
            "lieu_formation_adresse_code_postal": formation.site_postal_code,
            "lieu_formation_adresse_commune": formation.site_city,
        }
    if dossier.scheme == ContractScheme.PROFESSIONALISATION:
        # The EJ20's organisme de formation is the CFA (its cfa_* values are read for the rest).
        data |= {
            "of_interne": False,
            "of_nda": settings.CFA_NDA,
            # The CFA is the only organisme de formation of a Cactus dossier.
            "of_nombre_organismes": 1,
            "formation_type_qualification": formation.qualification_type,
            "formation_nsf": formation.nsf_code,
            "formation_duree_enseignements": formation.teaching_hours,
        }
    return data | _economic_terms(dossier, formation)


def _economic_terms(dossier: Dossier, formation) -> dict:
    """The convention's annual amounts: the OPCO pays up to the NPEC, the employer the rest.

    A public employer has no OPCO funding here: the CFA bills it the whole cost (R-8.1, rules.md,
    billing information). Without a known NPEC only the cost is given.
    """
    cost, npec = formation.annual_cost, formation.npec
    employer = related(dossier, "employer")
    public = employer is not None and is_public_employer(employer.employer_type)
    data = {"convention_cout_formation": cost, "convention_npec": npec}
    if formation.distance_hours is not None and formation.duration_hours:
        # Décret 2025-586: the convention states the share of the training given at a distance.
        share = Decimal(formation.distance_hours) / Decimal(formation.duration_hours)
        data["convention_part_distance"] = str(int(share * 100))  # never rounded up to 80
        if (
            npec is not None
            and share >= DISTANCE_SHARE_THRESHOLD
            and _concluded_since(dossier, DISTANCE_SINCE)
        ):
            npec = min(npec, max(npec * DISTANCE_REDUCTION, DISTANCE_FLOOR)).quantize(Decimal("0.01"))
            data["convention_npec_minore"] = npec
    if not public and owes_employer_participation(dossier, formation):
        data["convention_participation_employeur"] = EMPLOYER_PARTICIPATION
    if cost is None:
        return data
    if public:
        return data | {
            "convention_prise_en_charge_opco": Decimal("0"),
            "convention_reste_a_charge_employeur": cost,
        }
    if npec is not None:
        funded = min(cost, npec)
        data |= {
            "convention_prise_en_charge_opco": funded,
            "convention_reste_a_charge_employeur": cost - funded,
        }
    return data


def _concluded_since(dossier: Dossier, day: date) -> bool:
    """An apprenticeship (the rules of L6332-14 fund apprenticeships only) concluded on or after `day`."""
    if dossier.scheme == ContractScheme.PROFESSIONALISATION:
        return False
    concluded = conclusion_date_of(dossier)
    return concluded is not None and concluded >= day


def owes_employer_participation(dossier: Dossier, formation) -> bool:
    """L6332-14, R6332-25-1: an apprenticeship concluded from 01/07/2025 preparing a diploma or title of
    level 6 or more (the formation's level, else its code diplôme's). The caller leaves out public
    employers, whom no OPCO funds here."""
    if not _concluded_since(dossier, EMPLOYER_PARTICIPATION_SINCE):
        return False
    level = (formation.level or "").strip() or diploma_level(
        diploma_from_code_diplome(formation.diploma_code)
    )
    return level.isdigit() and int(level) >= EMPLOYER_PARTICIPATION_MIN_LEVEL


def _mission(dossier: Dossier) -> dict:
    mission = related(dossier, "mission")
    if mission is None:
        return {}
    return {
        "mission_intitule_poste": mission.job_title,
        "mission_description": mission.description,
        "mission_competences": mission.skills,
    }
