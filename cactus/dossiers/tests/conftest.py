"""Dossiers filled tab by tab through the same forms and service as the pages."""

import pytest

from cactus.dossiers import tabs
from cactus.dossiers.models import Dossier
from cactus.dossiers.tests import tab_data
from cactus.formations.models import Formation


@pytest.fixture
def started_dossier(dossier, employer_contact):
    """Données de base validated (apprenticeship, saisie complète, a minor); the mission is required."""
    dossier.formation.mission_mode = Formation.MissionMode.REQUIRED
    dossier.formation.save()
    tabs.submit_page(dossier=dossier, key="base", values=tab_data.base_values(), by=employer_contact)
    return Dossier.objects.get(pk=dossier.pk)


@pytest.fixture
def complete_dossier(dossier, employer_contact, alternant):
    tabs.submit_page(dossier=dossier, key="base", values=tab_data.base_values(), by=employer_contact)
    dossier.refresh_from_db()
    tabs.submit_page(dossier=dossier, key="employer", values=tab_data.employer_values(), by=employer_contact)
    dossier.refresh_from_db()
    tabs.submit_page(dossier=dossier, key="alternant", values=tab_data.alternant_values(), by=alternant)
    dossier.refresh_from_db()
    tabs.submit_page(dossier=dossier, key="student_life", values=tab_data.student_life_values(), by=alternant)
    dossier.refresh_from_db()
    tabs.submit_page(
        dossier=dossier, key="contract", values=tab_data.contract_values(dossier), by=employer_contact
    )
    dossier.refresh_from_db()
    tabs.submit_page(dossier=dossier, key="mission", values=tab_data.mission_values(), by=employer_contact)
    return Dossier.objects.get(pk=dossier.pk)
