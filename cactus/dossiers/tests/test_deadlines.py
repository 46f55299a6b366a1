from datetime import date, timedelta

import pytest

from cactus.dossiers import circuits, deadlines
from cactus.dossiers.models import ContractScheme, Dossier
from cactus.dossiers.tests.factories import DossierFactory, EmployerFactory
from cactus.law.employer import needs_billing_information


@pytest.mark.parametrize(
    ("start", "due"),
    [
        # R-7.1 / R-7.5 (rules.md), Code du travail D6224-1: 5 jours ouvrables after the start, Monday to Saturday.
        (date(2026, 9, 1), date(2026, 9, 7)),  # Tue → Wed Thu Fri Sat, (Sun), Mon
        (date(2026, 9, 5), date(2026, 9, 11)),  # a Saturday start: Mon..Fri
        # Public holidays do not count: 11 November 2026 is a Wednesday.
        (date(2026, 11, 9), date(2026, 11, 16)),
        # Christmas and New Year's Day.
        (date(2026, 12, 23), date(2026, 12, 30)),
        (date(2026, 12, 30), date(2027, 1, 6)),
    ],
)
def test_the_due_date_is_five_working_days_after_the_start(start, due):
    assert deadlines.due_date(start) == due


def test_the_countdown_counts_working_days_and_goes_negative_once_passed():
    due = date(2026, 9, 7)  # a Monday

    assert deadlines.working_days_between(date(2026, 9, 4), due) == 2  # Saturday, Monday
    assert deadlines.working_days_between(due, due) == 0
    assert deadlines.working_days_between(date(2026, 9, 9), due) == -2


@pytest.mark.parametrize("today", [date(2026, 9, 8), date(2026, 11, 12), date(2027, 1, 2)])
def test_the_late_threshold_matches_the_due_dates(today):
    threshold = deadlines.latest_start_due_before(today)

    assert deadlines.due_date(threshold) < today
    assert deadlines.due_date(threshold + timedelta(days=1)) >= today


def test_no_start_date_no_due_date():
    assert deadlines.due_date(None) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("scheme", "employer_type", "monaco", "label", "billing"),
    [
        (ContractScheme.APPRENTICESHIP, None, False, "Envoyé à l'OPCO", False),
        (ContractScheme.APPRENTICESHIP, 11, False, "Envoyé à l'OPCO", False),
        (ContractScheme.APPRENTICESHIP, 21, False, "Transmis à la DDETS", True),
        (ContractScheme.APPRENTICESHIP, 29, False, "Transmis à la DDETS", True),
        (ContractScheme.APPRENTICESHIP, 30, False, "Envoyé à l'OPCO", True),
        (ContractScheme.PROFESSIONALISATION, None, False, "Envoyé à l'OPCO", True),
        (ContractScheme.APPRENTICESHIP, 11, True, "Clôturé par le CFA", True),
    ],
)
def test_the_end_of_the_process_depends_on_the_scheme_and_the_employer(
    scheme, employer_type, monaco, label, billing
):
    dossier = DossierFactory(with_base_data=True, scheme=scheme)
    if employer_type is not None:
        EmployerFactory(dossier=dossier, employer_type=str(employer_type), is_monegasque=monaco)

    circuit = circuits.circuit_for(dossier)

    needs_billing = needs_billing_information(
        scheme=scheme, employer_type=str(employer_type or ""), is_monegasque=monaco
    )
    assert (circuit.final_label, needs_billing) == (label, billing)
    assert (deadlines.dossier_due_date(dossier) is None) == monaco


@pytest.mark.django_db
def test_a_dossier_without_employer_data_follows_the_private_circuit():
    dossier = DossierFactory(with_base_data=True)

    assert circuits.employer_type(dossier) is None
    assert circuits.circuit_for(dossier) is circuits.OPCO


def test_the_late_queue_index_covers_exactly_the_open_statuses():
    [index] = [index for index in Dossier._meta.indexes if index.name == "dossier_open_start_id"]

    [(lookup, statuses)] = index.condition.children
    assert lookup == "status__in" and set(statuses) == Dossier.OPEN_STATUSES
