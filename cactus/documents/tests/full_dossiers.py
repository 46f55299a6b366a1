"""Complete dossiers filled through the real tab forms (`services.submit_page`), and what their documents print.

The documents are read back against `dossier_data` itself: every non-empty value a document
should show must appear in its text, formatted as printed (JJ/MM/AAAA, "1 234,56 €", national
phone numbers, codes as codes).
"""

from decimal import Decimal

from cactus.documents.renderers.base import (
    NBSP,
    format_amount,
    format_date,
    format_number,
    format_phone,
    format_rate,
)
from cactus.dossiers import services
from cactus.dossiers.models import Dossier
from cactus.dossiers.tests import tab_data

# 2 03 11 13 055 123 + key 36: a woman born in November 2003 in the Bouches-du-Rhône.
ADULT_NIR = "203111305512336"


def equip_formation(formation) -> None:
    """The formation's site address and annual amounts, read by the CERFA and the convention."""
    formation.site_name = "Campus Saint-Charles – Université d'Aix-Marseille"
    formation.site_street = "3 place Victor Hugo"
    formation.site_postal_code = "13003"
    formation.site_city = "Marseille"
    formation.nsf_code = "326"
    formation.teaching_hours = 420
    formation.annual_cost = Decimal("8450.00")
    formation.npec = Decimal("7600.00")
    formation.save()


def fill(dossier, *, contact, alternant, base: dict, employer: dict, person: dict) -> Dossier:
    """Every tab in the guide's order, each page posted by the person who edits it."""
    pages = [
        ("base", base, contact),
        ("employer", employer, contact),
        ("alternant", person, alternant),
        ("student_life", tab_data.student_life_values(), alternant),
    ]
    for key, values, by in pages:
        services.submit_page(dossier=dossier, key=key, values=values, by=by)
        dossier = Dossier.objects.get(pk=dossier.pk)
    services.submit_page(
        dossier=dossier, key="contract", values=tab_data.contract_values(dossier), by=contact
    )
    dossier = Dossier.objects.get(pk=dossier.pk)
    services.submit_page(dossier=dossier, key="mission", values=tab_data.mission_values(), by=contact)
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert dossier.is_entry_complete, "the test dossier must be complete"
    return dossier


def apprenticeship_with_a_minor(dossier, *, contact, alternant, **base) -> Dossier:
    """Saisie complète: a minor whose legal representative lives elsewhere, two maîtres, an 18th birthday mid-year."""
    equip_formation(dossier.formation)
    person = tab_data.alternant_values() | {
        "representative-representative_same_address": "",
        "representative-representative_address": "27 traverse de la Gouffonne",
        "representative-representative_postal_code": "13009",
        "representative-representative_city": "Marseille",
        "alternant-usage_name": "Benoît-Séverac",
    }
    return fill(
        dossier,
        contact=contact,
        alternant=alternant,
        base=tab_data.base_values(**base),
        employer=tab_data.employer_values(),
        person=person,
    )


def professionalisation_with_billing(dossier, *, contact, alternant) -> Dossier:
    equip_formation(dossier.formation)
    return fill(
        dossier,
        contact=contact,
        alternant=alternant,
        base=tab_data.base_values(scheme="professionalisation", alternant_birth_date="2003-11-20"),
        employer=tab_data.employer_values(billing=True, mentor2=False),
        person=tab_data.alternant_values(representative=False, nir=ADULT_NIR),
    )


def public_employer_apprenticeship(dossier, *, contact, alternant) -> Dossier:
    equip_formation(dossier.formation)
    return fill(
        dossier,
        contact=contact,
        alternant=alternant,
        base=tab_data.base_values(alternant_birth_date="2003-11-20"),
        employer=tab_data.employer_values(employer_type="22", billing=True, mentor2=False),
        person=tab_data.alternant_values(representative=False, nir=ADULT_NIR),
    )


# What a document prints for a key of dossier_data ---------------------------------------------

AMOUNT_KEYS = {
    "contrat_salaire_embauche",
    "convention_cout_formation",
    "convention_npec",
    "convention_prise_en_charge_opco",
    "convention_reste_a_charge_employeur",
}
# Answers drawn as a ticked box, not as text.
CHECK_BOX_KEYS = {"employeur_prive_public"}
NUMBER_KEYS = {"contrat_avantage_nourriture", "contrat_avantage_logement"}


def printed(key: str, value) -> str | None:
    """The value as a document prints it (no-break spaces as spaces); None for a yes/no drawn as a check box."""
    if isinstance(value, bool) or key in CHECK_BOX_KEYS:
        return None
    if key in AMOUNT_KEYS:
        result = format_amount(value)
    elif key in NUMBER_KEYS:
        result = format_number(value)
    elif "date" in key:
        result = format_date(value)
    elif key.endswith("_taux") or key.endswith("_taux_minimal") or key == "contrat_taux":
        result = format_rate(value)
    elif key.endswith("_telephone"):
        result = format_phone(value)
    elif key == "formation_rncp":
        result = str(value).upper().removeprefix("RNCP")
    else:
        result = str(value)
    return result.replace(NBSP, " ")


def missing_values(data: dict, keys, text: str) -> dict:
    """The keys whose printed value is not in the text (names may be printed in capitals)."""
    missing = {}
    for key in keys:
        if key not in data:
            continue
        expected = printed(key, data[key])
        if expected is None:
            continue
        expected = " ".join(expected.split())
        if expected not in text and expected.upper() not in text:
            missing[key] = expected
    return missing
