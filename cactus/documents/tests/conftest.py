import pytest

from cactus.documents import services
from cactus.documents.tests import samples


@pytest.fixture
def sample_data(monkeypatch):
    """The dossier data the tabs' export would give: a full apprenticeship (changeable per test)."""
    data = samples.apprenticeship()
    monkeypatch.setattr(services, "dossier_data", lambda dossier: data)
    return data
