import pytest

from cactus.accounts.tests.factories import UserFactory
from cactus.privacy.exports import personal_data
from cactus.twofactor.models import SecondFactorReset

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_resets_of_ones_second_factor_and_those_one_made(cfa_admin, cfa_advisor):
    SecondFactorReset.objects.create(
        user=cfa_advisor,
        user_email=cfa_advisor.email,
        reset_by=cfa_admin,
        reset_by_email=cfa_admin.email,
        reason="Téléphone perdu",
        sessions_ended=1,
    )
    UserFactory(email="autre@cfa.test", cfa_advisor=True)

    [theirs] = personal_data(cfa_advisor.email)["second_factor_resets"]
    [made] = personal_data(cfa_admin.email)["second_factor_resets"]

    assert theirs == made
    assert (theirs["person"], theirs["by"], theirs["reason"]) == (
        "conseillere@cfa.test",
        "admin@cfa.test",
        "Téléphone perdu",
    )
    assert personal_data("autre@cfa.test")["second_factor_resets"] == []
