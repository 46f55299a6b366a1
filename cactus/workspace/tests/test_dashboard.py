"""The dashboard: its figures (aggregate queries), who may see it, its SVG charts and CSV files."""

import csv
import io
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cactus.dossiers.models import Dossier
from cactus.dossiers.tests.factories import DossierFactory, EmployerFactory
from cactus.dossiers.tests.states import dossier_in
from cactus.formations.tests.factories import FormationFactory
from cactus.workspace import selectors

Status = Dossier.Status
pytestmark = pytest.mark.django_db
DASHBOARD = reverse("workspace:dashboard")
TODAY = date(2026, 10, 15)


def chart(response, key: str) -> selectors.Chart:
    return next(chart for chart in response.context["charts"] if chart.key == key)


def at(day: int, month: int = 9) -> datetime:
    return datetime(2026, month, day, 10, 0, tzinfo=UTC)


def table(chart: selectors.Chart) -> dict[str, dict[str, int]]:
    return {
        category: dict(zip([name for name, _ in chart.series], values, strict=True))
        for category, values in chart.rows
    }


@time_machine.travel("2026-10-15 10:00 +0200", tick=False)
def test_the_states_chart_counts_each_formations_dossiers_by_state(client, cfa_advisor):
    bts = FormationFactory(title="BTS Comptabilité")
    dossier_in(Status.DRAFT, formation=bts)
    dossier_in(Status.DRAFT, formation=bts)
    dossier_in(Status.SENT_TO_OPCO, formation=bts)
    dossier_in(Status.VALIDATED, formation=FormationFactory(title="Licence Logistique"))
    client.force_login(cfa_advisor)

    states = table(chart(client.get(DASHBOARD), "etats"))

    assert states["BTS Comptabilité"]["Saisie en cours"] == 2
    assert states["BTS Comptabilité"]["Envoyé à l'OPCO ou transmis à la DDETS"] == 1
    assert states["Licence Logistique"]["Validé par la formation"] == 1
    assert list(states) == ["BTS Comptabilité", "Licence Logistique"]  # the largest first


def test_beyond_twelve_formations_the_others_are_summed():
    for index in range(14):
        DossierFactory(formation=FormationFactory(title=f"Formation {index:02d}"))

    states = selectors.states_by_formation(Dossier.objects.all())

    assert len(states.categories) == 13 and states.categories[-1] == "Autres formations"
    assert sum(states.rows[-1][1]) == 2


@time_machine.travel("2026-10-15 10:00 +0200", tick=False)
def test_the_weekly_flow_counts_each_step_in_the_week_it_happened(client, cfa_advisor):
    dossier = dossier_in(Status.SENT_TO_OPCO)
    Dossier.objects.filter(pk=dossier.pk).update(
        created_at=at(1), validation_requested_at=at(9), validated_at=at(10), sent_to_opco_at=at(16)
    )
    client.force_login(cfa_advisor)

    flow = table(chart(client.get(DASHBOARD), "flux"))

    assert (
        flow["31/08"]["Créés (alternant inscrit)"] == 1
    )  # Tuesday 1 September: the week of Monday 31 August
    assert flow["07/09"]["Validation demandée"] == 1 and flow["07/09"]["Validés par la formation"] == 1
    assert flow["14/09"]["Envoyés à l'OPCO"] == 1
    assert sum(sum(values) for _, values in chart(client.get(DASHBOARD), "flux").rows) == 4


@time_machine.travel("2026-10-15 10:00 +0200", tick=False)
def test_the_delays_are_counted_in_buckets_of_days():
    quick, slow = dossier_in(Status.SENT_TO_OPCO), dossier_in(Status.SENT_TO_OPCO)
    Dossier.objects.filter(pk=quick.pk).update(created_at=at(1), validated_at=at(3), sent_to_opco_at=at(4))
    Dossier.objects.filter(pk=slow.pk).update(
        created_at=at(1), validated_at=at(20), sent_to_opco_at=at(2, 12)
    )
    dossier_in(Status.DRAFT)  # not validated: in neither distribution

    delays = table(selectors.delays(Dossier.objects.all()))

    inscription = "De l'inscription à la validation par la formation"
    assert delays["moins de 7 jours"][inscription] == 1 and delays["14 à 29 jours"][inscription] == 1
    to_opco = "De la validation à l'envoi à l'OPCO"
    assert delays["moins de 7 jours"][to_opco] == 1 and delays["60 jours ou plus"][to_opco] == 1
    assert sum(values[0] for _, values in selectors.delays(Dossier.objects.all()).rows) == 2


def test_a_filing_after_the_fifth_jour_ouvrable_is_late():
    # R-7.1 (D6224-1): started Tuesday 1 September 2026, due Monday 7 September.
    on_time, late = (dossier_in(Status.SENT_TO_OPCO, contract_start=date(2026, 9, 1)) for _ in range(2))
    Dossier.objects.filter(pk=on_time.pk).update(sent_to_opco_at=datetime(2026, 9, 7, 16, 0, tzinfo=UTC))
    Dossier.objects.filter(pk=late.pk).update(sent_to_opco_at=datetime(2026, 9, 8, 9, 0, tzinfo=UTC))

    filings = table(selectors.late_filings(Dossier.objects.all(), TODAY))

    assert filings["07/09"] == {"Envoyés dans les 5 jours ouvrables": 1, "Envoyés en retard": 1}


def test_dossiers_are_counted_by_opco_and_those_without_employer_apart():
    EmployerFactory(idcc_opco="OPCO EP")
    EmployerFactory(idcc_opco="OPCO EP")
    EmployerFactory(idcc_opco="AKTO")
    EmployerFactory(idcc_opco="")  # an IDCC without OPCO in the table
    DossierFactory()  # "L'employeur" not entered yet

    opco = table(selectors.by_opco(Dossier.objects.all()))

    assert opco == {
        "OPCO EP": {"Dossiers": 2},
        "OPCO non encore connu": {"Dossiers": 2},
        "AKTO": {"Dossiers": 1},
    }


def test_a_responsable_sees_only_their_formations_and_cannot_filter_on_another(
    client, formation, formation_manager
):
    DossierFactory(formation=formation)
    other = FormationFactory(title="Formation d'un autre")
    DossierFactory(formation=other)
    client.force_login(formation_manager)

    response = client.get(DASHBOARD)
    forged = client.get(DASHBOARD, {"formation": other.pk})

    assert sum(sum(values) for _, values in chart(response, "etats").rows) == 1
    assert "formation" in forged.context["filters"].errors
    assert sum(sum(values) for _, values in chart(forged, "etats").rows) == 1
    assert "Formation d&#x27;un autre" not in forged.content.decode()


def test_the_filters_narrow_every_chart_to_a_formation_or_a_conseillere(
    client, cfa_admin, cfa_advisor, formation
):
    DossierFactory(formation=formation)
    DossierFactory(formation=FormationFactory(cfa_advisor=None))
    client.force_login(cfa_admin)

    everything = client.get(DASHBOARD)
    by_advisor = client.get(DASHBOARD, {"advisor": cfa_advisor.pk})
    by_formation = client.get(reverse("workspace:chart_csv", args=["etats"]), {"formation": formation.pk})

    assert sum(sum(values) for _, values in chart(everything, "etats").rows) == 2
    assert sum(sum(values) for _, values in chart(by_advisor, "etats").rows) == 1
    lines = list(csv.reader(io.StringIO(by_formation.content.decode("utf-8-sig")), delimiter=";"))
    assert [line[0] for line in lines] == ["Formation", formation.title]


@pytest.mark.parametrize("user", ["employer_contact", "alternant", "stranger"])
def test_the_dashboard_its_charts_and_files_are_closed_to_the_other_people(client, request, user):
    client.force_login(request.getfixturevalue(user))

    assert client.get(DASHBOARD).status_code == 403
    assert client.get(reverse("workspace:chart_svg", args=["etats"])).status_code == 403
    assert client.get(reverse("workspace:chart_csv", args=["opco"])).status_code == 403


def test_a_chart_is_an_svg_image_with_its_own_policy_and_no_script(client, cfa_advisor):
    EmployerFactory(idcc_opco="OPCO EP")
    client.force_login(cfa_advisor)

    response = client.get(reverse("workspace:chart_svg", args=["opco"]))

    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert response.content.startswith(b"<?xml") and b"<svg" in response.content
    assert b"<script" not in response.content and b"OPCO EP" in response.content
    assert client.get(reverse("workspace:chart_svg", args=["inconnu"])).status_code == 404


def test_the_csv_of_a_chart_holds_its_table_and_defuses_formulas(client, cfa_advisor):
    DossierFactory(formation=FormationFactory(title='=HYPERLINK("x")'))
    client.force_login(cfa_advisor)

    response = client.get(reverse("workspace:chart_csv", args=["etats"]))

    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert lines[0][:2] == ["Formation", "Saisie en cours"]
    assert lines[1][:2] == ['\'=HYPERLINK("x")', "1"]
    assert response["Content-Disposition"] == 'attachment; filename="tableau-de-bord-etats.csv"'


def test_the_page_shows_each_chart_with_its_table_and_its_csv_link(client, cfa_advisor):
    DossierFactory()
    client.force_login(cfa_advisor)

    page = client.get(DASHBOARD).content.decode()

    for key in selectors.CHARTS:
        assert reverse("workspace:chart_svg", args=[key]) in page
        assert reverse("workspace:chart_csv", args=[key]) in page
    assert page.count("<details>") == len(selectors.CHARTS) and "<script" not in page


def test_the_figures_take_a_fixed_number_of_queries(client, cfa_advisor, django_assert_max_num_queries):
    for state in (Status.DRAFT, Status.VALIDATED, Status.SENT_TO_OPCO):
        dossier_in(state)
    client.force_login(cfa_advisor)
    client.get(DASHBOARD)  # the first page of a session also writes it
    cache.clear()

    # Session, user, groups; one query per chart (flux: one UNION); the two lists of the filters.
    with django_assert_max_num_queries(10):
        client.get(DASHBOARD)
    for _ in range(20):
        dossier_in(Status.DRAFT, formation=FormationFactory())
    cache.clear()
    with django_assert_max_num_queries(10):
        client.get(DASHBOARD)


def test_the_images_of_the_page_reuse_its_numbers_without_reading_the_dossiers_again(client, cfa_advisor):
    dossier_in(Status.VALIDATED)
    client.force_login(cfa_advisor)
    client.get(DASHBOARD)

    with CaptureQueriesContext(connection) as queries:
        for key in selectors.CHARTS:
            assert client.get(reverse("workspace:chart_svg", args=[key])).status_code == 200

    assert not [query["sql"] for query in queries if "dossiers_dossier" in query["sql"]]


def test_a_view_from_the_caches_takes_the_same_few_queries_whatever_the_number_of_formations(
    client, cfa_advisor
):
    # Numbers and the formation filter's options come from the cache; the drawing is the images'.
    dossier_in(Status.DRAFT)
    client.force_login(cfa_advisor)
    client.get(DASHBOARD)  # the session's first page; the caches fill

    with CaptureQueriesContext(connection) as few:
        client.get(DASHBOARD)
    for _ in range(30):
        dossier_in(Status.DRAFT, formation=FormationFactory())
    with CaptureQueriesContext(connection) as many:
        client.get(DASHBOARD)

    # Session, user, groups, the conseillères (the tests' cache is in memory: in production the
    # charts' numbers and the options' HTML are one database read each).
    assert len(few) == len(many) == 4
    assert not [query["sql"] for query in many if "dossiers_dossier" in query["sql"]]
