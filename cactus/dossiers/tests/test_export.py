import json

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
    assert data["remu_12_taux"] == "43.00"
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
