from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cactus.accounts.tests.factories import UserFactory
from cactus.documents.tests.pdfs import pdf_bytes
from cactus.dossiers import back_office
from cactus.dossiers.models import Dossier
from cactus.dossiers.tests.states import dossier_in
from cactus.formations.tests.factories import FormationFactory
from cactus.notifications.models import OutgoingEmail

Status = Dossier.Status
pytestmark = pytest.mark.django_db
QUEUE = reverse("dossiers:back_office")


def counts(response) -> dict:
    return {key: count for key, _, count in response.context["queues"]}


@time_machine.travel("2026-09-20 10:00 +0200", tick=False)
def test_queues_count_the_dossiers_waiting_for_each_action(client, cfa_advisor):
    dossier_in(Status.VALIDATION_REQUESTED)
    dossier_in(Status.VALIDATED, economic=False)
    dossier_in(Status.DOCUMENTS_RETURNED)
    dossier_in(Status.DOCUMENTS_VALIDATED)  # started 1 September: due the 7th, so late
    dossier_in(Status.SENT_TO_OPCO)
    client.force_login(cfa_advisor)

    response = client.get(QUEUE)

    # The apps above add their own queues (extensions.add_queue): the built-in ones are checked here.
    built_in = {"formation": 1, "economic": 1, "documents": 1, "late": 4, "smic": 0}
    assert {key: count for key, count in counts(response).items() if key in built_in} == built_in
    late = client.get(QUEUE, {"queue": "late"})
    assert {row["dossier"].status for row in late.context["rows"]} == {
        Status.VALIDATION_REQUESTED,
        Status.VALIDATED,
        Status.DOCUMENTS_RETURNED,
        Status.DOCUMENTS_VALIDATED,
    }


def test_a_responsable_sees_only_their_formations(client, formation, formation_manager):
    mine = dossier_in(Status.VALIDATION_REQUESTED, formation=formation)
    dossier_in(Status.VALIDATION_REQUESTED)
    client.force_login(formation_manager)

    response = client.get(QUEUE)

    assert counts(response)["formation"] == 1
    assert [row["dossier"] for row in response.context["rows"]] == [mine]


@pytest.mark.parametrize("user", ["employer_contact", "alternant", "stranger"])
def test_the_back_office_is_closed_to_the_other_people(client, request, user):
    client.force_login(request.getfixturevalue(user))

    assert client.get(QUEUE).status_code == 403
    assert client.get(reverse("dossiers:back_office_csv")).status_code == 403


@pytest.mark.parametrize("query", ["Dupont", "marie@", "732829"])
def test_search_by_name_email_or_siret(client, cfa_advisor, query):
    found = dossier_in(Status.DRAFT, alternant=UserFactory(email="marie@etudiant.test"))
    dossier_in(Status.DRAFT, alternant_last_name="Martin", siret="55210055400013")
    client.force_login(cfa_advisor)

    rows = client.get(QUEUE, {"q": query}).context["rows"]

    assert [row["dossier"] for row in rows] == [found]


def test_filter_by_advisor_and_state(client, cfa_admin, cfa_advisor):
    other_advisor = UserFactory(cfa_advisor=True)
    mine = dossier_in(Status.VALIDATED, formation=FormationFactory(cfa_advisor=cfa_advisor))
    dossier_in(Status.VALIDATED, formation=FormationFactory(cfa_advisor=other_advisor))
    dossier_in(Status.DRAFT, formation=FormationFactory(cfa_advisor=cfa_advisor))
    client.force_login(cfa_admin)

    rows = client.get(QUEUE, {"advisor": cfa_advisor.pk, "status": "validated"}).context["rows"]

    assert [row["dossier"] for row in rows] == [mine]


def test_the_list_is_paginated(client, cfa_admin):
    formation = FormationFactory()
    for _ in range(51):
        dossier_in(Status.DRAFT, formation=formation)
    client.force_login(cfa_admin)

    first = client.get(QUEUE)
    second = client.get(QUEUE, {"curseur": first.context["page"].next_cursor})

    assert len(first.context["rows"]) == 50
    assert 'rel="next"' in first.content.decode()
    assert len(second.context["rows"]) == 1
    assert 'rel="next"' not in second.content.decode()
    assert 'rel="prev"' in second.content.decode()
    assert "51 dossiers." in second.content.decode()


def test_the_csv_export_follows_the_filters_and_defuses_formulas(client, cfa_advisor):
    dossier_in(Status.VALIDATED, alternant_last_name="=HYPERLINK(1)")
    dossier_in(Status.DRAFT, alternant_last_name="Autre")
    client.force_login(cfa_advisor)

    response = client.get(reverse("dossiers:back_office_csv"), {"status": "validated"})

    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0].startswith("\ufeffNuméro;Nom;Prénom")
    assert len(lines) == 2
    assert ";'=HYPERLINK(1);" in lines[1]
    assert "Validé par la formation" in lines[1]


def test_the_dossier_page_shows_the_history_with_emails(client, formation, formation_manager):
    dossier = dossier_in(Status.VALIDATION_REQUESTED, formation=formation)
    client.force_login(formation_manager)
    client.post(reverse("dossiers:staff_action", args=[dossier.pk, "refuse"]), {"comment": "SIRET erroné"})

    page = client.get(reverse("dossiers:staff_dossier", args=[dossier.pk])).content.decode()

    assert "Changement d&#x27;état" in page and "Validation demandée → Saisie en cours" in page
    assert "« SIRET erroné »" in page
    assert f"à {dossier.employer_contact.email}" in page


@pytest.mark.parametrize("user", ["stranger", "other_manager", "employer_contact"])
def test_strangers_and_other_responsables_get_404_on_the_dossier_page(client, user, formation):
    dossier = dossier_in(Status.VALIDATION_REQUESTED, formation=formation)
    if user == "other_manager":
        person = UserFactory()
        FormationFactory(managers=[person])
    elif user == "stranger":
        person = UserFactory()
    else:
        person = dossier.employer_contact
    client.force_login(person)

    assert client.get(reverse("dossiers:staff_dossier", args=[dossier.pk])).status_code == 404
    assert client.post(reverse("dossiers:staff_action", args=[dossier.pk, "validate"])).status_code == 404
    dossier.refresh_from_db()
    assert dossier.status == Status.VALIDATION_REQUESTED


@pytest.mark.parametrize(
    ("user", "status"), [("formation_manager", 302), ("cfa_admin", 302), ("cfa_advisor", 403)]
)
def test_validation_by_the_formation_from_the_queue(client, request, formation, user, status):
    dossier = dossier_in(Status.VALIDATION_REQUESTED, formation=formation)
    client.force_login(request.getfixturevalue(user))

    response = client.post(reverse("dossiers:staff_action", args=[dossier.pk, "validate"]))

    assert response.status_code == status
    dossier.refresh_from_db()
    assert (dossier.status == Status.VALIDATED) == (status == 302)


def test_valider_stands_apart_from_the_refusal_whose_comment_is_asked_only_to_refuse(
    client, formation, formation_manager
):
    dossier = dossier_in(Status.VALIDATION_REQUESTED, formation=formation)
    client.force_login(formation_manager)

    page = client.get(reverse("dossiers:staff_dossier", args=[dossier.pk])).content.decode()
    validate_form = page.split('id="validate-dossier"')[1].split("</form>")[0]
    refusal = page.split('<details id="refuse-dossier">')[1].split("</details>")[0]

    assert "comment" not in validate_form
    assert 'name="comment"' in refusal and "Refuser et renvoyer en saisie" in refusal
    response = client.post(reverse("dossiers:staff_action", args=[dossier.pk, "validate"]), {"comment": ""})
    assert response.status_code == 302


def test_refusing_without_a_comment_shows_the_error(client, formation, formation_manager):
    dossier = dossier_in(Status.VALIDATION_REQUESTED, formation=formation)
    client.force_login(formation_manager)

    response = client.post(reverse("dossiers:staff_action", args=[dossier.pk, "refuse"]), {"comment": ""})

    assert response.status_code == 200
    assert "ce champ est obligatoire" in response.content.decode()
    assert '<details id="refuse-dossier" open>' in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == Status.VALIDATION_REQUESTED


def test_the_advisor_validates_documents_with_the_stamped_cerfa(client, cfa_advisor):
    dossier = dossier_in(Status.DOCUMENTS_RETURNED)
    client.force_login(cfa_advisor)
    stamped = SimpleUploadedFile("tampon.pdf", pdf_bytes("visé"), content_type="application/pdf")

    response = client.post(
        reverse("dossiers:staff_action", args=[dossier.pk, "validate_documents"]), {"stamped_cerfa": stamped}
    )

    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.DOCUMENTS_VALIDATED
    assert (
        OutgoingEmail.objects.get(name="stamped_cerfa").attachment_path == dossier.documents.get().file.name
    )


def test_reopening_from_the_back_office_needs_a_reason(client, cfa_advisor):
    dossier = dossier_in(Status.DOCUMENTS_VALIDATED)
    client.force_login(cfa_advisor)
    url = reverse("dossiers:staff_action", args=[dossier.pk, "reopen"])

    client.post(url, {"comment": ""})
    dossier.refresh_from_db()
    assert dossier.status == Status.DOCUMENTS_VALIDATED
    client.post(url, {"comment": "Erreur de date"})
    dossier.refresh_from_db()
    assert dossier.status == Status.DRAFT


def test_an_unknown_action_is_404(client, cfa_admin):
    dossier = dossier_in(Status.VALIDATION_REQUESTED)
    client.force_login(cfa_admin)

    assert client.post(reverse("dossiers:staff_action", args=[dossier.pk, "mark_sent"])).status_code == 404


def test_the_queue_counts_are_kept_a_minute_and_the_page_says_so(client, cfa_advisor):
    dossier_in(Status.VALIDATION_REQUESTED)
    client.force_login(cfa_advisor)
    with time_machine.travel("2026-09-20 10:00 +0200", tick=False) as clock:
        first = client.get(QUEUE)
        dossier_in(Status.VALIDATION_REQUESTED)
        clock.shift(59)
        cached = client.get(QUEUE)
        clock.shift(2)
        fresh = client.get(QUEUE)

    assert counts(first)["formation"] == 1
    assert counts(cached)["formation"] == 1
    assert counts(fresh)["formation"] == 2
    assert len(cached.context["rows"]) == 2  # the list itself is never cached
    assert "mis à jour il y a moins d'une minute" in cached.content.decode()


def test_the_conseilleres_and_inscrire_are_kept_a_minute_with_the_counts(client, cfa_advisor):
    # back_office.page_facts: one cache read for the counts, the estimate, "Inscrire un alternant"
    # and the conseillères of the filter (five queries before).
    FormationFactory(is_active=True)
    client.force_login(cfa_advisor)
    with time_machine.travel("2026-09-20 10:00 +0200", tick=False) as clock:
        first = client.get(QUEUE)
        UserFactory(first_name="Zoé", last_name="Nouvelle").groups.add(*cfa_advisor.groups.all())
        clock.shift(30)
        with CaptureQueriesContext(connection) as queries:
            cached = client.get(QUEUE)
        sql = [query["sql"] for query in queries]  # the next request clears the log
        clock.shift(31)
        fresh = client.get(QUEUE)

    assert (
        "Inscrire un alternant" in first.content.decode()
        and "Inscrire un alternant" in cached.content.decode()
    )
    assert "Zoé Nouvelle" not in cached.content.decode()
    assert "Zoé Nouvelle" in fresh.content.decode()
    assert not [query for query in sql if "formations_formation" in query or "reltuples" in query]
    # The person's own groups only, not the conseillères of the filter.
    assert len([query for query in sql if "auth_group" in query]) == 1


def test_a_responsable_never_sees_the_counts_cached_for_cfa_staff(
    client, cfa_advisor, formation, formation_manager
):
    dossier_in(Status.VALIDATION_REQUESTED, formation=formation)
    dossier_in(Status.VALIDATION_REQUESTED)
    client.force_login(cfa_advisor)
    assert counts(client.get(QUEUE))["formation"] == 2

    client.force_login(formation_manager)

    assert counts(client.get(QUEUE))["formation"] == 1


def test_each_queue_is_counted_up_to_the_cap_in_one_query_and_says_so_beyond(monkeypatch):
    # Counting every dossier of a queue read the whole file (1.3-1.9 s at 10^6 dossiers).
    monkeypatch.setattr(back_office, "COUNT_CAP", 2)
    for _ in range(3):
        dossier_in(Status.VALIDATION_REQUESTED)
    dossier_in(Status.DOCUMENTS_RETURNED)
    today = date(2026, 9, 20)
    queues = back_office.queues(today)

    with CaptureQueriesContext(connection) as queries:
        counts = back_office.count_queues(Dossier.objects.all(), {key: q for key, (_, q) in queues.items()})

    capped = [key for key, count in counts.items() if not count.is_exact]
    # One query for every queue; on PostgreSQL, one EXPLAIN more per queue beyond the cap.
    assert len(queries) == 1 + (len(capped) if connection.vendor == "postgresql" else 0)
    assert "formation" in capped

    assert counts["documents"] == 1 and counts["documents"].label == "1"
    beyond = counts["formation"]
    if beyond.kind == "estimate":  # PostgreSQL's estimate (this test's rows may not be analysed yet)
        assert beyond.label.startswith("environ ")
    else:
        assert (beyond.kind, beyond.label) == ("more_than", "plus de 2")
