"""A chart's data table, rendered in Python (same markup as a template: the cells' loops, one
`{% with %}` and one localisation per cell, were most of the dashboard's time)."""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def chart_table(chart) -> SafeString:
    """The `<table>` that stands for the chart `chart` (selectors.Chart) for screen readers."""
    names = [escape(name) for name, _ in chart.series]
    head = "".join(f'<th scope="col">{name}</th>' for name in names)
    rows = [
        f'<tr><th scope="row">{escape(category)}</th>'
        + "".join(
            f'<td data-label="{name}">{int(value)}</td>' for name, value in zip(names, values, strict=True)
        )
        + "</tr>"
        for category, values in chart.rows
    ] or [f'<tr><td colspan="{len(names) + 1}">Aucun dossier.</td></tr>']
    return mark_safe(  # every text escaped above; the values are integers
        '<table class="cards chart-data">\n'
        f'<caption class="visually-hidden">{escape(chart.title)}</caption>\n'
        f'<thead><tr><th scope="col">{escape(chart.category_label)}</th>{head}</tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
    )
