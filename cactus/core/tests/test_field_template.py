"""The shared field include (cactus/templates/includes/field.html) and its error summary."""

import re

from django import forms
from django.template.loader import render_to_string

from cactus.dossiers.action_forms import RejectDocumentsForm


class OneBox(forms.Form):
    agreed = forms.BooleanField(label="J'accepte")


def test_a_multi_checkbox_field_is_a_fieldset_whose_legend_comes_before_the_boxes():
    html = render_to_string("includes/form_fields.html", {"form": RejectDocumentsForm()})

    legend = html.index("<legend>Documents à déposer de nouveau")
    assert legend < html.index('type="checkbox"')
    assert 'for=""' not in html  # no empty label: each box has its own


def test_the_error_summary_links_a_multi_checkbox_field_to_its_group_of_boxes():
    form = RejectDocumentsForm(data={})
    html = render_to_string("includes/form_fields.html", {"form": form})

    targets = re.findall(r'<a href="#([^"]*)">', html)
    assert "id_kinds" in targets and "" not in targets
    assert 'id="id_kinds"' in html  # the element the link jumps to
    assert 'id="id_kinds_error"' in html
    assert 'class="error-summary" role="alert" tabindex="-1" autofocus' in html  # read first, then jump


def test_a_single_checkbox_keeps_its_label_after_the_box():
    html = render_to_string("includes/form_fields.html", {"form": OneBox()})

    assert html.index('type="checkbox"') < html.index('<label for="id_agreed">')


class Helped(forms.Form):
    siret = forms.CharField(label="SIRET", help_text="14 chiffres", max_length=14)
    sex = forms.ChoiceField(
        label="Sexe",
        choices=[("1", "Masculin"), ("2", "Féminin")],
        widget=forms.RadioSelect,
        help_text="Au choix",
    )


def referenced_and_present(html: str) -> tuple[set[str], list[str]]:
    referenced = {
        target for value in re.findall(r'aria-describedby="([^"]*)"', html) for target in value.split()
    }
    return referenced, re.findall(r'\bid="([^"]+)"', html)


def test_every_help_text_and_error_a_field_is_described_by_exists_once():
    for form in (Helped(), Helped(data={"siret": "1" * 20})):
        html = render_to_string("includes/form_fields.html", {"form": form})
        referenced, ids = referenced_and_present(html)
        assert referenced and referenced <= set(ids)
        assert len(ids) == len(set(ids))


def test_an_invalid_field_is_described_by_its_help_then_its_message_and_a_group_by_its_fieldset():
    html = render_to_string("includes/form_fields.html", {"form": Helped(data={"siret": "1" * 20})})

    assert re.search(
        r'<input[^>]*aria-invalid="true"[^>]*aria-describedby="id_siret_helptext id_siret_error"', html
    )
    assert '<fieldset aria-describedby="id_sex_helptext id_sex_error">' in html
