from datetime import date

import pytest

from cactus.contracts import services
from cactus.contracts.models import Rupture
from cactus.dossiers.models import Dossier
from cactus.privacy.retention import anonymise_dossier

pytestmark = pytest.mark.django_db


def test_anonymising_a_contract_keeps_its_avenant_and_the_rupture_statistics(
    sent_dossier, employer_contact, cfa_advisor
):
    avenant = services.create_amendment(
        dossier=sent_dossier,
        by=employer_contact,
        amendment_type="36",
        effective_on=date(2026, 12, 1),
        previous_number="075202609000123",
    )
    Dossier.objects.filter(pk=avenant.pk).update(status=Dossier.Status.SENT_TO_OPCO)
    services.record_rupture(
        dossier=avenant,
        by=cfa_advisor,
        ruptured_on=date(2027, 1, 15),
        initiator="both",
        ground="mutual_agreement",
        situation="stops",
        comment="Raisons personnelles",
    )

    anonymise_dossier(dossier=sent_dossier, today=date(2033, 1, 1))
    anonymise_dossier(dossier=avenant, today=date(2033, 1, 1))

    avenant = Dossier.objects.get(pk=avenant.pk)  # not deleted with the contract it amends
    assert (avenant.version_kind, avenant.previous_version_id, avenant.status) == (
        "amendment",
        sent_dossier.pk,
        Dossier.Status.RUPTURED,
    )
    rupture = Rupture.objects.get(dossier=avenant)
    assert (rupture.ground, rupture.comment, rupture.recorded_by) == ("mutual_agreement", "", None)
