import pytest

from cactus.core.tests.world import make_dossier_in_state
from cactus.dossiers.models import Dossier


@pytest.fixture
def sent_dossier(formation, alternant, employer_contact):
    """Every tab filled through the forms (contract 01/09/2026 – 31/08/2027), then "Envoyé à l'OPCO"."""
    dossier = make_dossier_in_state(
        Dossier.Status.SENT_TO_OPCO,
        formation=formation,
        alternant=alternant,
        employer_contact=employer_contact,
    )
    Dossier.objects.filter(pk=dossier.pk).update(contract_number="075202609000123")
    return Dossier.objects.get(pk=dossier.pk)
