"""50 simultaneous clicks on "Créer un avenant" or "Enregistrer la rupture" give one (PostgreSQL row locks)."""

from datetime import date

import pytest

from cactus.contracts import services
from cactus.contracts.models import Rupture
from cactus.core.tests.test_concurrency import THREADS, fire_at_once, postgresql_only, reference_data  # noqa: F401
from cactus.core.tests.world import make_dossier_in_state
from cactus.dossiers.models import Dossier, DossierEvent


@pytest.fixture
def sent(formation, alternant, employer_contact):
    return make_dossier_in_state(
        Dossier.Status.SENT_TO_OPCO,
        formation=formation,
        alternant=alternant,
        employer_contact=employer_contact,
    )


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_fifty_clicks_on_creer_un_avenant_give_one_avenant(sent, employer_contact):
    outcomes = fire_at_once(
        THREADS,
        lambda index: services.create_amendment(
            dossier=sent,
            by=employer_contact,
            amendment_type="36",
            effective_on=date(2026, 12, 1),
            previous_number="075202609000123",
        ),
    )

    assert outcomes["done"] == 1, outcomes
    assert not [outcome for outcome in outcomes if outcome.startswith("crash")], outcomes
    assert Dossier.objects.filter(previous_version=sent, version_kind="amendment").count() == 1


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_fifty_clicks_on_enregistrer_la_rupture_give_one_rupture(sent, employer_contact):
    outcomes = fire_at_once(
        THREADS,
        lambda index: services.record_rupture(
            dossier=sent,
            by=employer_contact,
            ruptured_on=date(2026, 10, 15),
            initiator="employer",
            ground="probation",
            situation="cfa_trainee",
        ),
    )

    assert outcomes["done"] == 1, outcomes
    assert not [outcome for outcome in outcomes if outcome.startswith("crash")], outcomes
    assert Rupture.objects.filter(dossier=sent).count() == 1
    assert DossierEvent.objects.filter(dossier=sent, to_status=Dossier.Status.RUPTURED).count() == 1
