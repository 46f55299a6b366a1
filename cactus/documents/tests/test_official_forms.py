"""The "official form" mode: recognise an uploaded blank by its fields, fill it from the field map, flatten it.

The official PDFs are not in the project: the blanks here are synthetic AcroForms with the official field
names and rectangles (`official_forms.synthetic.synthetic_blank`), read back with pypdf and pdftotext.
"""

import io
from dataclasses import replace
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from cactus.documents import services
from cactus.documents.exceptions import DocumentError
from cactus.documents.models import OfficialFormBlank
from cactus.documents.official_forms import filling, registry
from cactus.documents.official_forms.cerfa_10103_14 import FIELD_MAP, FIELDS
from cactus.documents.official_forms.synthetic import synthetic_blank
from cactus.documents.tests import samples
from cactus.documents.tests.pdfs import pdf_bytes
from cactus.documents.tests.readback import flat_text, text_in_boxes

DATA = samples.apprenticeship(
    apprenti_rqth=False,
    apprenti_rqth_equivalence_jeunes=False,
    apprenti_rqth_extension_boe=True,
    formation_heures_distance=120,
)


@pytest.fixture(scope="module")
def blank() -> bytes:
    return synthetic_blank(FIELD_MAP)


def test_a_blank_with_the_216_fields_of_10103_14_at_their_places_is_recognised(blank):
    assert registry.recognise(blank) is FIELD_MAP


def test_a_pdf_without_form_fields_is_refused_with_a_french_message():
    with pytest.raises(DocumentError, match="ne contient aucun champ à remplir.*n° 10103\\*14"):
        registry.recognise(pdf_bytes("Un courrier"))


@pytest.mark.parametrize(
    "fields",
    [
        FIELDS[:-1],  # one field fewer (as 10103*13 has 215)
        (*FIELDS[:-1], replace(FIELDS[-1], name="Zone de texte 8_999")),  # same count, another name
        (replace(FIELDS[0], rect=(300.0, 754.4, 314.2, 765.8)), *FIELDS[1:]),  # a box moved elsewhere
    ],
    ids=["missing field", "renamed field", "moved field"],
)
def test_a_form_whose_fields_differ_from_every_known_version_is_refused(fields):
    # 10103*13 has the same generic names on other boxes: names alone would fill the wrong boxes.
    with pytest.raises(DocumentError, match="n'est pas un formulaire CERFA que Cactus sait remplir"):
        registry.recognise(synthetic_blank(FIELD_MAP, fields=fields))


def test_the_version_in_force_is_chosen_by_its_validity_dates():
    # 10103*14 is mandatory from 1 July 2025.
    assert registry.map_in_force("apprentissage", on=date(2025, 6, 30)) is None
    assert registry.map_in_force("apprentissage", on=date(2025, 7, 1)) is FIELD_MAP


def test_a_map_that_writes_a_field_the_form_does_not_have_fails_loudly():
    broken = replace(FIELD_MAP, values=lambda data: {"Zone de texte 0": "x"})
    with pytest.raises(ValueError, match="unknown fields"):
        broken.field_values({})


def test_the_filled_blank_is_flat_and_every_value_is_in_its_box(blank):
    filled = filling.fill(blank, FIELD_MAP, DATA)
    reader = PdfReader(io.BytesIO(filled))
    assert reader.get_fields() is None  # flattened: no form left
    assert all("/Annots" not in page for page in reader.pages)
    expected = {name: "" for name in FIELD_MAP.by_name}
    for name, value in FIELD_MAP.field_values(DATA).items():
        expected[name] = ("X" if value else "") if isinstance(value, bool) else value
    assert text_in_boxes(filled, FIELDS) == expected
    assert "imitant le CERFA n° 10103*14" in flat_text(filled)  # the blank's own print is kept


def test_the_new_fields_of_10103_14_are_filled_in_the_official_boxes(blank):
    boxes = text_in_boxes(filling.fill(blank, FIELD_MAP, DATA), FIELDS)
    # Notice 51649#09 p. 4: without RQTH, Équivalence jeunes Non, Extension BOE Oui.
    rqth = [boxes[f"Case #C3#A0 cocher 5_{number}"] for number in (3, 4, 5, 6, 7, 8)]
    assert rqth == ["", "X", "", "X", "X", ""]
    assert boxes["Zone de texte 8_102"] == "120"  # dont heures de formation à distance
    assert [boxes[f"Zone de texte 21_{number}"] for number in (7, 8, 9)] == ["20", "05", "2009"]
    assert (boxes["Zone de texte 8_72"], boxes["Zone de texte 21_73"]) == ("492", "22")


def test_the_same_blank_and_data_give_the_same_bytes(blank):
    assert filling.fill(blank, FIELD_MAP, DATA) == filling.fill(blank, FIELD_MAP, DATA)


def test_a_value_too_long_for_its_official_box_is_refused_naming_the_box(blank):
    data = samples.apprenticeship(apprenti_adresse_voie="chemin " * 60)
    with pytest.raises(DocumentError, match="trop longue pour la case « Adresse — Voie »"):
        filling.fill(blank, FIELD_MAP, data)


def upload(client, content: bytes, name: str = "cerfa_10103-14.pdf"):
    file = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(reverse("documents:official_forms"), {"file": file}, follow=True)


def test_a_cfa_administrator_uploads_the_official_blank_and_cactus_names_its_version(
    client, cfa_admin, blank
):
    client.force_login(cfa_admin)
    content = upload(client, blank).content.decode()
    assert "Formulaire CERFA n° 10103*14 reconnu et enregistré" in content
    stored = OfficialFormBlank.objects.get()
    assert (stored.number, stored.original_name, stored.uploaded_by) == (
        "10103*14",
        "cerfa_10103-14.pdf",
        cfa_admin,
    )
    assert "cerfa_10103-14.pdf, déposé le" in client.get(reverse("documents:official_forms")).content.decode()


def test_a_pdf_that_is_not_a_known_form_is_refused_and_nothing_is_stored(client, cfa_admin):
    client.force_login(cfa_admin)
    content = upload(client, pdf_bytes("Notice")).content.decode()
    assert "ce n&#x27;est pas un formulaire CERFA vierge" in content
    assert not OfficialFormBlank.objects.exists()


def test_an_uploaded_blank_passes_the_upload_checks_first(client, cfa_admin):
    client.force_login(cfa_admin)
    content = upload(client, b"%PDF-1.4 not really", name="cerfa.pdf").content.decode()
    assert "illisible" in content or "n&#x27;est pas un fichier PDF" in content
    assert not OfficialFormBlank.objects.exists()


def test_someone_who_is_not_a_cfa_administrator_cannot_upload_a_blank(client, formation_manager, blank):
    client.force_login(formation_manager)
    assert upload(client, blank).status_code == 403
    assert not OfficialFormBlank.objects.exists()


def test_the_stored_blank_is_what_the_service_recognised(cfa_admin, blank):
    file = SimpleUploadedFile("vierge.pdf", blank, content_type="application/pdf")
    stored = services.upload_official_blank(uploaded=file, by=cfa_admin)
    assert stored.file.read() == blank and stored.size == len(blank)
