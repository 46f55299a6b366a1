"""A draft (brouillon) is never data: the CERFA is filled from validated tabs only."""

import pytest

from cactus.documents.renderers import cerfa_apprentissage
from cactus.documents.tests.readback import flat_text
from cactus.dossiers import services
from cactus.dossiers.tests.factories import complete_dossier

pytestmark = pytest.mark.django_db


def test_a_draft_never_reaches_the_cerfa():
    dossier = complete_dossier()
    services.save_draft(
        dossier=dossier,
        tab="employer",
        values={"employer-name": "Brouillon Industries", "employer-city": "Nulle-Part"},
        by=dossier.employer_contact,
    )

    text = flat_text(cerfa_apprentissage.render_dossier(dossier))

    assert "Société Méditerranéenne d'Études" in text  # the validated L'employeur
    assert "Brouillon Industries" not in text
    assert "Nulle-Part" not in text
