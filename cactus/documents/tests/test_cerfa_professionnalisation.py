"""The CERFA EJ20 rendition is the official 12434*05: its boxes at the official places, its codes."""

import shutil
import subprocess
import tempfile
from html.parser import HTMLParser

import pytest

from cactus.documents.renderers import cerfa_12434_05_layout as layout
from cactus.documents.renderers import cerfa_professionnalisation as ej20
from cactus.documents.tests import samples
from cactus.documents.tests.readback import assert_a4_pages, flat_text, pdf_text

PAGE_HEIGHT = 841.89


def words_with_boxes(content: bytes) -> list[tuple[int, str, float, float, float, float]]:
    """(page, word, x1, y1, x2, y2) in PDF points, origin bottom left, from pdftotext -bbox."""
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext introuvable : lancez `make deps` (paquet poppler-utils).")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        html = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-bbox", handle.name, "-"], capture_output=True, check=True
        ).stdout.decode()
    words: list = []

    class Parser(HTMLParser):
        page = 0
        current: dict | None = None

        def handle_starttag(self, tag, attrs):
            if tag == "page":
                self.page += 1
            if tag == "word":
                self.current = {key: float(value) for key, value in attrs}

        def handle_data(self, data):
            if self.current is not None:
                box = self.current
                words.append(
                    (
                        self.page,
                        data,
                        box["xmin"],
                        PAGE_HEIGHT - box["ymax"],
                        box["xmax"],
                        PAGE_HEIGHT - box["ymin"],
                    )
                )
                self.current = None

    Parser().feed(html)
    return words


def test_the_form_says_12434_05_and_no_longer_12434_03():
    text = flat_text(ej20.render(samples.professionalisation()))
    assert "N° 12434*05" in text
    assert "12434*03" not in text
    assert (
        "Contrat de professionnalisation" in text
        and "(art. L. 6325-1 à L. 6325-24 du code du travail)" in text
    )


def test_every_text_box_is_drawn_inside_the_rectangle_of_the_official_field():
    text_fields = [name for name, field in layout.FIELDS.items() if field.kind == "text"]
    tokens = {name: f"Q{index}" for index, name in enumerate(text_fields)}
    content = ej20.render_fields(tokens)
    placed = {word: (page, x1, y1, x2, y2) for page, word, x1, y1, x2, y2 in words_with_boxes(content)}
    for name, token in tokens.items():
        field = layout.FIELDS[name]
        page, x1, y1, x2, y2 = placed[token]
        left, bottom, right, top = field.rect
        assert page == field.page, name
        assert left <= x1 and x2 <= right and bottom - 1 <= y1 and y2 <= top + 1, (name, field.label)


def test_every_check_box_of_the_official_form_is_ticked_at_its_place():
    check_boxes = [name for name, field in layout.FIELDS.items() if field.kind == "check"]
    assert len(check_boxes) == 20 and len(layout.FIELDS) == 114
    content = ej20.render_fields(dict.fromkeys(check_boxes, True))
    marks = [
        (page, x1, y1, x2, y2) for page, word, x1, y1, x2, y2 in words_with_boxes(content) if word == "X"
    ]
    for name in check_boxes:
        field = layout.FIELDS[name]
        left, bottom, right, top = field.rect
        assert any(
            page == field.page and left - 1 <= x1 and x2 <= right + 1 and bottom - 2 <= y1 and y2 <= top + 2
            for page, x1, y1, x2, y2 in marks
        ), (name, field.label)


def test_the_printed_labels_are_the_official_ones():
    text = flat_text(ej20.render(samples.professionalisation()))
    for label in [
        "Particulier-employeur :",
        "N° URSSAF du particulier-employeur :",
        "Organisme de prévoyance le cas échéant :",
        "Si non, bénéficiez-vous de droits attachés à la RQTH**:",
        "Type de minimum social, si bénéficiaire :",
        "Tuteur de l’entreprise utilisatrice, si travail temporaire ou Groupement d’employeur",
        "Classification de l’emploi dans la convention collective :",
        "Type qualification visée :",
        "CADRE RÉSERVÉ À L’OPCO",
    ]:
        assert label in text


def test_fa13_codes_are_printed_as_the_ej20_codes_of_the_notice():
    # Notice 51650#09: situation 9 « Personne à la recherche d'un emploi », diploma 31 BTS, 1 RSA.
    values = ej20.field_values(
        samples.professionalisation(
            salarie_situation_avant_contrat="11", salarie_plus_haut_diplome="54", salarie_minimum_social="rsa"
        )
    )
    assert values["Zone de texte 8_25"] == "9"
    assert values["Zone de texte 8_27"] == "31"
    assert values["Zone de texte 8_26"] == "1"


@pytest.mark.parametrize(
    ("fa13", "ej20_code"), [("44", "49"), ("75", "11"), ("76", "11"), ("73", "19"), ("35", "53")]
)
def test_the_new_diploma_codes_of_10103_14_have_their_ej20_code(fa13, ej20_code):
    # Notice 51649#09 (44 diplôme de spécialisation professionnelle, 75 ingénieur, 76 école de commerce,
    # 73 Master, 35 certificat de spécialisation) → notice 51650#09 (49 autre diplôme de niveau bac,
    # 11 diplôme grande école, 19 autre bac+5, 53 mention complémentaire).
    values = ej20.field_values(samples.professionalisation(salarie_plus_haut_diplome=fa13))
    assert values["Zone de texte 8_27"] == ej20_code


def test_dates_emails_and_the_salary_fill_their_split_boxes():
    values = ej20.field_values(samples.professionalisation())
    birth = [values[f"Zone de texte {suffix}"] for suffix in ("8_43", "8_44", "8_49")]
    assert birth == ["02", "06", "1999"]
    assert (values["Zone de texte 8_34"], values["Zone de texte 8_35"]) == ("benoit.lefevre", "exemple.fr")
    assert (values["Zone de texte 8_81"], values["Zone de texte 8_68"]) == ("1\u00a0823", "03")


def test_the_nature_of_the_contract_ticks_one_of_cdi_cdd_travail_temporaire():
    def ticked(nature: str) -> list[str]:
        values = ej20.field_values(samples.professionalisation(contrat_nature=nature))
        names = {
            "Case #C3#A0 cocher 1_13": "CDI",
            "Case #C3#A0 cocher 1_14": "CDD",
            "Case #C3#A0 cocher 1_15": "TT",
        }
        return [label for name, label in names.items() if values[name] is True]

    assert ticked("1") == ["CDD"] and ticked("2") == ["CDI"] and ticked("3") == ["TT"]
    layout_text = " ".join(pdf_text(ej20.render(samples.professionalisation()), layout=True).split())
    assert "CDI X CDD travail temporaire" in layout_text


def test_the_rqth_rights_are_asked_only_without_a_rqth():
    # Notice 51650#09 p. 3: « Si non, bénéficiez-vous de droits attachés à la RQTH ».
    without = ej20.field_values(
        samples.professionalisation(salarie_rqth=False, salarie_rqth_equivalence_jeunes=True)
    )
    assert without["Case #C3#A0 cocher 1_4"] is True and without["Case #C3#A0 cocher 1_5"] is True
    with_rqth = ej20.field_values(
        samples.professionalisation(salarie_rqth=True, salarie_rqth_equivalence_jeunes=True)
    )
    assert with_rqth["Case #C3#A0 cocher 1_3"] is True
    assert "Case #C3#A0 cocher 1_5" not in with_rqth


def test_a_particulier_employeur_gets_its_urssaf_number_and_no_naf():
    # Notice 51650#09, Code NAF: « Si vous êtes particulier-employeur ne remplissez pas cette rubrique ».
    values = ej20.field_values(
        samples.professionalisation(employeur_particulier=True, employeur_urssaf_particulier="137000001234")
    )
    assert values["Case #C3#A0 cocher 1"] is True and values["Case #C3#A0 cocher 1_2"] is False
    assert values["Zone de texte 8_12"] == "137000001234"
    assert values["Zone de texte 8_14"] == ""


def test_the_cadre_reserve_a_l_opco_stays_blank():
    values = ej20.field_values(samples.professionalisation(employeur_opco="OPCO EP"))
    assert values.get("Zone de texte 8_53", "") == "" and values.get("Zone de texte 8_55", "") == ""


def test_apprenticeship_keys_fill_the_boxes_when_the_pro_keys_are_absent():
    data = samples.professionalisation()
    for key in [key for key in data if key.startswith("salarie_nom")]:
        del data[key]
    data["apprenti_nom"] = "Lefèvre-Dumas"
    assert "Nom de naissance du salarié : Lefèvre-Dumas" in flat_text(ej20.render(data))


def test_the_document_is_two_a4_pages_without_none():
    content = ej20.render(samples.professionalisation(of_uai=None, salarie_nom_usage=None))
    assert_a4_pages(content, 2)
    assert "None" not in flat_text(content)
