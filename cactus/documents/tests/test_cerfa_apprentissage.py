import pytest
import time_machine

from cactus.documents.exceptions import DocumentError
from cactus.documents.renderers import base, cerfa_apprentissage
from cactus.documents.tests import samples
from cactus.documents.tests.readback import assert_a4_pages, flat_text, pdf_text


def printed(key: str, value) -> str:
    """How the CERFA prints a value of the dict."""
    if "date" in key:
        return base.format_date(value)
    if key == "contrat_salaire_embauche":
        return base.format_amount(value).replace("\u00a0", " ")
    if key.startswith("contrat_avantage_"):
        return base.format_number(value).replace("\u00a0", " ")
    if key == "formation_rncp":
        return value.removeprefix("RNCP")
    if key == "representant_legal_nom":
        return value.upper()
    return str(value)


def cerfa_values(data: dict) -> dict[str, str]:
    skipped = samples.NOT_ON_CERFA | {
        key for key in data if key.startswith(("responsable_", "facturation_", "convention_"))
    }
    return {
        key: printed(key, value)
        for key, value in data.items()
        if key not in skipped and not isinstance(value, bool) and value not in ("", None)
    }


def test_every_value_of_a_full_dossier_is_read_back_with_its_accents():
    data = samples.apprenticeship()
    text = flat_text(cerfa_apprentissage.render(data))
    missing = {key: value for key, value in cerfa_values(data).items() if value not in text}
    assert missing == {}
    assert "Élodie" in text and "Cœur de Provence" in text and "rue de l'Œillet" in text and "Lefèvre" in text


def test_short_codes_are_read_back_beside_their_label():
    text = flat_text(cerfa_apprentissage.render(samples.apprenticeship()))
    for expected in [
        "Mode contractuel de l'apprentissage : 1",
        "Type d'employeur : 12",
        "Employeur spécifique : 0",
        "Code activité de l'entreprise (NAF) : 10.71C",
        "Nationalité : 1",
        "Régime social : 2",
        "Situation avant ce contrat : 1",
        "Dernière classe / année suivie : 01",
        "Type de contrat ou d'avenant : 11",
        "Diplôme ou titre visé par l'apprenti : 33",
        "Code RNCP : 37859",
        "Salaire brut mensuel à l'embauche : 492,22 €",
        "Nom de naissance et prénom : DUPRÉ Benoît",
        "Fait à : Marseille",
    ]:
        assert expected in text


def test_the_remuneration_grid_shows_the_birthday_split_in_the_first_year():
    # R-2.x (rules.md): the rate rises on the 1st of the month after the 18th birthday.
    text = " ".join(pdf_text(cerfa_apprentissage.render(samples.apprenticeship()), layout=True).split())
    assert (
        "1re année, du 01/09/2026 au 31/05/2027 : 27 % du SMIC * ; du 01/06/2027 au 31/08/2027 : 43 % du SMIC"
        in text
    )
    assert "2e année, du 01/09/2027 au 31/08/2028 : 51 % du SMIC" in text


def test_check_boxes_are_drawn_checked_or_not():
    text = " ".join(pdf_text(cerfa_apprentissage.render(samples.apprenticeship()), layout=True).split())
    assert "☒ employeur privé ☐ employeur « public »*" in text
    assert "☐M ☒F" in text
    assert "Travail sur machines dangereuses ou exposition à des risques particuliers : ☒ oui ☐ non" in text
    assert "CFA d'entreprise : ☐ oui ☒ non" in text
    # A question nobody answered ticks neither box.
    unanswered = " ".join(
        pdf_text(
            cerfa_apprentissage.render(samples.apprenticeship(contrat_travail_risque=None)), layout=True
        ).split()
    )
    assert "risques particuliers : ☐ oui ☐ non" in unanswered


def test_the_document_is_two_a4_pages():
    assert_a4_pages(cerfa_apprentissage.render(samples.apprenticeship()), 2)


def test_a_missing_optional_value_leaves_the_box_empty_never_none():
    data = samples.apprenticeship(apprenti_nom_usage=None, maitre2_nom=None, contrat_avantage_logement=None)
    del data["maitre2_prenom"]
    text = flat_text(cerfa_apprentissage.render(data))
    assert "None" not in text
    assert "Nom d'usage : Le premier prénom" in text


def test_the_place_of_training_is_left_empty_when_it_is_the_cfa():
    data = samples.apprenticeship(lieu_formation_meme_que_cfa=True)
    text = flat_text(cerfa_apprentissage.render(data))
    assert "Lycée Adam de Craponne" not in text


def test_billing_and_convention_data_never_appear_on_the_cerfa():
    text = flat_text(cerfa_apprentissage.render(samples.apprenticeship()))
    for value in ("Lefèvre Holding Facturation", "81234567800019", "BC-2026-0042", "13 400,00"):
        assert value not in text


def test_a_value_too_long_for_its_box_is_shrunk_or_wrapped_not_cut():
    long_name = "Société coopérative ouvrière de production des boulangers-pâtissiers réunis de Provence-Alpes-Côte d'Azur et de Corse"
    text = flat_text(cerfa_apprentissage.render(samples.apprenticeship(employeur_denomination=long_name)))
    assert long_name in text


def test_a_value_that_cannot_fit_is_refused_with_a_message_saying_which_box():
    with pytest.raises(DocumentError, match="trop longue pour la case « Voie »"):
        cerfa_apprentissage.render(samples.apprenticeship(apprenti_adresse_voie="chemin " * 60))


def test_more_than_two_periods_in_a_year_cannot_be_written_on_the_form():
    rows = samples.apprenticeship()["remuneration"]
    rows.append(
        {"annee": 1, "du": "2027-08-01", "au": "2027-08-31", "taux": 53, "base": "SMIC", "montant": "1"}
    )
    with pytest.raises(DocumentError, match="plus de 2 périodes"):
        cerfa_apprentissage.render(samples.apprenticeship(remuneration=rows))


def test_the_same_data_give_the_same_bytes_whenever_they_are_rendered():
    with time_machine.travel("2026-09-01 10:00", tick=False):
        first = cerfa_apprentissage.render(samples.apprenticeship())
    with time_machine.travel("2031-01-15 18:30", tick=False):
        later = cerfa_apprentissage.render(samples.apprenticeship())
    assert first == later


def test_missing_fonts_are_reported_with_the_package_to_install(monkeypatch, tmp_path):
    monkeypatch.setattr(base, "FONT_DIR", tmp_path)
    with pytest.raises(DocumentError, match="fonts-dejavu-core"):
        base.font_path(base.REGULAR)


def test_french_formats_for_dates_amounts_and_rates():
    assert base.format_date("2027-05-31") == "31/05/2027"
    assert base.format_date(None) == ""
    assert base.format_amount("1234.56") == "1\u00a0234,56\u00a0€"
    assert base.format_amount("") == ""
    assert base.format_rate("53.5") == "53,5" and base.format_rate(43) == "43"
    with pytest.raises(DocumentError, match="Montant illisible"):
        base.format_amount("mille euros")


def test_phones_stored_in_the_international_form_are_printed_as_national_numbers():
    # R-13.6 (rules.md) stores +33 and 9 digits; the CERFA's boxes expect 0X XX XX XX XX.
    assert base.format_phone("+33612345678") == "06 12 34 56 78"
    assert base.format_phone("+37793150000") == "+37793150000"  # not French: as stored
    assert base.format_phone(None) == ""


def test_a_representative_living_with_the_apprentice_gets_the_apprentice_address():
    data = samples.apprenticeship(representant_legal_meme_adresse=True)
    layout = " ".join(pdf_text(cerfa_apprentissage.render(data), layout=True).split())
    representative_block = layout.split("Adresse du représentant légal :")[1]
    assert "chemin des Pénitents" in representative_block
    assert "boulevard Mirabeau" not in layout
