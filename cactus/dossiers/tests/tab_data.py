"""Valid values for every tab page, as a browser posts them (prefixed names, "on" for ticked boxes)."""

from cactus.dossiers.contract_forms import legal_lines

# 2 09 03 13 055 123 + key 02: a woman born in March 2009 in the Bouches-du-Rhône.
MINOR_NIR = "209031305512302"


def base_values(**overrides) -> dict:
    return {
        "entry_mode": "full",
        "scheme": "apprenticeship",
        "alternant_last_name": "Benoît",
        "alternant_first_name": "Chloé",
        "alternant_birth_date": "2009-03-14",
        "siret": "73282932000074",
        "contract_start": "2026-09-01",
        "contract_end": "2027-08-31",
    } | overrides


def employer_values(
    *, employer_type: str = "12", monegasque: bool = False, billing: bool = False, mentor2: bool = True
) -> dict:
    values = {
        "employer-name": "Société Méditerranéenne d'Études",
        "employer-address_number": "12",
        "employer-address_street": "rue de la République",
        "employer-postal_code": "13002",
        "employer-city": "Marseille",
        "employer-phone": "04 91 00 00 00",
        "employer-email": "rh@sme.test",
        "employer-employer_type": employer_type,
        "employer-specific_employer": "0",
        "employer-naf": "7112B",
        "employer-headcount": "42",
        "employer-idcc": "1486",
        "employer-mentor_eligibility_attested": "on",
        "employer-is_individual_employer": "False",  # contrat pro only (12434*05)
        "signatory-signatory_last_name": "Lefèvre",
        "signatory-signatory_first_name": "Jérôme",
        "signatory-signatory_position": "Directeur des ressources humaines",
        "signatory-signatory_email": "jerome.lefevre@sme.test",
        "mentor1-last_name": "Müller",
        "mentor1-first_name": "Noël",
        "mentor1-birth_date": "1980-06-02",
        "mentor1-email": "noel.muller@sme.test",
        "mentor1-job_title": "Ingénieur d'études",
        "mentor1-diploma": "Diplôme d'ingénieur",
        "mentor1-diploma_level": "7",
    }
    if monegasque:
        values["employer-is_monegasque"] = "on"
    if mentor2:
        values |= {
            "mentor2-last_name": "Ødegård-Lopès",
            "mentor2-first_name": "Anaïs",
            "mentor2-birth_date": "1990-11-23",
            "mentor2-email": "anais.lopes@sme.test",
            "mentor2-job_title": "Cheffe de projet",
            "mentor2-diploma": "Master",
            "mentor2-diploma_level": "7",
        }
    if billing:
        values |= {
            "billing-billing_name": "Société Méditerranéenne d'Études – comptabilité",
            "billing-billing_address": "12 rue de la République",
            "billing-billing_postal_code": "13002",
            "billing-billing_city": "Marseille",
            "billing-billing_email": "factures@sme.test",
            "billing-billing_reference": "BC-2026-117",
        }
    return values


def alternant_values(
    *, representative: bool = True, nir: str = MINOR_NIR, sex: str = "F", **overrides
) -> dict:
    values = {
        "alternant-sex": sex,
        "alternant-nir": nir,
        "alternant-birth_department": "13",
        "alternant-birth_city": "Marseille",
        "alternant-nationality": "1",
        "alternant-address_number": "3",
        "alternant-address_street": "boulevard Baille",
        "alternant-postal_code": "13005",
        "alternant-city": "Marseille",
        "alternant-phone": "06 12 34 56 78",
        "alternant-email": "chloe.benoit@etudiant.test",
        "alternant-social_regime": "2",
        "alternant-prior_situation": "1",
        "alternant-last_diploma_prepared": "42",
        "alternant-last_class": "01",
        "alternant-last_diploma_title": "Baccalauréat général",
        "alternant-highest_diploma": "42",
        "alternant-is_job_seeker": "False",  # contrat pro only (12434*05)
    }
    if representative:
        values |= {
            "representative-representative_last_name": "Benoît",
            "representative-representative_first_name": "Françoise",
            "representative-representative_email": "francoise.benoit@famille.test",
            "representative-representative_same_address": "on",
        }
    return values | {f"alternant-{key}": value for key, value in overrides.items()}


def student_life_values() -> dict:
    return {
        "student_life-emergency_contact_name": "Françoise Benoît",
        "student_life-emergency_contact_phone": "06 98 76 54 32",
        "student_life-housing": "family",
    }


def contract_values(dossier, *, rates: dict | None = None, **overrides) -> dict:
    """Les données du contrat, each rate at the proposed legal minimum unless `rates` says otherwise."""
    values = {
        "contract-contract_mode": "1",
        "contract-contract_type": "11",
        "contract-conclusion_date": "2026-07-01",
        "contract-practical_training_start": "2026-09-01",
        "contract-weekly_hours": "35",
        "contract-weekly_minutes": "0",
        "contract-pension_fund": "Malakoff Humanis",
        "contract-signature_place": "Marseille",
        "contract-documents_attested": "on",
    }
    if dossier.scheme == "professionalisation":
        del values["contract-practical_training_start"]
        values |= {
            "contract-contract_type": "11",
            "contract-job_title": "Assistante commerciale",
            "contract-classification": "Employée administrative",
            "contract-classification_level": "II",
            "contract-coefficient": "170",
            "contract-trial_period_days": "30",
            "contract-provident_fund": "AG2R Prévoyance",
        }
    lines = legal_lines(dossier, smc=None)
    for line in lines:
        values[f"remuneration-{line.key}"] = str((rates or {}).get(line.key, line.legal.rate))
    values["remuneration-hiring_salary"] = str(lines[0].legal.amount) if lines else ""
    return values | {f"contract-{key}": value for key, value in overrides.items()}


def mission_values() -> dict:
    return {
        "mission-job_title": "Développeuse web en alternance",
        "mission-description": "Développer et maintenir les outils internes de suivi des chantiers.",
    }
