import io

import pytest
import time_machine
from pypdf import PdfReader

from cactus.documents.exceptions import DocumentError
from cactus.documents.official_forms.cerfa_10103_14 import FIELD_MAP, FIELDS
from cactus.documents.official_forms.maps import amount_parts, date_parts
from cactus.documents.renderers import base, cerfa_apprentissage
from cactus.documents.tests import samples
from cactus.documents.tests.readback import assert_a4_pages, flat_text, text_in_boxes


def printed(key: str, value) -> str:
    """How the CERFA 10103*14 prints a value of the dict (read back by pdftotext, boxes in reading order)."""
    if "date" in key:
        return " / ".join(date_parts(value))
    if key == "contrat_salaire_embauche" or key.startswith("contrat_avantage_"):
        return " , ".join(amount_parts(value)).replace("\u00a0", " ")
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


def boxes_of(data: dict) -> dict[str, str]:
    return text_in_boxes(cerfa_apprentissage.render(data), FIELDS)


def box(label: str) -> str:
    """The field name of the box whose printed label is `label` (exactly one)."""
    names = [field.name for field in FIELDS if field.label == label]
    assert len(names) == 1, names
    return names[0]


def test_the_rendition_is_version_10103_14_with_the_ministry_block_and_the_notice_51649_09():
    text = flat_text(cerfa_apprentissage.render(samples.apprenticeship()))
    assert "N° 10103*14" in text and "10103*12" not in text
    assert "MINISTÈRE DU TRAVAIL, DE LA SANTÉ, DES SOLIDARITÉS ET DES FAMILLES" in text
    assert "reportez-vous à la notice N°51649#09" in text
    assert "FA 14" not in text  # the *12 footer


def test_every_value_of_a_full_dossier_is_read_back_with_its_accents():
    data = samples.apprenticeship()
    text = flat_text(cerfa_apprentissage.render(data))
    missing = {key: value for key, value in cerfa_values(data).items() if value not in text}
    assert missing == {}
    assert "Élodie" in text and "Cœur de Provence" in text and "rue de l'Œillet" in text and "Lefèvre" in text


def test_every_box_holds_its_own_value_and_nothing_else():
    data = samples.apprenticeship()
    expected = {name: "" for name in FIELD_MAP.by_name}
    for name, value in FIELD_MAP.field_values(data).items():
        expected[name] = ("X" if value else "") if isinstance(value, bool) else value
    assert boxes_of(data) == expected


def test_short_codes_are_in_the_box_beside_their_label():
    boxes = boxes_of(samples.apprenticeship())
    assert boxes[box("Mode contractuel de l'apprentissage (code 1-4)")] == "1"
    assert boxes[box("Type d'employeur (code)")] == "12"
    assert boxes[box("Employeur spécifique (code)")] == "0"
    assert boxes[box("Code activité de l'entreprise (APE)")] == "10.71C"
    assert boxes[box("Nationalité (code)")] == "1"
    assert boxes[box("Régime social (code)")] == "2"
    assert boxes[box("Situation avant ce contrat (code)")] == "1"
    assert boxes[box("Dernière classe / année suivie (code)")] == "01"
    assert boxes[box("Type de contrat ou d'avenant (code)")] == "11"
    assert boxes[box("Diplôme ou titre visé par l'apprenti (code)")] == "33"
    assert boxes[box("Code RNCP")] == "37859"
    assert boxes[box("Représentant légal : Nom de naissance et prénom")] == "DUPRÉ Benoît"
    assert boxes[box("Fait à")] == "Marseille"


def test_dates_are_split_in_day_month_and_year_boxes():
    boxes = boxes_of(samples.apprenticeship())
    birth = [box(f"Date de naissance ({part})") for part in ("jour", "mois", "année")]
    assert [boxes[name] for name in birth] == ["20", "05", "2009"]


def test_amounts_are_split_in_euros_and_centimes_boxes():
    boxes = boxes_of(
        samples.apprenticeship(contrat_salaire_embauche="1234.5", contrat_avantage_nourriture="4")
    )
    assert boxes[box("Salaire brut mensuel à l'embauche — euros")] == "1 234"
    assert boxes[box("Salaire brut — centimes")] == "50"
    assert boxes[box("Avantages en nature : Nourriture — euros / repas")] == "4"
    assert boxes[box("Nourriture — centimes")] == "00"


def test_the_remuneration_grid_shows_the_birthday_split_in_the_first_year():
    # R-2.x (rules.md): the rate rises on the 1st of the month after the 18th birthday.
    boxes = boxes_of(samples.apprenticeship())
    first_year = [f"Zone de texte 21_{number}" for number in range(81, 93)]
    assert [boxes[name] for name in first_year] == (
        ["01", "09", "2026", "31", "05", "2027", "01", "06", "2027", "31", "08", "2027"]
    )
    assert [boxes[name] for name in ("Zone de texte 8_95", "Zone de texte 8_96")] == ["27", "SMIC"]
    assert [boxes[name] for name in ("Zone de texte 8_97", "Zone de texte 8_98")] == ["43", "SMIC"]
    assert [boxes[name] for name in ("Zone de texte 8_56", "Zone de texte 8_57")] == ["51", "SMIC"]


def test_check_boxes_are_ticked_or_not():
    boxes = boxes_of(samples.apprenticeship())
    assert (boxes[box("employeur privé")], boxes[box("employeur « public »*")]) == ("X", "")
    assert (boxes[box("Sexe M")], boxes[box("Sexe F")]) == ("", "X")
    risk = (
        box("Travail sur machines dangereuses / risques particuliers — Oui"),
        box("Machines dangereuses — Non"),
    )
    assert (boxes[risk[0]], boxes[risk[1]]) == ("X", "")
    assert (boxes[box("CFA d'entreprise — Oui")], boxes[box("CFA d'entreprise — Non")]) == ("", "X")
    # A question nobody answered ticks neither box.
    unanswered = boxes_of(samples.apprenticeship(contrat_travail_risque=None))
    assert (unanswered[risk[0]], unanswered[risk[1]]) == ("", "")


RQTH_BOXES = (
    "Case #C3#A0 cocher 5_5",  # Équivalence jeunes — Oui
    "Case #C3#A0 cocher 5_6",  # Équivalence jeunes — Non
    "Case #C3#A0 cocher 5_7",  # Extension BOE — Oui
    "Case #C3#A0 cocher 5_8",  # Extension BOE — Non
)


def test_an_apprentice_without_rqth_answers_equivalence_jeunes_and_extension_boe():
    # Notice 51649#09 p. 4; art. L5213-2 (équivalence jeunes) and L5212-13-1 (extension BOE) du code du travail.
    data = samples.apprenticeship(
        apprenti_rqth=False, apprenti_rqth_equivalence_jeunes=True, apprenti_rqth_extension_boe=False
    )
    boxes = boxes_of(data)
    assert [boxes[name] for name in RQTH_BOXES] == ["X", "", "", "X"]
    text = flat_text(cerfa_apprentissage.render(data))
    assert "Si non, bénéficiez-vous de droits attachés à la RQTH**" in text
    assert "Équivalence jeunes" in text and "Extension BOE" in text


def test_an_apprentice_who_declares_a_rqth_leaves_the_two_questions_unanswered():
    # "Si non, bénéficiez-vous de droits attachés à la RQTH" (notice 51649#09 p. 4): asked only without RQTH.
    boxes = boxes_of(
        samples.apprenticeship(
            apprenti_rqth=True, apprenti_rqth_equivalence_jeunes=True, apprenti_rqth_extension_boe=True
        )
    )
    assert [boxes[name] for name in RQTH_BOXES] == ["", "", "", ""]
    assert (boxes["Case #C3#A0 cocher 5_3"], boxes["Case #C3#A0 cocher 5_4"]) == ("X", "")


def test_the_hours_of_distance_training_are_in_their_own_box():
    # New in 10103*14 (notice 51649#09): "Dont … heures de formation à distance".
    data = samples.apprenticeship(formation_heures_distance=120)
    boxes = boxes_of(data)
    assert boxes["Zone de texte 8_102"] == "120"
    assert boxes[box("Durée de la formation — heures")] == "800"
    assert "heures de formation à distance" in flat_text(cerfa_apprentissage.render(data))


def fonts_of(content: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(content))
    return {
        str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }


def test_only_standard_fonts_are_used_unless_a_value_needs_dejavu():
    # Embedding four DejaVu faces made the CERFA ~3x a bare canvas (docs/bench.md).
    standard = fonts_of(cerfa_apprentissage.render(samples.apprenticeship()))
    assert standard <= {
        "Helvetica",
        "Helvetica-Bold",
        "Helvetica-Oblique",
        "Helvetica-BoldOblique",
        "Times-Bold",
    }
    polish = cerfa_apprentissage.render(samples.apprenticeship(apprenti_prenom="Łucja"))
    assert "DejaVuSans" in fonts_of(polish)
    assert "Łucja" in flat_text(polish)


def test_the_document_is_two_a4_pages():
    assert_a4_pages(cerfa_apprentissage.render(samples.apprenticeship()), 2)


def test_a_missing_optional_value_leaves_the_box_empty_never_none():
    data = samples.apprenticeship(apprenti_nom_usage=None, maitre2_nom=None, contrat_avantage_logement=None)
    del data["maitre2_prenom"]
    text = flat_text(cerfa_apprentissage.render(data))
    assert "None" not in text
    boxes = boxes_of(data)
    assert boxes[box("Nom d'usage")] == "" and boxes[box("MA n°2 Prénom")] == ""


def test_the_place_of_training_is_left_empty_when_it_is_the_cfa():
    data = samples.apprenticeship(lieu_formation_meme_que_cfa=True)
    text = flat_text(cerfa_apprentissage.render(data))
    assert "Lycée Adam de Craponne" not in text
    assert (
        boxes_of(data)[box("Si le CFA responsable est le lieu de formation principal, cochez la case")] == "X"
    )


def test_billing_and_convention_data_never_appear_on_the_cerfa():
    text = flat_text(cerfa_apprentissage.render(samples.apprenticeship()))
    for value in ("Lefèvre Holding Facturation", "81234567800019", "BC-2026-0042", "13 400,00"):
        assert value not in text


def test_a_value_too_long_for_its_box_is_shrunk_or_wrapped_not_cut():
    long_name = "Société coopérative ouvrière de production des boulangers-pâtissiers réunis de Provence-Alpes-Côte d'Azur et de Corse"
    text = flat_text(cerfa_apprentissage.render(samples.apprenticeship(employeur_denomination=long_name)))
    assert long_name in text


def test_a_value_that_cannot_fit_is_refused_with_a_message_saying_which_box():
    with pytest.raises(DocumentError, match="trop longue pour la case « Adresse — Voie »"):
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
    boxes = boxes_of(data)
    assert boxes[box("Représentant — Voie")] == "chemin des Pénitents"
    assert "boulevard Mirabeau" not in flat_text(cerfa_apprentissage.render(data))
