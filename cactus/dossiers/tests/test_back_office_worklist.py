"""The advisor's work list: where staff land, who must act, the OPCO deadline with days left,
sorting, and the CSV of the ticked dossiers."""

import csv
import io
from datetime import date

import pytest
import time_machine
from django.db.models import Value
from django.urls import reverse

from cactus.accounts.tests.factories import PASSWORD
from cactus.dossiers import back_office, extensions
from cactus.dossiers.models import Dossier
from cactus.dossiers.tests.factories import DossierFactory, complete_dossier
from cactus.dossiers.tests.states import dossier_in
from cactus.formations.tests.factories import FormationFactory

Status = Dossier.Status
pytestmark = pytest.mark.django_db
QUEUE = reverse("dossiers:back_office")


@pytest.mark.parametrize(
    "role, landing",
    [
        ("cfa_advisor", "dossiers:back_office"),
        ("cfa_admin", "dossiers:back_office"),
        ("formation_manager", "dossiers:back_office"),
        ("employer_contact", "dossiers:list"),
        ("alternant", "dossiers:list"),
    ],
)
def test_after_logging_in_staff_land_on_the_back_office_and_the_others_on_their_dossiers(
    client, request, formation, role, landing
):
    user = request.getfixturevalue(role)

    logged_in = client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    home = client.get(logged_in["Location"])

    assert home.status_code == 302
    assert home["Location"] == reverse(landing)


@time_machine.travel("2026-09-03 10:00 +0200", tick=False)
def test_each_row_says_who_must_act_and_the_jours_ouvrables_left_before_the_opco_deadline(
    client, cfa_advisor
):
    # 5 jours ouvrables after the start; started Tuesday 1 September, due Monday 7 September
    # (Wednesday to Saturday, then Monday: Sunday is no jour ouvrable).
    dossier_in(Status.DOCUMENTS_VALIDATED, contract_start=date(2026, 9, 1))
    client.force_login(cfa_advisor)

    response = client.get(QUEUE)

    [row] = response.context["rows"]
    assert row["next_actor"] == "Le contact alternance"
    (label, deadline), *others = row["deadlines"]  # then the columns of the apps above, none running
    assert label == "Échéance OPCO" and all(running is None for _, running in others)
    assert (deadline.due, deadline.days_left, deadline.short) == (date(2026, 9, 7), 3, "J-3")
    assert "3 jours ouvrables restants" in response.content.decode()


@time_machine.travel("2026-09-09 10:00 +0200", tick=False)
def test_a_passed_deadline_shows_how_late_and_a_finished_dossier_shows_none(client, cfa_advisor):
    late = dossier_in(Status.VALIDATED, contract_start=date(2026, 9, 1))
    dossier_in(Status.SENT_TO_OPCO, contract_start=date(2026, 9, 1))
    client.force_login(cfa_advisor)

    rows = {row["dossier"].pk: row for row in client.get(QUEUE).context["rows"]}

    assert rows[late.pk]["deadlines"][0][1].short == "J+2"  # due Monday 7th; Tuesday, Wednesday passed
    assert rows[late.pk]["deadlines"][0][1].text == "dépassée de 2 jours ouvrables"
    finished = next(row for pk, row in rows.items() if pk != late.pk)
    assert finished["deadlines"][0][1] is None and finished["next_actor"] == ""


def _three_dossiers():
    return [
        dossier_in(
            Status.VALIDATION_REQUESTED, alternant_last_name="Bernard", contract_start=date(2026, 9, 14)
        ),
        dossier_in(
            Status.VALIDATION_REQUESTED, alternant_last_name="Albert", contract_start=date(2026, 9, 1)
        ),
        dossier_in(
            Status.VALIDATION_REQUESTED, alternant_last_name="Charles", contract_start=date(2026, 9, 7)
        ),
    ]


def names(response) -> list[str]:
    return [row["dossier"].alternant_last_name for row in response.context["rows"]]


def test_a_queue_lists_the_most_urgent_dossiers_first(client, cfa_advisor):
    _three_dossiers()
    client.force_login(cfa_advisor)

    response = client.get(QUEUE, {"queue": "formation"})

    assert names(response) == ["Albert", "Charles", "Bernard"]
    assert 'aria-sort="ascending"' in response.content.decode()


def test_a_column_header_sorts_the_list_and_sorts_it_backwards_when_clicked_again(client, cfa_advisor):
    _three_dossiers()
    client.force_login(cfa_advisor)

    by_name = client.get(QUEUE, {"sort": "alternant"})
    header = by_name.context["sorts"]["alternant"]
    backwards = client.get(f"{QUEUE}?{header['query']}")

    assert names(by_name) == ["Albert", "Bernard", "Charles"]
    assert header["aria_sort"] == "ascending" and "sort=-alternant" in header["query"]
    assert names(backwards) == ["Charles", "Bernard", "Albert"]
    assert backwards.context["sorts"]["alternant"]["aria_sort"] == "descending"


def test_an_unknown_sort_falls_back_to_the_newest_first(client, cfa_advisor):
    first, second, third = _three_dossiers()
    client.force_login(cfa_advisor)

    response = client.get(QUEUE, {"sort": "nir; drop table"})

    assert [row["dossier"] for row in response.context["rows"]] == [third, second, first]


def test_every_sort_ends_with_the_primary_key_so_the_order_is_total():
    for key in back_office.SORTS:
        assert back_office.ordering(key)[-1] == "pk"
        assert back_office.ordering(f"-{key}")[-1] == "-pk"


def test_an_app_above_adds_a_deadline_column_with_its_own_unit(client, cfa_advisor, monkeypatch):
    dossier_in(Status.VALIDATED, contract_start=date(2026, 9, 1))
    column = extensions.DeadlineColumn(
        "opco_reply",
        "Réponse de l'OPCO",
        lambda dossier, today: extensions.RunningDeadline(due=date(2026, 9, 21), days_left=20, unit="jour"),
    )
    monkeypatch.setattr(extensions, "_deadline_columns", {column.key: column})
    client.force_login(cfa_advisor)

    response = client.get(QUEUE)

    assert [label for label, _ in response.context["rows"][0]["deadlines"]] == [
        "Échéance OPCO",
        "Réponse de l'OPCO",
    ]
    assert "20 jours restants" in response.content.decode()


def rows_of(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def test_the_csv_of_the_ticked_dossiers_holds_only_them(client, cfa_advisor):
    first, second, third = _three_dossiers()
    client.force_login(cfa_advisor)

    response = client.get(reverse("dossiers:back_office_csv"), {"dossier": [first.pk, third.pk]})

    assert sorted(int(row["Numéro"]) for row in rows_of(response)) == sorted([first.pk, third.pk])


def test_a_responsable_cannot_export_a_dossier_of_another_formation_by_ticking_it(
    client, formation, formation_manager
):
    mine = DossierFactory(formation=formation, with_base_data=True)
    other = DossierFactory(formation=FormationFactory(), with_base_data=True)
    client.force_login(formation_manager)

    response = client.get(reverse("dossiers:back_office_csv"), {"dossier": [mine.pk, other.pk, "x"]})

    assert [int(row["Numéro"]) for row in rows_of(response)] == [mine.pk]


def test_ticked_values_that_are_not_ids_are_left_out_of_the_csv(client, cfa_advisor):
    first, _, _ = _three_dossiers()
    client.force_login(cfa_advisor)

    # "²" passes str.isdigit() but not int(); the long one is past any database id.
    response = client.get(reverse("dossiers:back_office_csv"), {"dossier": [first.pk, "²", "9" * 30]})

    assert [int(row["Numéro"]) for row in rows_of(response)] == [first.pk]


def test_each_row_has_a_labelled_box_to_tick_for_the_export(client, cfa_advisor):
    dossier = dossier_in(Status.VALIDATED, alternant_last_name="Albert")
    client.force_login(cfa_advisor)

    page = client.get(QUEUE).content.decode()

    assert f'name="dossier" value="{dossier.pk}" form="selection"' in page
    assert 'aria-label="Sélectionner le dossier de ALBERT Marie"' in page


def test_while_tabs_are_missing_both_the_alternant_and_the_contact_must_act(client, cfa_advisor):
    DossierFactory(with_base_data=True, is_entry_complete=False)
    client.force_login(cfa_advisor)

    [row] = client.get(QUEUE).context["rows"]

    assert row["next_action"] == "Compléter la saisie des onglets"
    assert row["next_actor"] == "L'alternant et le contact alternance"


def test_a_deadline_column_prepares_what_it_reads_once_for_the_page(client, cfa_advisor, monkeypatch):
    dossier_in(Status.VALIDATED, contract_start=date(2026, 9, 1))
    dossier_in(Status.VALIDATED, contract_start=date(2026, 9, 2))
    column = extensions.DeadlineColumn(
        "signatures",
        "Signatures",
        lambda dossier, today: extensions.RunningDeadline(
            due=date(2026, 9, 30), days_left=dossier.signed_days
        ),
        prepare=lambda dossiers: dossiers.annotate(signed_days=Value(4)),
    )
    monkeypatch.setattr(extensions, "_deadline_columns", {column.key: column})
    client.force_login(cfa_advisor)

    rows = client.get(QUEUE).context["rows"]

    assert [row["deadlines"][1][1].short for row in rows] == ["J-4", "J-4"]


def test_a_column_of_the_apps_above_shows_only_when_a_dossier_of_the_page_has_that_deadline(
    client, cfa_advisor, clean_deadline_columns
):
    complete_dossier()
    flagged = complete_dossier()
    running = extensions.RunningDeadline(due=date(2026, 12, 20), days_left=13, unit="jour")
    clean_deadline_columns.add_deadline_column(
        extensions.DeadlineColumn(
            "test_col", "Colonne essai", lambda d, today: running if d.pk == flagged.pk else None
        )
    )
    client.force_login(cfa_advisor)

    shown = client.get(reverse("dossiers:back_office"))
    flagged.delete()
    hidden = client.get(reverse("dossiers:back_office"))

    assert "Colonne essai" in shown.content.decode()
    assert [label for label, _ in shown.context["rows"][0]["deadlines"]] == [
        "Échéance OPCO",
        "Colonne essai",
    ]
    assert "Colonne essai" not in hidden.content.decode()
    assert [label for label, _ in hidden.context["rows"][0]["deadlines"]] == ["Échéance OPCO"]


@pytest.fixture
def clean_deadline_columns():
    saved = dict(extensions._deadline_columns)
    extensions._deadline_columns.clear()
    yield extensions
    extensions._deadline_columns.clear()
    extensions._deadline_columns.update(saved)


@time_machine.travel("2026-09-09 10:00 +0200", tick=False)
def test_a_row_shows_the_same_cells_as_the_template_did_with_every_value_escaped(client, cfa_advisor):
    # The rows are rendered in Python (templatetags/worklist_tags.py), for speed at 10^6 dossiers.
    dossier = dossier_in(
        Status.VALIDATED,
        alternant_last_name='<b>O"Neil</b>',
        contract_start=date(2026, 9, 1),
        formation=FormationFactory(title="BTS <MCO> & co"),
    )
    client.force_login(cfa_advisor)

    page = client.get(QUEUE).content.decode()

    link = reverse("dossiers:staff_dossier", args=[dossier.pk])
    assert f'<a href="{link}" class="clip">&lt;B&gt;O&quot;NEIL&lt;/B&gt; Marie</a>' in page
    assert "<b>O" not in page
    assert '<span class="clip">BTS &lt;MCO&gt; &amp; co</span>' in page
    assert '<td data-label="État">Validé par la formation</td>' in page
    assert (
        '<td data-label="Échéance OPCO" class="deadline">07/09/2026 <span class="days-left late" '
        'aria-hidden="true">J+2</span><span class="visually-hidden">(dépassée de 2 jours ouvrables)</span></td>'
    ) in page
    assert '<td data-label="Début du contrat">01/09/2026</td>' in page
