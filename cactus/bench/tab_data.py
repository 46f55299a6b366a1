"""The tabs' data (L'employeur, L'alternant, Vie étudiante, Les données du contrat, La mission) of the
generated dossiers, so their pages and their CERFAs are as full as real ones.

Written only when the tab models are in the build; one row per block, as the tab services leave them.
"""

import random
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal

from django.apps import apps
from stdnum.fr import nir

from cactus.dossiers.models import ContractScheme, Dossier

TAB_MODELS = [
    "Employer",
    "Mentor",
    "AlternantDetails",
    "StudentLife",
    "Contract",
    "RemunerationLine",
    "Mission",
]
SMIC = Decimal("1801.80")
# Rates by year of contract for an alternant of 18 to 20 (rules.md R-2.x); the bench needs plausible
# lines, not the rules engine's exact grid.
APPRENTICESHIP_RATES = [Decimal("43"), Decimal("51"), Decimal("67")]
PROFESSIONALISATION_RATES = [Decimal("65"), Decimal("65"), Decimal("65")]
NAF_CODES = ["7112B", "6201Z", "4711D", "5610A", "8559A", "4321A", "6920Z"]
IDCC_CODES = ["1486", "2216", "1979", "0016", "1597", "2120"]
CITIES = [("13002", "Marseille", "13"), ("13100", "Aix-en-Provence", "13"), ("83000", "Toulon", "83"),
          ("06000", "Nice", "06"), ("84000", "Avignon", "84")]  # fmt: skip


def is_available() -> bool:
    models = apps.get_app_config("dossiers").models
    return all(name.lower() in models for name in TAB_MODELS)


def fill(dossiers: list[Dossier], rng: random.Random) -> int:
    """Write the tab rows of the dossiers whose entry has gone past Données de base; returns rows written."""
    if not is_available():
        return 0
    model = {name: apps.get_model("dossiers", name) for name in TAB_MODELS}
    rows: dict[str, list] = {name: [] for name in TAB_MODELS}
    for dossier in dossiers:
        if not dossier.entry_mode or not (
            dossier.is_entry_complete or dossier.status != Dossier.Status.DRAFT
        ):
            continue
        city = rng.choice(CITIES)
        rows["Employer"].append(model["Employer"](dossier_id=dossier.pk, **_employer(dossier, city, rng)))
        rows["Mentor"].append(model["Mentor"](dossier_id=dossier.pk, **_mentor(dossier, rng)))
        rows["AlternantDetails"].append(
            model["AlternantDetails"](dossier_id=dossier.pk, **_alternant(dossier, city, rng))
        )
        rows["StudentLife"].append(
            model["StudentLife"](
                dossier_id=dossier.pk,
                emergency_contact_name=f"{dossier.alternant_first_name} (famille)",
                emergency_contact_phone="06 98 76 54 32",
                housing="family",
            )
        )
        if dossier.entry_mode == "full":
            rows["Contract"].append(model["Contract"](dossier_id=dossier.pk, **_contract(dossier)))
            rows["RemunerationLine"] += [
                model["RemunerationLine"](dossier_id=dossier.pk, **line) for line in _remuneration(dossier)
            ]
        rows["Mission"].append(
            model["Mission"](
                dossier_id=dossier.pk,
                job_title="Assistant(e) en alternance",
                description="Participer aux projets de l'équipe et assurer le suivi des dossiers clients.",
            )
        )
    for name in TAB_MODELS:
        model[name].objects.bulk_create(rows[name], batch_size=1000)
    return sum(len(batch) for batch in rows.values())


def _employer(dossier: Dossier, city, rng) -> dict:
    postal_code, city_name, _ = city
    return {
        "name": f"Entreprise {dossier.siret[:9]}",
        "address_number": str(rng.randint(1, 120)),
        "address_street": "rue de la République",
        "postal_code": postal_code,
        "city": city_name,
        "phone": "04 91 00 00 00",
        "email": f"rh-{dossier.siret[:9]}@employeurs.bench.cactus.test",
        "employer_type": "12" if dossier.scheme == ContractScheme.APPRENTICESHIP else "11",
        "specific_employer": "0",
        "naf": rng.choice(NAF_CODES),
        "headcount": rng.randint(1, 800),
        "idcc": rng.choice(IDCC_CODES),
        "mentor_eligibility_attested": True,
        "signatory_last_name": "Lefèvre",
        "signatory_first_name": "Jérôme",
        "signatory_position": "Directeur des ressources humaines",
        "signatory_email": f"drh-{dossier.siret[:9]}@employeurs.bench.cactus.test",
    }


def _mentor(dossier: Dossier, rng) -> dict:
    return {
        "position": 1,
        "last_name": rng.choice(["Müller", "Durand", "Garcia", "Bernard"]),
        "first_name": rng.choice(["Noël", "Anaïs", "Karim", "Sophie"]),
        "birth_date": date(1970, 1, 1) + timedelta(days=rng.randint(0, 365 * 20)),
        "email": f"tuteur-{dossier.pk}@employeurs.bench.cactus.test",
        "job_title": "Ingénieur(e) d'études",
        "diploma": "Master",
        "diploma_level": "7",
    }


def _alternant(dossier: Dossier, city, rng) -> dict:
    postal_code, city_name, department = city
    birth = dossier.alternant_birth_date
    sex = rng.choice("12")
    number = f"{sex}{birth:%y%m}{department}{rng.randint(1, 999):03d}{rng.randint(1, 999):03d}"
    values = {
        "sex": "M" if sex == "1" else "F",
        "nir": number + nir.calc_check_digits(number),
        "birth_department": department,
        "birth_city": city_name,
        "nationality": "1",
        "social_regime": "2",
        "address_number": str(rng.randint(1, 60)),
        "address_street": "boulevard Baille",
        "postal_code": postal_code,
        "city": city_name,
        "phone": "06 12 34 56 78",
        "email": dossier.alternant.email,
        "prior_situation": "1",
        "last_diploma_prepared": "42",
        "last_class": "01",
        "last_diploma_title": "Baccalauréat général",
        "highest_diploma": "42",
    }
    if dossier.contract_start and birth > dossier.contract_start.replace(
        year=dossier.contract_start.year - 18
    ):
        # A minor at the start of the contract has a legal representative.
        values |= {
            "representative_last_name": dossier.alternant_last_name,
            "representative_first_name": "Françoise",
            "representative_email": f"famille-{dossier.pk}@bench.cactus.test",
        }
    return values


def _contract(dossier: Dossier) -> dict:
    is_apprenticeship = dossier.scheme == ContractScheme.APPRENTICESHIP
    return {
        "contract_mode": "1",
        "contract_type": "11",
        "conclusion_date": dossier.contract_start - timedelta(days=30),
        "practical_training_start": dossier.contract_start if is_apprenticeship else None,
        "job_title": "" if is_apprenticeship else "Assistant(e) commercial(e)",
        "weekly_hours": 35,
        "hiring_salary": _amount(
            APPRENTICESHIP_RATES[0] if is_apprenticeship else PROFESSIONALISATION_RATES[0]
        ),
        "pension_fund": "Malakoff Humanis",
    }


def _remuneration(dossier: Dossier) -> list[dict]:
    rates = (
        APPRENTICESHIP_RATES if dossier.scheme == ContractScheme.APPRENTICESHIP else PROFESSIONALISATION_RATES
    )
    lines, start, year = [], dossier.contract_start, 1
    while start < dossier.contract_end and year <= len(rates):
        end = min(start.replace(year=start.year + 1) - timedelta(days=1), dossier.contract_end)
        rate = rates[year - 1]
        lines.append(
            {
                "year": year,
                "period": 1,
                "start": start,
                "end": end,
                "rate": rate,
                "minimum_rate": rate,
                "base": "SMIC",
                "amount": _amount(rate),
            }
        )
        start, year = end + timedelta(days=1), year + 1
    return lines


def _amount(rate: Decimal) -> Decimal:
    return (SMIC * rate / 100).quantize(Decimal("0.01"), rounding=ROUND_CEILING)
