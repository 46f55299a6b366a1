from django import forms
from django.test.html import parse_html

from cactus.core.widgets import LongSelect

CHOICES = [("", "---------"), ("1", "BTS <MCO> & co"), ("2", 'Licence "pro"')]


def rendered(widget_class, value, attrs=None) -> str:
    widget = widget_class(attrs=attrs, choices=CHOICES)
    return widget.render("formation", value, attrs={"id": "id_formation"})


def test_a_long_select_renders_the_same_html_as_django_select():
    attrs = {"required": True, "aria-invalid": "true", "data-note": 'a"<b'}

    assert parse_html(rendered(LongSelect, "2", attrs)) == parse_html(rendered(forms.Select, "2", attrs))


def test_a_long_select_escapes_labels_and_marks_the_selected_option():
    html = rendered(LongSelect, "1")

    assert '<option value="1" selected>BTS &lt;MCO&gt; &amp; co</option>' in html
    assert '<option value="2">Licence &quot;pro&quot;</option>' in html


def test_a_long_select_with_option_groups_falls_back_to_django_templates():
    grouped = [("Paris", [("1", "BTS")]), ("Lyon", [("2", "Licence")])]
    widget = LongSelect(choices=grouped)

    assert parse_html(widget.render("formation", "2")) == parse_html(
        forms.Select(choices=grouped).render("formation", "2")
    )
