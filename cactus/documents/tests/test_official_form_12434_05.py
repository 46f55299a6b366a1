"""Official-form mode for 12434*05: a synthetic blank with the official fields is recognised, filled, flattened."""

import io
from datetime import date

from pypdf import PdfReader

from cactus.documents.official_forms import cerfa_12434_05, filling, registry
from cactus.documents.official_forms.maps import CHECK
from cactus.documents.renderers import cerfa_12434_05_layout as layout
from cactus.documents.tests import samples
from cactus.documents.tests.official_blanks import synthetic_blank
from cactus.documents.tests.readback import flat_text, pdf_text


def test_the_map_has_the_114_official_fields_with_their_rectangles():
    fields = cerfa_12434_05.FIELD_MAP.by_name
    assert len(fields) == 114 and sum(field.kind == CHECK for field in fields.values()) == 20
    assert fields["Zone de texte 8_18"].rect == (183.2, 448.8, 558.3, 462.7)  # Nom de naissance du salarié
    assert fields["Case #C3#A0 cocher 1_15"].page == 2  # Nature du contrat : travail temporaire


def test_a_blank_with_the_official_fields_is_recognised_as_12434_05():
    blank = synthetic_blank(cerfa_12434_05.FIELD_MAP)
    assert registry.recognise(blank).number == "12434*05"


def test_12434_05_is_the_professionalisation_form_in_force():
    assert registry.map_in_force("professionnalisation", on=date(2026, 9, 1)).number == "12434*05"
    assert registry.map_in_force("apprentissage", on=date(2026, 9, 1)).number != "12434*05"


def test_every_value_of_the_map_names_a_field_of_the_right_kind():
    values = cerfa_12434_05.FIELD_MAP.field_values(
        samples.professionalisation(employeur_particulier=False, contrat_classification="Technicien")
    )
    assert values["Zone de texte 8_91"] == "Technicien"
    assert values["Case #C3#A0 cocher 1_2"] is True


def test_the_filled_official_form_is_flat_and_reads_back_the_dossier():
    data = samples.professionalisation(
        employeur_particulier=False,
        salarie_situation_avant_contrat="11",
        contrat_nature="1",
        contrat_type="11",
        contrat_classification="Technicien de production",
    )
    filled = filling.fill(synthetic_blank(cerfa_12434_05.FIELD_MAP), cerfa_12434_05.FIELD_MAP, data)
    reader = PdfReader(io.BytesIO(filled))
    assert "/AcroForm" not in reader.trailer["/Root"]
    assert not [annotation for page in reader.pages for annotation in page.get("/Annots") or []]
    text = flat_text(filled)
    for value in [
        "Boulangerie Lefèvre & Fils – Cœur de Provence",
        "Benoît",
        "1990613055045",
        "Technicien de production",
    ]:
        assert value in text
    layout_text = " ".join(pdf_text(filled, layout=True).split())
    assert (
        "02 06 1999" in layout_text
    )  # date de naissance, day / month / year boxes (slashes are the blank's)
    # Notice 51650#09: situation 9 « Personne à la recherche d'un emploi » (FA13 11).
    assert "9" in text.split()


def test_the_filled_official_form_puts_each_value_inside_its_field():
    from cactus.documents.tests.test_cerfa_professionnalisation import words_with_boxes

    tokens = {
        name: f"Q{index}" for index, (name, field) in enumerate(layout.FIELDS.items()) if field.kind == "text"
    }
    field_map = cerfa_12434_05.FIELD_MAP
    stub = type(field_map)(**{**field_map.__dict__, "values": lambda data: tokens})
    filled = filling.fill(synthetic_blank(field_map), stub, {})
    placed = {word: (page, x1, y1, x2, y2) for page, word, x1, y1, x2, y2 in words_with_boxes(filled)}
    for name, token in tokens.items():
        page, x1, y1, x2, y2 = placed[token]
        left, bottom, right, top = layout.FIELDS[name].rect
        assert page == layout.FIELDS[name].page and left <= x1 and x2 <= right + 0.5, name
        assert bottom - 1 <= y1 and y2 <= top + 1, name
