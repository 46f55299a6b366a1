"""Dossiers filled tab by tab through the same forms and service as the pages."""

import pytest

from cactus.dossiers import services
from cactus.dossiers.models import Dossier
from cactus.dossiers.tests import tab_data
from cactus.dossiers.tests.factories import fill_every_tab
from cactus.formations.models import Formation


@pytest.fixture
def started_dossier(dossier, employer_contact):
    """Données de base validated (apprenticeship, saisie complète, a minor); the mission is required."""
    dossier.formation.mission_mode = Formation.MissionMode.REQUIRED
    dossier.formation.save()
    services.submit_page(dossier=dossier, key="base", values=tab_data.base_values(), by=employer_contact)
    return Dossier.objects.get(pk=dossier.pk)


@pytest.fixture
def complete_dossier(dossier):
    return fill_every_tab(dossier)
