"""The dashboard's charts as SVG, drawn on the server by matplotlib (no script in the page: the CSP
stays strict). A chart is drawn again only when its numbers change (cached by their digest).

matplotlib is used through its object API (`Figure`), never `pyplot`: no figure manager, safe in
the threads of a web server. Its settings are set once, at import, and never changed afterwards.
"""

import hashlib
import io
import textwrap

import matplotlib
from django.core.cache import cache
from matplotlib.figure import Figure

from cactus.workspace.selectors import Chart

# Okabe-Ito: told apart by people with the common colour blindnesses (and every chart has its table).
COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999", "#F0E442"]
CACHE_SECONDS = 3600
SETTINGS = {
    "svg.fonttype": "none",  # text stays text: smaller files, the page's font
    "svg.hashsalt": "cactus",  # the same numbers give the same bytes
    "font.family": "DejaVu Sans",
    "font.size": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
matplotlib.rcParams.update(SETTINGS)


def svg(chart: Chart) -> bytes:
    key = (
        "workspace:svg:"
        + hashlib.sha256(repr((chart.key, chart.categories, chart.series, chart.kind)).encode()).hexdigest()
    )
    drawn = cache.get(key)
    if drawn is None:
        drawn = _draw(chart)
        cache.set(key, drawn, CACHE_SECONDS)
    return drawn


def _short(label: str, width: int = 28) -> str:
    return textwrap.shorten(label, width=width, placeholder="…")


def _draw(chart: Chart) -> bytes:
    figure = Figure(
        figsize=(8, 5 if chart.kind != "horizontal" else max(2.4, 0.4 * len(chart.categories) + 1)),
        layout="constrained",
    )
    axes = figure.add_subplot()
    positions = range(len(chart.categories))
    if chart.is_empty:
        axes.text(
            0.5, 0.5, "Aucun dossier pour ces filtres", ha="center", va="center", transform=axes.transAxes
        )
        axes.set_axis_off()
    elif chart.kind == "stacked":
        bottoms = [0] * len(chart.categories)
        for colour, (name, values) in zip(COLOURS, chart.series, strict=False):
            axes.bar(positions, values, bottom=bottoms, label=name, color=colour, width=0.7)
            bottoms = [bottom + value for bottom, value in zip(bottoms, values, strict=True)]
    elif chart.kind == "lines":
        for colour, marker, (name, values) in zip(COLOURS, "osD^v", chart.series, strict=False):
            axes.plot(positions, values, label=name, color=colour, marker=marker, markersize=4)
    elif chart.kind == "grouped":
        width = 0.8 / len(chart.series)
        for index, (colour, (name, values)) in enumerate(zip(COLOURS, chart.series, strict=False)):
            axes.bar(
                [p + index * width - 0.4 + width / 2 for p in positions],
                values,
                width,
                label=name,
                color=colour,
            )
    elif chart.kind == "horizontal":
        name, values = chart.series[0]
        axes.barh(list(positions), values, color=COLOURS[0], label=name)
        axes.invert_yaxis()
        axes.set_yticks(list(positions), [_short(label, 40) for label in chart.categories])
        for position, value in zip(positions, values, strict=True):
            axes.annotate(
                str(value), (value, position), xytext=(3, 0), textcoords="offset points", va="center"
            )
    if not chart.is_empty and chart.kind != "horizontal":
        labels = [_short(label) for label in chart.categories]
        if len(labels) <= 6 and max(map(len, labels)) <= 18:
            axes.set_xticks(list(positions), labels)
        else:
            rotation = 35 if chart.key == "etats" else 60
            axes.set_xticks(list(positions), labels, rotation=rotation, ha="right")
        axes.set_ylabel("dossiers")
        axes.yaxis.get_major_locator().set_params(integer=True)
        figure.legend(loc="outside lower center", ncols=2, frameon=False)
    output = io.BytesIO()
    figure.savefig(output, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    return output.getvalue()
