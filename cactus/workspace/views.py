"""The dashboard: the CFA's autumn in charts, each with its table and its CSV."""

import csv
import io

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from cactus.accounts.models import User
from cactus.dossiers import permissions
from cactus.formations.models import Formation
from cactus.workspace import charts, figures, selectors
from cactus.workspace.forms import DashboardFilterForm

# An SVG shown through <img> runs no script; its own policy lets matplotlib's style attributes apply.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"


def _scope(request):
    """(filter form, figures' scope): 403 for anyone who may not use the back office."""
    user = request.user
    if not permissions.can_use_back_office(user):
        raise PermissionDenied
    formations = Formation.objects.only("pk", "title").order_by("title")
    if not user.is_cfa_staff:
        formations = formations.filter(managers=user)
    advisors = User.objects.filter(pk__in=formations.values("cfa_advisor")).order_by("last_name", "email")
    filters = DashboardFilterForm(
        request.GET or None,
        formations=formations,
        advisors=advisors,
    )
    chosen = filters.cleaned_data if filters.is_valid() else {}
    formation, advisor = chosen.get("formation"), chosen.get("advisor")
    return filters, figures.Scope.of(user, formation=formation, advisor=advisor)


@require_GET
def dashboard(request):
    filters, scope = _scope(request)
    shown = figures.charts(selectors.CHARTS, scope)
    now = timezone.now()
    computed_at = min(chart.computed_at for chart in shown)
    return render(
        request,
        "workspace/dashboard.html",
        {
            "filters": filters,
            "charts": shown,
            "computed_at": computed_at,
            "computed_today": timezone.localdate(computed_at) == timezone.localdate(now),
            "refreshing": not all(figures.is_fresh(chart, now) for chart in shown),
            "query": request.GET.urlencode(),
        },
    )


def _chart(request, key: str):
    _, scope = _scope(request)
    if key not in selectors.CHARTS:
        raise Http404
    return figures.chart(key, scope)


@require_GET
def chart_svg(request, key: str):
    response = HttpResponse(charts.svg(_chart(request, key)), content_type="image/svg+xml")
    response["Content-Security-Policy"] = SVG_POLICY
    return response


def _cell(text: str) -> str:
    # A formation's title starting with = + - @ would run as a formula in a spreadsheet (OWASP).
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@require_GET
def chart_csv(request, key: str):
    chart = _chart(request, key)
    output = io.StringIO()
    writer = csv.writer(output, delimiter=";")
    writer.writerow([chart.category_label, *(name for name, _ in chart.series)])
    writer.writerows([_cell(category), *values] for category, values in chart.rows)
    response = HttpResponse("\ufeff" + output.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="tableau-de-bord-{chart.key}.csv"'
    return response
