"""GET /api/v1/dossiers and /api/v1/dossiers/{id}: the export_dossier shape, within the token's scope."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cactus.api.tests.conftest import ApiClient
from cactus.bench import data as bench_data
from cactus.dossiers.export import dossier_data
from cactus.dossiers.models import Dossier
from cactus.dossiers.tests.factories import DossierFactory, EmployerFactory, complete_dossier
from cactus.formations.tests.factories import FormationFactory

pytestmark = pytest.mark.django_db


def all_pages(api: ApiClient, path: str, params: dict | None = None) -> tuple[list[int], int]:
    """Every id met by following curseur_suivant, and the number of pages."""
    ids, pages, cursor = [], 0, None
    while True:
        response = api.get(path, (params or {}) | ({"curseur": cursor} if cursor else {}))
        assert response.status_code == 200, response.content
        body = response.json()
        ids += [row["id"] for row in body["resultats"]]
        pages += 1
        cursor = body["curseur_suivant"]
        if cursor is None:
            return ids, pages


def test_a_dossier_is_given_in_the_export_dossier_shape(api):
    dossier = complete_dossier()

    response = api.get(f"/api/v1/dossiers/{dossier.pk}")

    assert response.status_code == 200
    body = response.json()
    exported = dossier_data(Dossier.objects.get(pk=dossier.pk))
    assert body["donnees"] == {key: value for key, value in exported.items() if not key.endswith("_nir")}
    assert body["donnees"]["apprenti_nom"]  # a full dossier: the tabs' keys are there
    assert body["etat"] == "draft"
    assert body["etat_libelle"] == "Saisie complète"
    assert body["formation_id"] == dossier.formation_id


def test_the_nir_is_never_given(api):
    # GDPR art. 5-1-c (minimisation): the export has it for the CERFA, the API keeps it back.
    dossier = complete_dossier()
    nir = dossier.alternant_details.nir
    assert nir and dossier_data(Dossier.objects.get(pk=dossier.pk))["apprenti_nir"] == nir

    detail = api.get(f"/api/v1/dossiers/{dossier.pk}")
    listed = api.get("/api/v1/dossiers")

    assert nir not in detail.content.decode() and nir not in listed.content.decode()
    assert not [key for key in detail.json()["donnees"] if key.endswith("_nir")]


def test_the_list_gives_the_same_shape_as_the_detail(api):
    dossier = complete_dossier()

    listed = api.get("/api/v1/dossiers").json()["resultats"]

    assert listed == [api.get(f"/api/v1/dossiers/{dossier.pk}").json()]


def test_an_unknown_dossier_is_a_404_in_french(api):
    response = api.get("/api/v1/dossiers/999999")

    assert response.status_code == 404
    assert response.json() == {"detail": "Dossier introuvable."}


def test_a_token_limited_to_one_formation_never_sees_another_formations_dossier(make_token):
    mine, other = FormationFactory(), FormationFactory()
    visible = DossierFactory(formation=mine)
    hidden = DossierFactory(formation=other)
    api = ApiClient(make_token(formations=[mine])[1])

    assert [row["id"] for row in api.get("/api/v1/dossiers").json()["resultats"]] == [visible.pk]
    assert api.get(f"/api/v1/dossiers/{visible.pk}").status_code == 200
    assert api.get(f"/api/v1/dossiers/{hidden.pk}").status_code == 404
    # Filtering on the other formation does not open it either.
    assert api.get("/api/v1/dossiers", {"formation": other.pk}).json()["resultats"] == []
    assert api.get("/api/v1/formations").json()["resultats"] == [
        api.get(f"/api/v1/formations/{mine.pk}").json()
    ]
    assert api.get(f"/api/v1/formations/{other.pk}").status_code == 404


def test_the_list_filters_by_state_and_formation(api):
    first, second = FormationFactory(), FormationFactory()
    draft = DossierFactory(formation=first)
    validated = DossierFactory(formation=first, status=Dossier.Status.VALIDATED)
    elsewhere = DossierFactory(formation=second, status=Dossier.Status.VALIDATED)

    def ids(params):
        return [row["id"] for row in api.get("/api/v1/dossiers", params).json()["resultats"]]

    assert ids({"etat": "validated"}) == [validated.pk, elsewhere.pk]
    assert ids({"formation": first.pk}) == [draft.pk, validated.pk]
    assert ids({"etat": "validated", "formation": second.pk}) == [elsewhere.pk]


def test_the_list_filters_by_creation_and_change_dates(api):
    with time_machine.travel(datetime(2026, 3, 1, 9, tzinfo=UTC), tick=False):
        old = DossierFactory(created_at=datetime(2026, 3, 1, 9, tzinfo=UTC))
    with time_machine.travel(datetime(2026, 6, 1, 9, tzinfo=UTC), tick=False):
        new = DossierFactory(created_at=datetime(2026, 6, 1, 9, tzinfo=UTC))
    with time_machine.travel(datetime(2026, 7, 1, 9, tzinfo=UTC), tick=False):
        old.save()  # changed later: updated_at moves, created_at does not

    def ids(params):
        return [row["id"] for row in api.get("/api/v1/dossiers", params).json()["resultats"]]

    assert ids({"cree_depuis": "2026-05-01T00:00:00+02:00"}) == [new.pk]
    assert ids({"modifie_depuis": "2026-06-15T00:00:00Z"}) == [old.pk]
    assert ids({"modifie_depuis": "2026-05-01T00:00:00Z"}) == [old.pk, new.pk]


def test_the_list_filters_by_a_contract_start_range(api):
    september = EmployerFactory(dossier__contract_start=date(2026, 9, 1)).dossier
    october = EmployerFactory(dossier__contract_start=date(2026, 10, 5)).dossier
    DossierFactory()  # no contract start yet: outside any range

    def ids(params):
        return [row["id"] for row in api.get("/api/v1/dossiers", params).json()["resultats"]]

    assert ids({"debut_contrat_du": "2026-09-01", "debut_contrat_au": "2026-09-30"}) == [september.pk]
    assert ids({"debut_contrat_du": "2026-09-02"}) == [october.pk]
    assert ids({"debut_contrat_au": "2026-10-05"}) == [september.pk, october.pk]


def test_a_bad_filter_is_a_422_naming_the_parameter(api):
    response = api.get("/api/v1/dossiers", {"etat": "perdu", "limite": 0})

    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Paramètres invalides."
    assert {error["loc"][-1] for error in body["erreurs"]} == {"etat", "limite"}


def test_a_misspelt_filter_is_refused_rather_than_ignored(api):
    DossierFactory()

    response = api.get("/api/v1/dossiers", {"etats": "validated"})

    assert response.status_code == 422
    assert response.json()["detail"].startswith("Paramètre inconnu : etats. Paramètres possibles : ")


@pytest.mark.parametrize("cursor", ["n'importe quoi", "eyJhcHJlcyI6ICJ4In0", "e30"])
def test_a_forged_cursor_is_a_400_in_french(api, cursor):
    response = api.get("/api/v1/dossiers", {"curseur": cursor})

    assert response.status_code == 400
    assert response.json()["detail"].startswith("Curseur invalide")


def test_pages_cover_every_dossier_once_even_when_dossiers_arrive_meanwhile(api):
    formation = FormationFactory()
    created = [DossierFactory(formation=formation).pk for _ in range(23)]
    first = api.get("/api/v1/dossiers", {"limite": 5}).json()
    # New dossiers created between two pages come at the end; none is skipped or repeated.
    created += [DossierFactory(formation=formation).pk for _ in range(3)]

    rest, pages = all_pages(api, "/api/v1/dossiers", {"limite": 5, "curseur": first["curseur_suivant"]})

    seen = [row["id"] for row in first["resultats"]] + rest
    assert seen == sorted(created)
    assert len(seen) == len(set(seen)) == 26
    assert pages == 5  # 21 rows after the first page: 5 + 5 + 5 + 5 + 1


def test_a_deleted_dossier_does_not_shift_the_next_page(api):
    ids = [DossierFactory().pk for _ in range(6)]
    first = api.get("/api/v1/dossiers", {"limite": 3}).json()
    Dossier.objects.filter(pk=ids[1]).delete()

    second = api.get("/api/v1/dossiers", {"limite": 3, "curseur": first["curseur_suivant"]}).json()

    assert [row["id"] for row in second["resultats"]] == ids[3:]
    assert second["curseur_suivant"] is None


def test_filters_hold_across_pages(api):
    formation = FormationFactory()
    wanted = [DossierFactory(formation=formation, status=Dossier.Status.VALIDATED).pk for _ in range(7)]
    for _ in range(5):
        DossierFactory(formation=formation)

    seen, pages = all_pages(api, "/api/v1/dossiers", {"etat": "validated", "limite": 2})

    assert seen == wanted
    assert pages == 4


def queries_of_a_page(api: ApiClient, params: dict) -> int:
    api.get("/api/v1/dossiers", params)  # warm: last_used_at is written at most once a minute
    with CaptureQueriesContext(connection) as captured:
        response = api.get("/api/v1/dossiers", params)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("params", [{}, {"etat": "validated"}, {"limite": 200}])
def test_a_page_of_50_full_dossiers_costs_the_queries_of_a_page_of_5(api, params):
    bench_data.generate(5)  # every tab entered, mentors and remuneration lines included
    with_5 = queries_of_a_page(api, params)

    bench_data.generate(60)
    with_60 = queries_of_a_page(api, params)

    assert with_60 == with_5
    assert with_5 == 4  # the token, the dossiers (with their one-to-one rows), mentors, remuneration lines


def test_the_query_count_test_sees_a_full_page(api):
    bench_data.generate(60)

    assert len(api.get("/api/v1/dossiers").json()["resultats"]) == 50


@pytest.mark.parametrize("value", ["0.5", "1700000000", "2026-05-01T00:00:00", "hier"])
def test_a_date_filter_must_be_an_iso_instant_with_its_offset(api, value):
    # Found by the OpenAPI tests: pydantic alone reads "0.5" as a Unix time.
    response = api.get("/api/v1/dossiers", {"modifie_depuis": value})

    assert response.status_code == 422
    assert response.json()["erreurs"][0]["loc"][-1] == "modifie_depuis"


def test_an_instant_with_any_offset_iso_allows_is_read_in_utc(api):
    # Found by the OpenAPI tests on PostgreSQL, which refuses offsets past ±15:59.
    dossier = DossierFactory()

    response = api.get("/api/v1/dossiers", {"cree_depuis": "0481-11-29T17:48:53-21:08"})

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["resultats"]] == [dossier.pk]
    assert api.get("/api/v1/dossiers", {"cree_depuis": "0001-01-01T00:00:00+23:59"}).status_code == 422


@pytest.mark.parametrize("value", ["0", "20260901", "01/09/2026"])
def test_a_contract_start_filter_must_be_an_iso_date(api, value):
    assert api.get("/api/v1/dossiers", {"debut_contrat_du": value}).status_code == 422
