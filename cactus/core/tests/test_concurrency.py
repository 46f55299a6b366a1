"""Concurrency: many people (or double clicks) at once never give two transitions or a lost update.

The threaded tests need real row locks, so they run on PostgreSQL only; SQLite serialises every
write on the whole file and would prove nothing. The sequential "stale page" tests run everywhere.
"""

import html
from collections import Counter

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from cactus.core.tests import figures
from cactus.core.tests.bursts import at_once
from cactus.core.tests.html_forms import data_form
from cactus.core.tests.world import make_dossier_in_state, reload_reference_data
from cactus.dossiers import services, tabs
from cactus.dossiers.exceptions import DossierError
from cactus.dossiers.models import Dossier, DossierEvent

THREADS = 50
STALE_PAGE = "Ce dossier a été modifié par quelqu'un d'autre pendant votre saisie."

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Needs PostgreSQL row locks (SELECT … FOR UPDATE); SQLite locks the whole file. "
    "Run with DATABASE_URL=postgres://… to exercise it.",
)


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    reload_reference_data()


def fire_at_once(count: int, action) -> Counter:
    """Run `action(index)` in `count` threads released together; count outcomes by result or error text."""

    def attempt(index: int) -> str:
        try:
            action(index)
        except DossierError as error:
            return str(error)
        return "done"

    outcomes = at_once(count, attempt)
    figures.record("concurrency: simultaneous attempts", count)
    return outcomes


@pytest.fixture
def complete_draft(formation, alternant, employer_contact):
    return make_dossier_in_state(
        Dossier.Status.DRAFT, formation=formation, alternant=alternant, employer_contact=employer_contact
    )


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_saves_of_the_same_page_give_one_save_and_forty_nine_clear_refusals(
    complete_draft, cfa_admin
):
    version = complete_draft.version
    saves_before = DossierEvent.objects.filter(
        dossier=complete_draft, action=DossierEvent.Action.TAB_SAVED
    ).count()

    outcomes = fire_at_once(
        THREADS,
        lambda index: services.save_base_data(
            dossier=complete_draft,
            data={"alternant_last_name": f"Nom{index}", "alternant_first_name": f"Prénom{index}"},
            by=cfa_admin,
            expected_version=version,
        ),
    )

    assert outcomes["done"] == 1, outcomes
    assert sum(count for outcome, count in outcomes.items() if outcome.startswith(STALE_PAGE)) == THREADS - 1
    complete_draft.refresh_from_db()
    assert complete_draft.version == version + 1
    # Whoever won, their whole page was saved: the name and first name come from the same person.
    assert complete_draft.alternant_last_name.removeprefix(
        "Nom"
    ) == complete_draft.alternant_first_name.removeprefix("Prénom")
    saves = DossierEvent.objects.filter(dossier=complete_draft, action=DossierEvent.Action.TAB_SAVED).count()
    assert saves == saves_before + 1
    figures.record("concurrency: transitions or saves that happened", 1)


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_simultaneous_contact_changes_leave_a_consistent_history(complete_draft, formation_manager):
    outcomes = fire_at_once(
        10,
        lambda index: services.set_employer_contact(
            dossier=complete_draft, email=f"contact{index}@entreprise.test", by=formation_manager
        ),
    )

    assert outcomes == Counter({"done": 10})
    complete_draft.refresh_from_db()
    events = DossierEvent.objects.filter(
        dossier=complete_draft, action=DossierEvent.Action.EMPLOYER_CONTACT_CHANGED
    ).order_by("pk")
    chain = [event.changes["employer_contact"] for event in events]
    # Each change starts from the previous one's result: no change was made on a stale read.
    for previous, current in zip(chain, chain[1:], strict=False):
        assert current[0] == previous[1]
    assert chain[-1][1] == complete_draft.employer_contact.email


def lifecycle_transitions():
    transitions = pytest.importorskip(
        "cactus.dossiers.transitions", reason="life-cycle services not merged yet"
    )
    return transitions


@postgresql_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("start", "service", "target"),
    [
        (Dossier.Status.DRAFT, "request_validation", Dossier.Status.VALIDATION_REQUESTED),
        (Dossier.Status.VALIDATION_REQUESTED, "validate_dossier", Dossier.Status.VALIDATED),
        (Dossier.Status.DOCUMENTS_VALIDATED, "mark_sent_to_opco", Dossier.Status.SENT_TO_OPCO),
    ],
)
def test_fifty_simultaneous_clicks_on_a_transition_move_the_dossier_once(
    start, service, target, formation, alternant, employer_contact, cfa_admin
):
    transition = getattr(lifecycle_transitions(), service)
    dossier = make_dossier_in_state(
        start, formation=formation, alternant=alternant, employer_contact=employer_contact
    )

    outcomes = fire_at_once(THREADS, lambda index: transition(dossier=dossier, by=cfa_admin))

    assert outcomes["done"] == 1, outcomes
    assert not [outcome for outcome in outcomes if outcome.startswith("crash")], outcomes
    dossier.refresh_from_db()
    assert dossier.status == target
    moves = DossierEvent.objects.filter(
        dossier=dossier, action=DossierEvent.Action.STATUS_CHANGED, to_status=target
    )
    assert moves.count() == 1
    figures.record("concurrency: transitions or saves that happened", 1)


# --- Sequential: the stale page is refused with a clear French message (SQLite and PostgreSQL)


@pytest.mark.django_db
def test_the_second_of_two_people_on_the_same_tab_is_told_to_reload_and_loses_nothing_silently(
    complete_draft, formation_manager, employer_contact
):
    url = reverse("dossiers:tab", kwargs={"pk": complete_draft.pk, "tab": tabs.BASE.key})
    first, second = Client(), Client()
    first.force_login(formation_manager)
    second.force_login(employer_contact)
    first_form = data_form(first.get(url).content.decode()).payload()
    second_form = data_form(second.get(url).content.decode()).payload()

    contract_end = complete_draft.contract_end
    saved = first.post(url, first_form | {"alternant_last_name": "Martin"})
    refused = second.post(url, second_form | {"alternant_last_name": "Bernard", "contract_end": "2027-09-30"})

    assert saved.status_code == 302
    assert refused.status_code == 200
    assert STALE_PAGE in html.unescape(refused.content.decode())
    complete_draft.refresh_from_db()
    assert complete_draft.alternant_last_name == "Martin"
    # The second person's other change was not half-applied.
    assert complete_draft.contract_end == contract_end
