from datetime import date

import pytest
from django.urls import reverse

from cactus.accounts.tests.factories import UserFactory
from cactus.referentials.models import SmicRate

pytestmark = pytest.mark.django_db


def test_a_cfa_administrator_adds_the_next_smic_in_the_admin(client):
    # R-3.3 (rules.md): the SMIC table is maintained by an administrator.
    administrator = UserFactory(email="admin@cfa.test", cfa_admin=True, is_staff=True)
    client.force_login(administrator)
    response = client.post(
        reverse("admin:referentials_smicrate_add"),
        {
            "valid_from": "2027-01-01",
            "territory": "metropole",
            "hourly": "12.30",
            "monthly": "1865.50",
            "source": "décret",
        },
    )
    assert response.status_code == 302
    assert SmicRate.objects.filter(valid_from=date(2027, 1, 1)).exists()


def test_other_staff_cannot_see_the_referentials(client):
    staff = UserFactory(email="staff@cfa.test", is_staff=True)
    client.force_login(staff)
    assert client.get(reverse("admin:referentials_collectiveagreement_changelist")).status_code == 403


def test_an_idcc_must_have_four_digits_in_the_admin(client):
    # R-14.1 (rules.md): stored left-padded to 4 digits.
    administrator = UserFactory(email="admin@cfa.test", cfa_admin=True, is_staff=True)
    client.force_login(administrator)
    response = client.post(
        reverse("admin:referentials_collectiveagreement_add"),
        {"idcc": "16", "label": "Essai", "branch": "", "opco": "", "is_active": "on"},
    )
    assert response.status_code == 200
    assert "4 chiffres" in response.content.decode()
