"""The charts' numbers in the cache, stale-while-revalidate: a view shows stale numbers and queues one
refresh, fresh numbers cost no computation, only a cold start computes in the request, and
`warm_dashboard` fills the CFA-wide numbers."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django_tasks import default_task_backend

from cactus.dossiers.models import Dossier
from cactus.dossiers.tests.states import dossier_in
from cactus.workspace import figures, selectors

Status = Dossier.Status
pytestmark = pytest.mark.django_db
DASHBOARD = reverse("workspace:dashboard")


@pytest.fixture
def computations(monkeypatch):
    """The keys of the charts computed, one entry per computation."""
    computed = []
    for key, compute in list(selectors.CHARTS.items()):

        def counting(dossiers, today, key=key, compute=compute):
            computed.append(key)
            return compute(dossiers, today)

        monkeypatch.setitem(selectors.CHARTS, key, counting)
    return computed


@pytest.fixture
def clock():
    with time_machine.travel("2026-10-15 10:00 +0200", tick=False) as traveller:
        yield traveller


@pytest.fixture
def queued(settings):
    """Tasks are queued, not run (the production set-up: a database queue and its workers)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    return default_task_backend.results


def dossiers_counted(response) -> int:
    states = next(chart for chart in response.context["charts"] if chart.key == "etats")
    return sum(sum(values) for _, values in states.rows)


def test_a_cold_start_computes_the_numbers_in_the_request(client, cfa_advisor, clock, computations, queued):
    dossier_in(Status.DRAFT)
    client.force_login(cfa_advisor)

    response = client.get(DASHBOARD)

    assert dossiers_counted(response) == 1
    assert sorted(computations) == sorted(selectors.CHARTS)
    assert queued == []
    assert "Chiffres calculés à 10:00." in response.content.decode()


def test_fresh_numbers_cost_no_computation(client, cfa_advisor, clock, computations, queued):
    dossier_in(Status.DRAFT)
    client.force_login(cfa_advisor)
    client.get(DASHBOARD)
    computations.clear()
    dossier_in(Status.DRAFT)
    clock.shift(timedelta(seconds=figures.CHART_SECONDS - 1))

    response = client.get(DASHBOARD)
    client.get(reverse("workspace:chart_svg", args=["etats"]))
    client.get(reverse("workspace:chart_csv", args=["opco"]))

    assert computations == [] and queued == []
    assert dossiers_counted(response) == 1  # the new dossier waits for the next computation
    assert "nouveau calcul" not in response.content.decode()


def test_stale_numbers_are_shown_and_one_refresh_is_queued(client, cfa_advisor, clock, computations, queued):
    dossier_in(Status.DRAFT)
    client.force_login(cfa_advisor)
    client.get(DASHBOARD)
    computations.clear()
    dossier_in(Status.DRAFT)
    clock.shift(timedelta(seconds=figures.CHART_SECONDS + 60))

    stale = client.get(DASHBOARD)
    again = client.get(DASHBOARD)  # the refresh has not run yet: the locks hold
    client.get(reverse("workspace:chart_svg", args=["etats"]))

    assert computations == []
    assert dossiers_counted(stale) == dossiers_counted(again) == 1
    assert "Chiffres calculés à 10:00 ; un nouveau calcul est lancé" in stale.content.decode()
    assert len(queued) == 1
    assert queued[0].args == [list(selectors.CHARTS), None, None, None]

    figures.refresh_charts.call(*queued[0].args)  # what the worker does
    refreshed = client.get(DASHBOARD)

    assert sorted(computations) == sorted(selectors.CHARTS)
    assert dossiers_counted(refreshed) == 2
    assert "Chiffres calculés à 10:11." in refreshed.content.decode()
    assert len(queued) == 1


def test_with_the_immediate_backend_the_refresh_runs_once_in_the_stale_view(
    client, cfa_advisor, clock, computations
):
    dossier_in(Status.DRAFT)
    client.force_login(cfa_advisor)
    client.get(DASHBOARD)
    computations.clear()
    dossier_in(Status.DRAFT)
    clock.shift(timedelta(seconds=figures.CHART_SECONDS))

    stale = client.get(DASHBOARD)
    fresh = client.get(DASHBOARD)

    assert sorted(computations) == sorted(selectors.CHARTS)  # once each, in the first view
    assert dossiers_counted(stale) == 1 and dossiers_counted(fresh) == 2
    # The locks are released: the next stale view queues a refresh again.
    clock.shift(timedelta(seconds=figures.CHART_SECONDS))
    client.get(DASHBOARD)
    assert len(computations) == 2 * len(selectors.CHARTS)


def test_yesterdays_numbers_are_stale_not_missing(client, cfa_advisor, computations, queued):
    with time_machine.travel("2026-10-14 23:58 +0200", tick=False) as clock:
        dossier_in(Status.DRAFT)
        client.force_login(cfa_advisor)
        client.get(DASHBOARD)
        computations.clear()
        clock.shift(timedelta(minutes=3))

        response = client.get(DASHBOARD)

    assert computations == [] and len(queued) == 1
    assert "Chiffres calculés le 14/10/2026 à 23:58" in response.content.decode()


def test_a_refresh_leaves_numbers_already_fresh_alone(cfa_advisor, clock, computations, queued):
    figures.warm()
    computations.clear()

    figures.refresh_charts.call(list(selectors.CHARTS), None, None, None)

    assert computations == []


def test_warm_dashboard_fills_the_cfa_wide_numbers(
    client, cfa_advisor, formation, formation_manager, clock, computations
):
    dossier_in(Status.DRAFT, formation=formation)

    call_command("warm_dashboard")
    computations.clear()
    client.force_login(cfa_advisor)
    response = client.get(DASHBOARD)

    assert computations == []
    assert dossiers_counted(response) == 1
    # Responsables and filters have scopes of their own, computed at their first view.
    client.force_login(formation_manager)
    assert dossiers_counted(client.get(DASHBOARD)) == 1
    assert sorted(computations) == sorted(selectors.CHARTS)
