import json
from datetime import date
from decimal import Decimal

from django.core.management import call_command

from cactus.dossiers.export import dossier_data


def test_the_export_uses_the_cerfa_keys_with_iso_dates_and_string_amounts(complete_dossier):
    data = dossier_data(complete_dossier)

    assert data["dispositif"] == "apprentissage"
    assert data["employeur_siret"] == "73282932000074"
    assert data["employeur_idcc"] == "1486"
    assert data["employeur_opco"] == "ATLAS"
    assert data["apprenti_nom"] == "Benoît"
    assert data["apprenti_date_naissance"] == "2009-03-14"
    assert data["apprenti_mineur"] is True
    assert data["representant_legal_prenom"] == "Françoise"
    assert data["maitre1_nom"] == "Müller"
    assert data["maitre2_prenom"] == "Anaïs"
    assert data["contrat_date_debut"] == "2026-09-01"
    assert data["remu_11_date_fin"] == "2027-03-31"
    assert data["remu_12_taux"] == "51.00"  # licence pro: 2nd-year rate at 18 (D6222-32)
    assert data["remuneration"][0]["montant"] == data["remu_11_salaire_brut"]
    assert data["contrat_salaire_embauche"] == data["remu_11_salaire_brut"]
    assert data["signature_lieu"] == "Marseille"
    assert data["employeur_attestation_pieces"] is True
    assert data["formation_type_diplome"] == "62"  # code diplôme 250… → licence professionnelle


def test_values_not_entered_are_left_out(complete_dossier):
    data = dossier_data(complete_dossier)
    assert "apprenti_nom_usage" not in data
    assert "facturation_denomination" not in data
    assert "contrat_type_derogation" not in data


def test_the_command_prints_the_export_as_json(complete_dossier, capsys):
    call_command("export_dossier", str(complete_dossier.pk))
    printed = json.loads(capsys.readouterr().out)
    assert printed["apprenti_prenom"] == "Chloé"


def test_the_cfa_is_named_from_the_settings(complete_dossier, settings):
    settings.CFA_UAI, settings.CFA_SIRET, settings.CFA_CITY = "0561910X", "13002609900015", "Vannes"
    data = dossier_data(complete_dossier)
    assert (data["cfa_uai"], data["cfa_siret"], data["cfa_adresse_commune"]) == (
        "0561910X",
        "13002609900015",
        "Vannes",
    )


def test_a_formation_without_a_site_of_its_own_takes_place_at_the_cfa(complete_dossier):
    complete_dossier.formation.site_name = ""
    complete_dossier.formation.save()
    data = dossier_data(complete_dossier)
    assert data["lieu_formation_meme_que_cfa"] is True
    assert not [
        key for key in data if key.startswith("lieu_formation_") and key != "lieu_formation_meme_que_cfa"
    ]


def test_the_site_address_is_exported_when_the_formation_names_a_site(complete_dossier):
    formation = complete_dossier.formation
    formation.site_street, formation.site_postal_code, formation.site_city = (
        "3 place Victor Hugo",
        "13003",
        "Marseille",
    )
    formation.save()
    data = dossier_data(complete_dossier)
    assert data["lieu_formation_meme_que_cfa"] is False
    assert data["lieu_formation_adresse_voie"] == "3 place Victor Hugo"
    assert data["lieu_formation_adresse_code_postal"] == "13003"


def test_the_opco_pays_up_to_the_npec_and_the_employer_the_rest(complete_dossier):
    formation = complete_dossier.formation
    formation.annual_cost, formation.npec = Decimal("8450"), Decimal("7600")
    formation.save()
    data = dossier_data(complete_dossier)
    assert data["convention_cout_formation"] == "8450.00"
    assert data["convention_npec"] == "7600.00"
    assert data["convention_prise_en_charge_opco"] == "7600.00"
    assert data["convention_reste_a_charge_employeur"] == "850.00"


def test_a_cost_below_the_npec_leaves_nothing_to_the_employer(complete_dossier):
    formation = complete_dossier.formation
    formation.annual_cost, formation.npec = Decimal("6000"), Decimal("7600")
    formation.save()
    data = dossier_data(complete_dossier)
    assert (data["convention_prise_en_charge_opco"], data["convention_reste_a_charge_employeur"]) == (
        "6000.00",
        "0.00",
    )


def test_without_a_known_npec_only_the_cost_is_exported(complete_dossier):
    complete_dossier.formation.annual_cost = Decimal("8450")
    complete_dossier.formation.save()
    data = dossier_data(complete_dossier)
    assert data["convention_cout_formation"] == "8450.00"
    assert "convention_prise_en_charge_opco" not in data
    assert "convention_reste_a_charge_employeur" not in data


def test_a_public_employer_pays_the_whole_cost(complete_dossier):
    formation = complete_dossier.formation
    formation.annual_cost, formation.npec = Decimal("8450"), Decimal("7600")
    formation.save()
    complete_dossier.employer.employer_type = "22"
    complete_dossier.employer.save()
    data = dossier_data(complete_dossier)
    assert (data["convention_prise_en_charge_opco"], data["convention_reste_a_charge_employeur"]) == (
        "0.00",
        "8450.00",
    )


def test_a_level_6_apprenticeship_concluded_since_july_2025_owes_the_employer_participation(complete_dossier):
    # L6332-14, R6332-25-1 (décret 2025-585, contracts concluded from 01/07/2025): 750 € for a diploma
    # or title of level 6 or more — here a licence professionnelle concluded on 01/07/2026.
    assert complete_dossier.formation.level == "6"
    assert dossier_data(complete_dossier)["convention_participation_employeur"] == "750.00"


def test_no_employer_participation_below_level_6_or_before_july_2025(complete_dossier):
    # R6332-25-1: level 6 or more only; décret 2025-585 art. 2: contracts concluded from 01/07/2025.
    formation = complete_dossier.formation
    formation.level = "5"
    formation.save()
    assert "convention_participation_employeur" not in dossier_data(complete_dossier)

    formation.level = "6"
    formation.save()
    complete_dossier.contract.conclusion_date = date(2025, 6, 30)
    complete_dossier.contract.save()
    assert "convention_participation_employeur" not in dossier_data(complete_dossier)


def test_a_formation_given_at_80_percent_at_a_distance_lowers_the_npec_by_20_percent(complete_dossier):
    # L6332-14, décret 2025-586 (contracts concluded from 01/07/2025): NPEC − 20 % from 80 % of the
    # hours at a distance; the convention states the share.
    formation = complete_dossier.formation
    formation.annual_cost, formation.npec = Decimal("8450"), Decimal("7600")
    formation.duration_hours, formation.distance_hours = 450, 360
    formation.save()
    data = dossier_data(complete_dossier)
    assert data["convention_part_distance"] == "80"
    assert data["convention_npec_minore"] == "6080.00"
    assert data["convention_prise_en_charge_opco"] == "6080.00"
    assert data["convention_reste_a_charge_employeur"] == "2370.00"


def test_the_distance_reduction_stops_at_4000_euros_and_needs_80_percent(complete_dossier):
    # Décret 2025-586: "le montant minoré … ne peut être inférieur à 4 000 €"; below 80 % no reduction.
    formation = complete_dossier.formation
    formation.annual_cost, formation.npec = Decimal("4800"), Decimal("4800")
    formation.duration_hours, formation.distance_hours = 450, 450
    formation.save()
    assert dossier_data(complete_dossier)["convention_npec_minore"] == "4000.00"

    formation.distance_hours = 359  # 79.8 %
    formation.save()
    data = dossier_data(complete_dossier)
    assert data["convention_part_distance"] == "79"
    assert "convention_npec_minore" not in data
    assert data["convention_prise_en_charge_opco"] == "4800.00"
