"""Documents produced from dossiers filled through the tab forms, read back with pdftotext.

Unlike the sample-dict tests, nothing is patched: `get_or_generate` reads `dossiers.export.dossier_data`,
so a key the export and a renderer spell differently shows up here as a value missing from the PDF.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cactus.documents import services
from cactus.documents.models import Document
from cactus.documents.official_forms import cerfa_10103_14
from cactus.documents.official_forms.synthetic import synthetic_blank
from cactus.documents.renderers.base import NBSP, format_date, format_number
from cactus.documents.tests import full_dossiers
from cactus.documents.tests.readback import flat_text, pdf_text, text_in_boxes
from cactus.dossiers.export import dossier_data
from cactus.dossiers.models import AlternantDetails, Dossier

# Keys of dossier_data the CERFA has no box for, and why.
NOT_ON_THE_CERFA = {
    "dossier_id",
    "dispositif",
    "niveau_saisie",
    "employeur_departement",  # derived from the postal code, printed there
    "employeur_idcc_libelle",  # the CERFA asks the IDCC code only
    "employeur_idcc_branche",
    "employeur_opco",  # convention only
    "formation_niveau",  # the CERFA asks the diploma type (formation_type_diplome)
    "remuneration",  # the same rows as remu_* (checked through them)
    "contrat_smc",  # the rate's base (SMIC | SMC) is printed per period
}
NOT_ON_THE_CERFA_PREFIXES = (
    "responsable_",  # the convention's signatory
    "facturation_",  # billing: convention only
    "convention_",
    "mission_",  # the La mission tab is for the formation, not the OPCO
)
# The grid has no amount column; the minimal rate is a check, not a printed value.
NOT_ON_THE_CERFA_SUFFIXES = ("_salaire_brut", "_taux_minimal")

# Professionalisation: what the official 12434*05 has no box for (read off the form and its notice 51650#09).
NOT_ON_THE_EJ20_PREFIXES = ("tuteur2_", "remu_", "lieu_formation_", "cfa_", "of_adresse_")
NOT_ON_THE_EJ20 = {
    "formation_code_diplome",  # the EJ20 asks the diploma type (diplôme ou titre visé), printed translated
    "salarie_intitule_dernier_diplome",  # the EJ20 asks the highest diploma only
    "formation_heures_distance",  # a box of the apprenticeship CERFA 10103*14 only
    "salarie_dernier_diplome_prepare",
    "salarie_derniere_classe",
    "salarie_nationalite",  # no nationalité box on 12434*05
    "salarie_regime_social",
    "salarie_ne_en_france",
    "salarie_mineur",
    "salarie_mineur_non_emancipe",
    "salarie_sportif_haut_niveau",
    "salarie_projet_creation_reprise",
    "tuteur_courriel",  # the tuteur block has nom, prénom, emploi occupé and date de naissance only
    "tuteur_diplome",
    "tuteur_niveau_diplome",
    "contrat_taux",  # no remuneration grid, only the salaire brut à l'embauche
    "contrat_caisse_retraite_complementaire",  # printed through employeur_caisse_retraite
    "contrat_duree_hebdo_minutes",  # 0: checked in the split boxes below
    "employeur_type",  # no type d'employeur / employeur spécifique on 12434*05
    "employeur_specifique",
    "employeur_prive_public",
    "of_uai",  # the organisme de formation block has dénomination, SIRET and NDA only
    "formation_date_fin",  # « date prévue de fin des épreuves »: split boxes, checked below
    "formation_date_debut",
    "formation_type_diplome",  # translated to the EJ20 code, checked below
    "salarie_situation_avant_contrat",
    "salarie_plus_haut_diplome",
    "salarie_minimum_social",
}
EJ20_SPLIT_KEYS = ("date", "courriel", "salaire_embauche")

# The convention's facts (the rest of the dossier is the CERFA's).
ON_THE_CONVENTION = [
    "cfa_denomination",
    "cfa_uai",
    "cfa_siret",
    "cfa_adresse_numero",
    "cfa_adresse_voie",
    "cfa_adresse_code_postal",
    "cfa_adresse_commune",
    "employeur_denomination",
    "employeur_siret",
    "employeur_idcc",
    "employeur_opco",
    "employeur_adresse_numero",
    "employeur_adresse_voie",
    "employeur_adresse_code_postal",
    "employeur_adresse_commune",
    "responsable_nom",
    "responsable_prenom",
    "responsable_fonction",
    "responsable_courriel",
    "responsable_telephone",
    "apprenti_nom",
    "apprenti_prenom",
    "apprenti_date_naissance",
    "salarie_nom",
    "salarie_prenom",
    "salarie_date_naissance",
    "maitre1_nom",
    "maitre1_prenom",
    "maitre2_nom",
    "maitre2_prenom",
    "tuteur_nom",
    "tuteur_prenom",
    "tuteur2_nom",
    "tuteur2_prenom",
    "contrat_date_debut",
    "contrat_date_fin",
    "formation_intitule",
    "formation_code_diplome",
    "formation_rncp",
    "formation_date_debut",
    "formation_date_fin",
    "formation_duree_heures",
    "lieu_formation_denomination",
    "lieu_formation_adresse_voie",
    "lieu_formation_adresse_code_postal",
    "lieu_formation_adresse_commune",
    "convention_cout_formation",
    "convention_npec",
    "convention_prise_en_charge_opco",
    "convention_reste_a_charge_employeur",
    "signature_lieu",
]
BILLING = [
    "facturation_denomination",
    "facturation_siret",
    "facturation_adresse",
    "facturation_code_postal",
    "facturation_commune",
    "facturation_courriel",
    "facturation_reference",
]


@pytest.fixture
def apprenticeship(dossier, employer_contact, alternant):
    return full_dossiers.apprenticeship_with_a_minor(dossier, contact=employer_contact, alternant=alternant)


@pytest.fixture
def professionalisation(dossier, employer_contact, alternant):
    return full_dossiers.professionalisation_with_billing(
        dossier, contact=employer_contact, alternant=alternant
    )


@pytest.fixture
def public_employer(dossier, employer_contact, alternant):
    return full_dossiers.public_employer_apprenticeship(
        dossier, contact=employer_contact, alternant=alternant
    )


def document_text(dossier, kind: str, by, *, layout: bool = False) -> str:
    """The stored version's text; with layout, as placed on the page (check boxes beside their caption)."""
    content = services.get_or_generate(dossier=dossier, kind=kind, by=by).file.read()
    return " ".join(pdf_text(content, layout=True).split()) if layout else flat_text(content)


def cerfa_keys(data: dict, *, professionalisation: bool = False) -> list[str]:
    prefixes = NOT_ON_THE_CERFA_PREFIXES + (NOT_ON_THE_EJ20_PREFIXES if professionalisation else ())
    excluded = NOT_ON_THE_CERFA | (NOT_ON_THE_EJ20 if professionalisation else set())
    return [
        key
        for key in data
        if key not in excluded
        and not key.startswith(prefixes)
        and not key.endswith(NOT_ON_THE_CERFA_SUFFIXES)
    ]


def test_the_apprenticeship_dossier_is_the_full_case(apprenticeship):
    data = dossier_data(apprenticeship)
    assert data["apprenti_mineur_non_emancipe"] is True
    assert data["representant_legal_meme_adresse"] is False
    assert {"maitre1_nom", "maitre2_nom"} <= data.keys()
    # R-2.2 (rules.md): the 18th birthday (14/03/2027) starts a new period the month after.
    assert (data["remu_11_date_fin"], data["remu_12_date_debut"]) == ("2027-03-31", "2027-04-01")


def test_the_apprenticeship_cerfa_prints_every_value_of_the_dossier(apprenticeship, cfa_advisor):
    data = dossier_data(apprenticeship)
    text = document_text(apprenticeship, Document.Kind.CERFA, cfa_advisor)
    printer = full_dossiers.printed_in_boxes
    assert full_dossiers.missing_values(data, cerfa_keys(data), text, printer=printer) == {}
    for expected in ["Société Méditerranéenne d'Études", "Ødegård-Lopès", "Françoise", "Benoît-Séverac"]:
        assert expected in text
    assert "04 91 00 00 00" in text and "06 12 34 56 78" in text  # stored +33…, printed national
    # 10103*14 prints each date in three boxes (day / month / year).
    assert "01 / 09 / 2026" in text and "2026-09-01" not in text
    content = services.get_or_generate(
        dossier=apprenticeship, kind=Document.Kind.CERFA, by=cfa_advisor
    ).file.read()
    boxes = text_in_boxes(content, cerfa_10103_14.FIELDS)
    # employeur privé ☒, « public » ☐; sexe M ☐, F ☒
    assert [boxes[f"Case #C3#A0 cocher {number}"] for number in (1, 2, 3, 4)] == ["X", "", "", "X"]
    assert "None" not in text


def test_the_apprenticeship_convention_prints_its_facts_and_no_billing(apprenticeship, cfa_advisor):
    data = dossier_data(apprenticeship)
    text = document_text(apprenticeship, Document.Kind.CONVENTION, cfa_advisor)
    assert full_dossiers.missing_values(data, ON_THE_CONVENTION, text) == {}
    assert "8 450,00 €" in text and "7 600,00 €" in text and "850,00 €" in text
    assert "(MÜLLER Noël et ØDEGÅRD-LOPÈS Anaïs)" in text
    # R-8.1 (rules.md): no billing information for a private apprenticeship (the tab keeps none).
    assert not [key for key in data if key.startswith("facturation_")]
    assert "Informations de facturation" not in text
    assert "None" not in text


def test_the_professionalisation_cerfa_prints_every_value_of_the_dossier(professionalisation, cfa_advisor):
    data = dossier_data(professionalisation)
    text = document_text(professionalisation, Document.Kind.CERFA, cfa_advisor)
    assert "Contrat de professionnalisation" in text and "N° 12434*05" in text
    keys = [
        key
        for key in cerfa_keys(data, professionalisation=True)
        if not any(part in key for part in EJ20_SPLIT_KEYS)
    ]
    missing = full_dossiers.missing_values(data, keys, text)
    assert missing == {}, " ".join(sorted(missing))
    layout = document_text(professionalisation, Document.Kind.CERFA, cfa_advisor, layout=True)
    # Dates in three boxes, e-mails around the printed « @ », salary in euros and centimes.
    for key in (
        "salarie_date_naissance",
        "contrat_date_debut",
        "contrat_date_fin",
        "contrat_date_conclusion",
    ):
        assert format_date(data[key]).replace("/", " / ") in layout, key
    for key in ("employeur_courriel", "salarie_courriel"):
        local, domain = data[key].split("@")
        assert local in text and f"@ {domain}" in layout, key
    euros, cents = format_number(data["contrat_salaire_embauche"]).replace(NBSP, " ").split(",")
    assert f"{euros} , {cents} €" in layout
    # contrat_nature "1" (CDD) and Particulier-employeur « Non » from the tabs, ticked with an X.
    assert "CDI X CDD travail temporaire" in layout
    assert "Particulier-employeur : oui X non" in layout
    assert "Inscrit à France Travail : oui X non" in layout
    # Notice 51650#09's codes: highest diploma 42 (bac général) is 42, situation 1 (scolaire) is 1.
    assert (
        "Diplôme ou titre le plus élevé obtenu : 42" in layout and "Situation avant ce contrat : 1" in layout
    )
    assert "Type de contrat : 11" in layout and "Type qualification visée : 1" in layout
    assert "None" not in text


def test_the_professionalisation_convention_prints_the_billing_information(professionalisation, cfa_advisor):
    # R-8.1 (rules.md): every contrat de professionnalisation gives billing information.
    data = dossier_data(professionalisation)
    text = document_text(professionalisation, Document.Kind.CONVENTION, cfa_advisor)
    assert full_dossiers.missing_values(data, ON_THE_CONVENTION + BILLING, text) == {}
    assert "Société Méditerranéenne d'Études – comptabilité" in text
    assert "BC-2026-117" in text
    assert "Montant de prise en charge de l'OPCO 7 600,00 €" in text and "NPEC" not in text


def test_a_public_employer_s_documents_carry_billing_and_no_opco_funding(public_employer, cfa_advisor):
    data = dossier_data(public_employer)
    assert data["employeur_prive_public"] == "public"
    cerfa = document_text(public_employer, Document.Kind.CERFA, cfa_advisor)
    content = services.get_or_generate(
        dossier=public_employer, kind=Document.Kind.CERFA, by=cfa_advisor
    ).file.read()
    boxes = text_in_boxes(content, cerfa_10103_14.FIELDS)
    # employeur privé ☐, employeur « public » ☒
    assert (boxes["Case #C3#A0 cocher 1"], boxes["Case #C3#A0 cocher 2"]) == ("", "X")
    printer = full_dossiers.printed_in_boxes
    assert full_dossiers.missing_values(data, cerfa_keys(data), cerfa, printer=printer) == {}
    convention = document_text(public_employer, Document.Kind.CONVENTION, cfa_advisor)
    assert full_dossiers.missing_values(data, ON_THE_CONVENTION + BILLING, convention) == {}
    assert "Pris en charge par l'OPCO 0,00 €" in convention
    assert "Reste à la charge de l'employeur 8 450,00 €" in convention


@pytest.mark.parametrize("kind", [Document.Kind.CALENDAR, Document.Kind.PROGRAMME])
def test_the_calendar_and_programme_name_the_alternant_and_the_formation(apprenticeship, cfa_advisor, kind):
    formation = apprenticeship.formation
    formation.periods.create(place="cfa", start_date="2026-09-07", end_date="2026-09-25", label="Rentrée")
    formation.modules.create(position=1, title="Génie logiciel", hours=120)
    text = document_text(apprenticeship, kind, cfa_advisor)
    for expected in [
        formation.title,
        "BENOÎT Chloé",
        "du 07/09/2026 au 31/08/2027",
        "Campus Saint-Charles – Université d'Aix-Marseille, 3 place Victor Hugo, 13003 Marseille",
        "Rentrée" if kind == Document.Kind.CALENDAR else "Génie logiciel",
    ]:
        assert expected in text


def test_with_an_uploaded_official_blank_the_cerfa_is_that_blank_filled_and_flattened(
    apprenticeship, cfa_advisor, cfa_admin
):
    own = document_text(apprenticeship, Document.Kind.CERFA, cfa_advisor)
    assert "Rendu par Cactus" in own
    own_content = services.render_bytes(dossier=apprenticeship, kind=Document.Kind.CERFA)
    blank = synthetic_blank(cerfa_10103_14.FIELD_MAP)
    services.upload_official_blank(
        uploaded=SimpleUploadedFile("cerfa.pdf", blank, content_type="application/pdf"), by=cfa_admin
    )
    content = services.get_or_generate(
        dossier=apprenticeship, kind=Document.Kind.CERFA, by=cfa_advisor
    ).file.read()
    text = flat_text(content)
    assert "imitant le CERFA n° 10103*14" in text and "Rendu par Cactus" not in text
    # The same boxes hold the same values as in Cactus's own rendition (checked value by value above).
    assert text_in_boxes(content, cerfa_10103_14.FIELDS) == text_in_boxes(own_content, cerfa_10103_14.FIELDS)
    boxes = text_in_boxes(content, cerfa_10103_14.FIELDS)
    assert boxes["Zone de texte 8_102"] == "120"  # the formation's hours of distance training


def test_a_professionalisation_dossier_with_a_code_of_the_12_table_keeps_its_ej20_row(
    professionalisation, cfa_advisor
):
    # Notice 51650#09 (12434*05) still has 12 « Master 2 recherche » and 11 « diplôme grande école »:
    # a stored *12 code (72, 74) prints that row, not the *14 apprenticeship table's « autre bac+5 ».
    AlternantDetails.objects.filter(dossier=professionalisation).update(highest_diploma="72")
    dossier = Dossier.objects.get(pk=professionalisation.pk)
    assert dossier_data(dossier)["salarie_plus_haut_diplome"] == "72"
    layout = document_text(dossier, Document.Kind.CERFA, cfa_advisor, layout=True)
    assert "Diplôme ou titre le plus élevé obtenu : 12" in layout
