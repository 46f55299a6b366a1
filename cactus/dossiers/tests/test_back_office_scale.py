"""The back office at scale: folded search, keyset pages, bounded counts (issue 15, parts 3-4).

Run on both databases: `DATABASE_URL=postgres://… pytest this_file` checks that PostgreSQL's
function and trigram indexes answer the same as SQLite's Python fallback, and that the plans
use the indexes.
"""

import base64
import html
import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cactus.accounts.tests.factories import UserFactory
from cactus.dossiers import back_office, keyset, search
from cactus.dossiers.models import Dossier
from cactus.dossiers.tests.factories import DossierFactory
from cactus.dossiers.tests.states import dossier_in
from cactus.dossiers.views import staff
from cactus.formations.tests.factories import FormationFactory

Status = Dossier.Status
pytestmark = pytest.mark.django_db
QUEUE = reverse("dossiers:back_office")
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's indexes and estimates"
)


def found(query: str) -> set[int]:
    return set(search.search(Dossier.objects.all(), query).values_list("pk", flat=True))


# --- search --------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["Lefèvre", "LEFEVRE", "lefevre", "LEFÈVRE", "efèv", "Lefèvre Chloé"])
def test_a_name_is_found_whatever_its_accents_and_case(query):
    accented = DossierFactory(
        with_base_data=True, alternant_last_name="Lefèvre", alternant_first_name="Chloé"
    )
    capitals = DossierFactory(
        with_base_data=True, alternant_last_name="LEFEVRE", alternant_first_name="CHLOE"
    )
    DossierFactory(with_base_data=True, alternant_last_name="Lefort", alternant_first_name="Chloé")

    assert found(query) == {accented.pk, capitals.pk}


def test_a_first_name_and_a_name_with_a_cedilla_or_umlaut_are_found():
    francois = DossierFactory(
        with_base_data=True, alternant_last_name="Müller", alternant_first_name="François"
    )
    DossierFactory(with_base_data=True, alternant_last_name="Martin", alternant_first_name="Franck")

    assert found("francois") == {francois.pk}
    assert found("MULLER") == {francois.pk}


def test_e_mails_of_the_alternant_and_of_the_contact_are_searched_case_folded():
    by_alternant = DossierFactory(alternant=UserFactory(email="zoe.nguyen@etudiant.test"))
    by_contact = DossierFactory(employer_contact=UserFactory(email="rh@nguyen-batiment.test"))
    DossierFactory(alternant=UserFactory(email="autre@etudiant.test"))

    assert found("NGUYEN") == {by_alternant.pk, by_contact.pk}
    assert found("rh@nguyen") == {by_contact.pk}
    assert found("Zoe.Nguyen@Etudiant.test") == {by_alternant.pk}  # a whole address, any case
    assert found("oe.nguyen@etudiant.test") == set()  # a whole address is not a part of another


def test_a_siret_is_found_by_prefix_or_in_full_with_or_without_spaces():
    company = DossierFactory(with_base_data=True, siret="73282932000074")
    DossierFactory(with_base_data=True, siret="55210055400013")

    assert found("73282932000074") == {company.pk}
    assert found("732 829 320 00074") == {company.pk}
    assert found("732829") == {company.pk}
    assert found("32932000074") == set()  # a SIRET is searched from its start


def test_like_wildcards_in_the_query_are_plain_characters():
    DossierFactory(with_base_data=True, alternant_last_name="Dupont")

    assert found("%") == set()
    assert found("D_pont") == set()


def test_a_responsables_search_never_returns_another_formations_dossier(client, formation, formation_manager):
    mine = dossier_in(Status.DRAFT, formation=formation, alternant_last_name="Lefèvre")
    dossier_in(Status.DRAFT, formation=FormationFactory(), alternant_last_name="Lefèvre")
    dossier_in(Status.DRAFT, formation=FormationFactory(), siret="73282932000099")
    client.force_login(formation_manager)

    by_name = client.get(QUEUE, {"q": "lefevre"}).context["rows"]
    by_siret = client.get(QUEUE, {"q": "7328293200"}).context["rows"]

    assert [row["dossier"] for row in by_name] == [mine]
    assert [row["dossier"] for row in by_siret] == [mine]  # dossier_in's SIRET is 73282932000074


def plan_of(queryset) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table would be scanned anyway
        sql, params = queryset.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@on_postgresql
def test_postgresql_answers_a_search_from_its_indexes():
    from cactus.accounts.models import User

    DossierFactory(with_base_data=True, alternant=UserFactory(email="zoe.nguyen@etudiant.test"))
    dossiers = Dossier.objects.all()

    assert "dossier_name_trgm" in plan_of(search.search(dossiers, "Lefèvre"))
    assert "dossier_siret_prefix" in plan_of(search.search(dossiers, "7328293"))
    assert "user_email_trgm" in plan_of(User.objects.filter(email__icontains="nguyen@"))
    by_email = plan_of(search.search(dossiers, "nguyen@"))
    assert "alternant_id" in by_email and "employer_contact" in by_email  # BitmapOr on the dossier's indexes
    assert "Seq Scan" not in by_email


def test_a_search_matching_many_e_mails_is_still_right(monkeypatch):
    monkeypatch.setattr(search, "EMAIL_MATCHES", 2)
    expected = {
        DossierFactory(alternant=UserFactory(email=f"eleve{n}@lycee-pasteur.test")).pk for n in range(4)
    }
    DossierFactory(alternant=UserFactory(email="autre@ailleurs.test"))

    assert found("lycee-pasteur") == expected


# --- keyset pagination ---------------------------------------------------------------------

AT = datetime(2026, 9, 1, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))


@pytest.fixture
def many():
    """23 dossiers in groups sharing the same creation time and contract start (some without one)."""
    formation = FormationFactory()
    dossiers = []
    for number in range(23):
        start = None if number % 5 == 0 else date(2026, 9, 1) + timedelta(days=number % 3)
        dossiers.append(
            DossierFactory(
                formation=formation, created_at=AT + timedelta(hours=number // 4), contract_start=start
            )
        )
    return Dossier.objects.filter(formation=formation)


def walk(queryset, ordering, size):
    pages, cursor = [], None
    while True:
        page = back_office.keyset_page(queryset, ordering, size, cursor)
        pages.append(page)
        if not page.next_cursor:
            return pages
        cursor = page.next_cursor


@pytest.mark.parametrize(
    "ordering",
    [
        ("-created_at", "-pk"),
        ("created_at",),
        ("contract_start", "pk"),
        ("-contract_start", "-pk"),
        ("-contract_start", "created_at"),
        ("formation__title", "-created_at"),
        back_office.ordering("echeance"),  # F("contract_start").asc(nulls_last=True), "pk"
        back_office.ordering("-echeance"),
        back_office.ordering("alternant"),
    ],
)
@pytest.mark.parametrize("size", [1, 4, 5, 23, 50])
def test_pages_follow_the_ordering_with_no_duplicate_nor_gap_and_previous_goes_back(many, ordering, size):
    pages = walk(many, ordering, size)
    rows = [dossier.pk for page in pages for dossier in page.rows]
    expected = sorted_like_the_page(many, ordering)

    assert rows == expected
    assert pages[0].previous_cursor is None
    assert all(len(page.rows) == size for page in pages[:-1])
    for before, after in zip(pages, pages[1:], strict=False):
        back = back_office.keyset_page(many, ordering, size, after.previous_cursor)
        assert [d.pk for d in back.rows] == [d.pk for d in before.rows]
        assert back.next_cursor is not None
        assert (back.previous_cursor is None) == (before is pages[0])


def sorted_like_the_page(queryset, ordering) -> list[int]:
    """The order in Python: NULL last in either direction, the pk breaking ties."""
    fields = keyset.with_tiebreaker(ordering)
    rows = list(
        queryset.values(
            "pk",
            "created_at",
            "contract_start",
            "formation__title",
            "alternant_last_name",
            "alternant_first_name",
        )
    )

    def key(row):
        parts = []
        for name in fields:
            value = row[name.lstrip("-")]
            parts.append(Reversible(value, descending=name.startswith("-")))
        return parts

    return [row["pk"] for row in sorted(rows, key=key)]


class Reversible:
    def __init__(self, value, *, descending):
        self.value, self.descending = value, descending

    def __lt__(self, other):
        if self.value is None or other.value is None:
            return other.value is None and self.value is not None  # NULL last both ways
        return self.value > other.value if self.descending else self.value < other.value

    def __eq__(self, other):
        return self.value == other.value


def test_a_row_added_before_the_cursor_neither_repeats_nor_shifts_the_next_page(many):
    first = back_office.keyset_page(many, ("-created_at", "-pk"), 5)
    DossierFactory(formation=many.first().formation, created_at=AT + timedelta(days=30))  # newest of all

    second = back_office.keyset_page(many, ("-created_at", "-pk"), 5, first.next_cursor)

    assert not {d.pk for d in first.rows} & {d.pk for d in second.rows}
    assert second.rows[0].pk == sorted_like_the_page(many, ("-created_at", "-pk"))[6]


@pytest.mark.parametrize(
    "cursor", ["nimportequoi", "W10", keyset.encode("n", [1]), keyset.encode("x", [1, 2])]
)
def test_a_cursor_made_by_hand_is_refused_and_the_page_shows_the_start(client, cfa_advisor, many, cursor):
    with pytest.raises(keyset.InvalidCursor):
        back_office.keyset_page(many, ("-created_at", "-pk"), 5, cursor)
    client.force_login(cfa_advisor)

    response = client.get(QUEUE, {"curseur": cursor})

    assert response.status_code == 200
    assert len(response.context["rows"]) == 23


def test_the_back_office_pages_through_its_links_and_keeps_the_filters(client, cfa_advisor):
    formation = FormationFactory()
    for _ in range(51):
        dossier_in(Status.VALIDATED, formation=formation)
    dossier_in(Status.DRAFT, formation=formation)
    client.force_login(cfa_advisor)

    first = client.get(QUEUE, {"status": "validated"})
    html = first.content.decode()
    link = html.split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&")
    second = client.get(QUEUE + link)

    assert "status=validated" in link
    assert [row["dossier"].status for row in second.context["rows"]] == [Status.VALIDATED]
    assert {r["dossier"].pk for r in first.context["rows"]} | {
        second.context["rows"][0]["dossier"].pk
    } == set(Dossier.objects.filter(status=Status.VALIDATED).values_list("pk", flat=True))


# --- counts --------------------------------------------------------------------------------


def test_the_count_stops_at_the_cap_and_says_plus_de(client, cfa_advisor, monkeypatch):
    monkeypatch.setattr(back_office, "COUNT_CAP", 3)
    monkeypatch.setattr(staff, "PAGE_SIZE", 2)  # a list of one page is counted by its rows
    formation = FormationFactory()
    for _ in range(5):
        dossier_in(Status.VALIDATED, formation=formation)
    client.force_login(cfa_advisor)

    narrowed = client.get(QUEUE, {"formation": formation.pk}).content.decode()
    three = client.get(QUEUE, {"formation": formation.pk, "q": "nobody"}).content.decode()

    assert "Plus de 3 dossiers : affinez la recherche ou les filtres pour les compter." in narrowed
    assert "0 dossier." in three


@on_postgresql
def test_the_whole_file_is_counted_by_postgresqls_estimate_and_says_so(client, cfa_advisor, monkeypatch):
    monkeypatch.setattr(back_office, "COUNT_CAP", 3)
    monkeypatch.setattr(staff, "PAGE_SIZE", 2)
    for _ in range(6):
        DossierFactory()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE dossiers_dossier")  # counts this transaction's rows as live
    client.force_login(cfa_advisor)

    html = client.get(QUEUE).content.decode()

    assert "Environ 6 dossiers au total (estimation de la base de données)." in html


def test_a_list_on_one_page_is_counted_by_its_rows_without_a_query(client, cfa_advisor):
    formation = FormationFactory()
    for _ in range(3):
        dossier_in(Status.VALIDATED, formation=formation)
    client.force_login(cfa_advisor)
    client.get(QUEUE, {"formation": formation.pk})  # the session's first page; the caches fill

    with CaptureQueriesContext(connection) as queries:
        html = client.get(QUEUE, {"formation": formation.pk}).content.decode()

    assert "3 dossiers." in html
    assert not [query for query in queries if "COUNT(" in query["sql"].upper()]


def test_a_long_narrowed_list_shows_the_databases_estimate_and_says_so(client, cfa_advisor, monkeypatch):
    # Counting a common name even to the cap read all its matches (28,000 at 10^6 dossiers).
    monkeypatch.setattr(back_office, "_estimated_count", lambda dossiers: 28_000)
    monkeypatch.setattr(staff, "PAGE_SIZE", 2)
    for _ in range(3):
        DossierFactory(with_base_data=True, alternant_last_name="Lefèvre")
    client.force_login(cfa_advisor)

    with CaptureQueriesContext(connection) as queries:
        html = client.get(QUEUE, {"q": "Lefèvre"}).content.decode()

    assert "Environ 28\u202f000 dossiers (estimation de la base de données)" in html
    counts = [query["sql"] for query in queries if "COUNT(" in query["sql"].upper()]
    assert not [sql for sql in counts if "LEFEVRE" in sql]  # the queues' counts only


@on_postgresql
def test_the_estimate_of_a_list_is_postgresqls_plan():
    for _ in range(6):
        DossierFactory()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE dossiers_dossier")

    assert back_office._estimated_count(Dossier.objects.all()) == 6


def test_a_responsable_is_never_shown_the_estimate_of_the_whole_file(client, formation, formation_manager):
    dossier_in(Status.DRAFT, formation=formation)
    dossier_in(Status.DRAFT)
    client.force_login(formation_manager)

    assert "1 dossier." in client.get(QUEUE).content.decode()


# --- the formation filter: typed, matched on the server (no <select> of 4,000 formations) ---


def test_the_formation_filter_is_a_text_field_that_shows_the_chosen_formation_by_its_title(
    client, cfa_advisor
):
    # Deliberate UI change: a <select> of every formation was 4,000 options (450 KB) at 10^6 dossiers.
    chosen = FormationFactory(title="BTS <MCO> & co")
    other = FormationFactory(title="CAP Cuisine")
    mine = dossier_in(Status.VALIDATED, formation=chosen)
    dossier_in(Status.VALIDATED, formation=other)
    client.force_login(cfa_advisor)

    response = client.get(QUEUE, {"formation": chosen.pk})  # a link's ?formation=<id>
    html = response.content.decode()

    assert [row["dossier"].pk for row in response.context["rows"]] == [mine.pk]
    assert '<select name="formation"' not in html and "CAP Cuisine</option>" not in html
    assert 'name="formation" value="BTS &lt;MCO&gt; &amp; co"' in html


@pytest.mark.parametrize("typed", ["mco", "BTS <MCO> & CO", "32022310", "RNCP38368", "  bts   <mco> "])
def test_a_formation_is_found_by_a_part_of_its_title_or_by_its_codes(client, cfa_advisor, typed):
    chosen = FormationFactory(title="BTS <MCO> & co", diploma_code="32022310", rncp="RNCP38368")
    FormationFactory(title="CAP Cuisine")
    mine = dossier_in(Status.VALIDATED, formation=chosen)
    client.force_login(cfa_advisor)

    response = client.get(QUEUE, {"formation": typed})

    assert response.context["filters"].cleaned_data["formation"] == chosen
    assert [row["dossier"].pk for row in response.context["rows"]] == [mine.pk]


def test_a_formation_typed_that_matches_several_or_none_says_so(client, cfa_advisor):
    FormationFactory(title="BTS MCO Lyon")
    FormationFactory(title="BTS MCO Paris")
    client.force_login(cfa_advisor)

    several = client.get(QUEUE, {"formation": "bts mco"}).content.decode()
    none = client.get(QUEUE, {"formation": "Boulangerie"}).content.decode()

    assert (
        "Plusieurs formations correspondent à « bts mco » (BTS MCO Lyon ; BTS MCO Paris) : précisez."
        in several
    )
    assert "Aucune formation ne correspond à « Boulangerie »" in none


def test_formations_of_the_same_title_are_named_with_what_tells_them_apart(client, cfa_advisor):
    # Two formations "BTS MCO" could never be told apart: "(BTS MCO ; BTS MCO) : précisez."
    lyon = FormationFactory(title="BTS MCO", diploma_code="32022310", rncp="RNCP38368")
    paris = FormationFactory(title="BTS MCO", diploma_code="32022311", rncp="RNCP38368")
    FormationFactory(title="BTS MCO alternance")
    client.force_login(cfa_advisor)

    page = client.get(QUEUE, {"formation": "BTS MCO"}).content.decode()

    assert (
        f"Plusieurs formations correspondent à « BTS MCO » (BTS MCO (n° {lyon.pk}, code diplôme 32022310) ; "
        f"BTS MCO (n° {paris.pk}, code diplôme 32022311)) : précisez."
    ) in html.unescape(page)
    assert "n° de la formation" in page  # the help text says the number works


@pytest.mark.parametrize("typed", ["n° {pk}", "N°{pk}", "no {pk}", "#{pk}", "{pk}"])
def test_a_formation_is_found_by_the_number_the_message_shows(client, cfa_advisor, typed):
    FormationFactory(title="BTS MCO")
    chosen = FormationFactory(title="BTS MCO")
    mine = dossier_in(Status.VALIDATED, formation=chosen)
    client.force_login(cfa_advisor)

    response = client.get(QUEUE, {"formation": typed.format(pk=chosen.pk)})
    shown = f"BTS MCO (n° {chosen.pk})"
    again = client.get(QUEUE, {"formation": shown, "sort": "debut"})  # the form sent again as shown

    assert response.context["filters"].cleaned_data["formation"] == chosen
    assert [row["dossier"].pk for row in response.context["rows"]] == [mine.pk]
    assert f'name="formation" value="{shown}"' in html.unescape(response.content.decode())
    assert again.context["filters"].cleaned_data["formation"] == chosen


def test_a_responsable_cannot_type_the_number_of_another_formation(client, formation, formation_manager):
    other = FormationFactory(title=formation.title)
    dossier_in(Status.DRAFT, formation=other)
    client.force_login(formation_manager)

    by_number = client.get(QUEUE, {"formation": f"n° {other.pk}"})
    as_shown = client.get(QUEUE, {"formation": f"{other.title} (n° {other.pk})"})

    assert by_number.context["rows"] == [] and "formation" in by_number.context["filters"].errors
    assert as_shown.context["filters"].cleaned_data.get("formation") != other
    assert as_shown.context["rows"] == []


def test_another_formations_id_never_matches_a_title_holding_its_digits(client, cfa_advisor):
    hidden_id = FormationFactory().pk + 1000
    FormationFactory(title=f"BTS promotion {hidden_id}")
    client.force_login(cfa_advisor)

    response = client.get(QUEUE, {"formation": hidden_id})

    assert "formation" in response.context["filters"].errors


def test_a_responsable_cannot_type_another_formation(client, formation, formation_manager):
    other = FormationFactory(title="CAP Cuisine")
    dossier_in(Status.DRAFT, formation=other)
    client.force_login(formation_manager)

    by_id = client.get(QUEUE, {"formation": other.pk})
    by_title = client.get(QUEUE, {"formation": "CAP Cuisine"})

    assert "formation" in by_id.context["filters"].errors
    assert "formation" in by_title.context["filters"].errors
    assert by_title.context["rows"] == []


def test_a_cursor_of_another_sort_is_refused(many):
    newest = back_office.keyset_page(many, ("-created_at", "-pk"), 5)

    with pytest.raises(keyset.InvalidCursor):
        back_office.keyset_page(many, ("created_at", "pk"), 5, newest.next_cursor)


def test_the_sorted_columns_page_through_cursors(client, cfa_advisor):
    formation = FormationFactory()
    for day in range(53):
        dossier_in(
            Status.VALIDATED, formation=formation, contract_start=date(2026, 9, 1) + timedelta(days=day % 7)
        )
    client.force_login(cfa_advisor)

    first = client.get(QUEUE, {"sort": "debut"})
    second = client.get(QUEUE, {"sort": "debut", "curseur": first.context["page"].next_cursor})
    starts = [
        row["dossier"].contract_start for response in (first, second) for row in response.context["rows"]
    ]

    assert len(starts) == 53 and starts == sorted(starts)
    assert len({row["dossier"].pk for r in (first, second) for row in r.context["rows"]}) == 53


NEWEST = keyset._signature(keyset.with_tiebreaker(("-created_at", "-pk")))


def raw_cursor(values) -> str:
    """A cursor of the back office's default sort, its values written by hand (as they are stored)."""
    payload = json.dumps(["n", values, NEWEST])
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "values",
    [
        ["pas-une-date", 1],
        [{"dec": "pas-un-nombre"}, 1],
        [{"dt": "2026-09-01T00:00:00+00:00"}, "pas-un-id"],
    ],
)
def test_a_cursor_of_the_right_sort_with_values_of_the_wrong_type_is_refused(
    client, cfa_advisor, many, values
):
    cursor = raw_cursor(values)
    with pytest.raises(keyset.InvalidCursor):
        back_office.keyset_page(many, ("-created_at", "-pk"), 5, cursor)
    client.force_login(cfa_advisor)

    response = client.get(QUEUE, {"curseur": cursor})

    assert response.status_code == 200
    assert len(response.context["rows"]) == 23
