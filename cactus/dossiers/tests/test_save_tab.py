from datetime import date
from decimal import Decimal

import pytest

from cactus.dossiers import selectors, services, tabs
from cactus.dossiers.exceptions import DossierError, DossierFrozen
from cactus.dossiers.models import Dossier, DossierEvent
from cactus.dossiers.services import save_tab
from cactus.dossiers.tests import tab_data
from cactus.formations.models import Formation
from cactus.referentials.models import CollectiveAgreement


def test_a_dossier_with_every_tab_valid_is_a_saisie_complete(complete_dossier):
    assert tabs.tab_states(complete_dossier) == {
        "base": True,
        "employer": True,
        "alternant": True,
        "student_life": True,
        "contract": True,
        "mission": True,
    }
    assert selectors.incomplete_tabs(complete_dossier) == []
    assert complete_dossier.is_entry_complete
    assert complete_dossier.status_label == "Saisie complète"


def test_the_birthday_splits_the_first_year_of_remuneration(complete_dossier):
    # R-2.2 (rules.md): 18 on 14/03/2027, the higher rate applies from 01/04/2027; the formation is a
    # licence professionnelle, paid at the 2nd-year rates (D6222-32): 39 % then 51 %.
    lines = [
        (line.year, line.period, line.start, line.end, line.rate)
        for line in complete_dossier.remuneration_lines.all()
    ]
    assert lines[:2] == [
        (1, 1, date(2026, 9, 1), date(2027, 3, 31), Decimal("39.00")),
        (1, 2, date(2027, 4, 1), date(2027, 8, 31), Decimal("51.00")),
    ]


def test_every_save_records_the_changed_fields(complete_dossier, employer_contact):
    values = tab_data.employer_values() | {"employer-headcount": "43"}
    services.submit_page(dossier=complete_dossier, key="employer", values=values, by=employer_contact)

    event = DossierEvent.objects.filter(
        dossier=complete_dossier, action=DossierEvent.Action.TAB_SAVED
    ).first()
    assert event.actor == employer_contact
    assert event.changes == {"tab": "employer", "employer.headcount": ["42", "43"]}


def test_the_nir_never_appears_in_clear_in_the_history(complete_dossier):
    event = DossierEvent.objects.filter(dossier=complete_dossier, changes__tab="alternant").get()
    assert event.changes["alternant_details.nir"] == [None, "(modifié)"]


def test_a_later_change_of_the_birth_date_removes_the_check_marks_it_breaks_and_says_why(
    complete_dossier, employer_contact
):
    # no longer a minor at the date of conclusion; the remuneration periods change too.
    values = tab_data.base_values(alternant_birth_date="2007-03-14")
    services.submit_page(dossier=complete_dossier, key="base", values=values, by=employer_contact)
    dossier = Dossier.objects.get(pk=complete_dossier.pk)

    problems = tabs.tab_problems(dossier)
    assert tabs.REMUNERATION_CHANGED in problems["contract"]
    assert any("NIR" in problem for problem in problems["alternant"])
    assert not dossier.is_entry_complete
    assert selectors.incomplete_tabs(dossier) == ["L'alternant", "Les données du contrat"]


def test_a_stale_page_is_refused_with_a_message_that_says_what_to_do(complete_dossier, employer_contact):
    with pytest.raises(DossierError, match="modifié par quelqu'un d'autre"):
        save_tab(
            dossier=complete_dossier,
            tab="mission",
            data={"mission": {"job_title": "Autre", "description": "x", "skills": ""}},
            by=employer_contact,
            expected_version=complete_dossier.version - 1,
        )


def test_a_frozen_dossier_is_never_saved(complete_dossier, employer_contact):
    Dossier.objects.filter(pk=complete_dossier.pk).update(status=Dossier.Status.VALIDATION_REQUESTED)
    with pytest.raises(DossierFrozen):
        save_tab(
            dossier=complete_dossier,
            tab="mission",
            data={"mission": {"job_title": "Autre"}},
            by=employer_contact,
        )


def test_an_optional_mission_does_not_block_the_saisie_complete(dossier, employer_contact):
    dossier.formation.mission_mode = Formation.MissionMode.OPTIONAL
    dossier.formation.save()
    services.submit_page(
        dossier=dossier, key="base", values=tab_data.base_values(entry_mode="simple"), by=employer_contact
    )
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert tabs.tab_states(dossier)["mission"] is True


def test_a_frozen_dossier_keeps_its_check_marks_when_a_referential_changes(complete_dossier):
    # Changing a referential never rewrites a frozen dossier (issue 3, "Referentials").
    Dossier.objects.filter(pk=complete_dossier.pk).update(status=Dossier.Status.VALIDATION_REQUESTED)
    CollectiveAgreement.objects.filter(idcc="1486").update(is_active=False)
    frozen = Dossier.objects.get(pk=complete_dossier.pk)
    assert all(tabs.tab_states(frozen).values())
    assert selectors.incomplete_tabs(frozen) == []


def test_a_page_saved_unchanged_writes_nothing_and_keeps_the_saisie_complete(
    complete_dossier, employer_contact, django_assert_max_num_queries
):
    forms = tabs.page_forms(tabs.BASE.key, complete_dossier)
    events = DossierEvent.objects.filter(dossier=complete_dossier).count()

    # The savepoint, the lock and the savepoint's release: no tab is validated again (that reads
    # every tab's rows).
    with django_assert_max_num_queries(3):
        saved = save_tab(
            dossier=complete_dossier,
            tab=tabs.BASE.key,
            data={"dossier": {field: getattr(complete_dossier, field) for field in forms[0].fields}},
            by=employer_contact,
            expected_version=complete_dossier.version,
        )

    assert saved.version == complete_dossier.version
    assert saved.is_entry_complete
    assert DossierEvent.objects.filter(dossier=complete_dossier).count() == events
