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
