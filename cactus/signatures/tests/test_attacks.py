"""Attacks on online signing: the CFA's visa by a party to the dossier, an unbounded refusal."""

import pytest
from django.contrib.auth.models import Group

from cactus.accounts.models import CFA_ADMIN_GROUP, CFA_ADVISOR_GROUP
from cactus.accounts.tests.factories import UserFactory
from cactus.dossiers.models import Dossier, DossierEvent
from cactus.signatures import rules, services
from cactus.signatures.models import Signer
from cactus.signatures.tests.helpers import last_link, online_dossier

pytestmark = pytest.mark.django_db


def _other_admin():
    admin = UserFactory(email="direction@cfa.test")
    admin.groups.add(Group.objects.get(name=CFA_ADMIN_GROUP))
    return admin


def test_the_conseillere_who_is_the_contact_alternance_does_not_give_the_cfas_visa():
    # The CFA's visa validates the documents (validate_documents): no one validates a dossier they are
    # party to as employer (dossiers/permissions.py CHECKER_ACTIONS); another member of the CFA does.
    dossier = online_dossier()
    advisor = dossier.formation.cfa_advisor
    Dossier.objects.filter(pk=dossier.pk).update(employer_contact=advisor)
    dossier = Dossier.objects.get(pk=dossier.pk)
    other = _other_admin()

    cfa = rules.signers_for(dossier)[-1]

    assert cfa.role == Signer.Role.CFA
    assert (cfa.user_id, cfa.email) == (other.pk, other.email)


def test_a_conseillere_who_left_the_cfa_does_not_give_its_visa():
    dossier = online_dossier()
    advisor = dossier.formation.cfa_advisor
    advisor.groups.remove(Group.objects.get(name=CFA_ADVISOR_GROUP))  # still active: now a contact elsewhere
    other = _other_admin()

    assert rules.signers_for(Dossier.objects.get(pk=dossier.pk))[-1].user_id == other.pk


def test_a_refusal_comment_is_bounded_like_every_comment(signing_dossier, client):
    token = last_link(services.current_round(signing_dossier).signers.get(position=1).email)

    response = client.post(f"/signature/{token}/", {"action": "refuse", "comment": "x" * 2_000_000})

    assert response.status_code == 200
    assert "2\u00a0000 caractères" in response.content.decode()
    signing_dossier.refresh_from_db()
    assert signing_dossier.status == Dossier.Status.VALIDATED
    assert not DossierEvent.objects.filter(
        dossier=signing_dossier, action=DossierEvent.Action.REOPENED
    ).exists()


@pytest.mark.parametrize(
    "field, value",
    [
        ("representative_email", "Chloe.Benoit@etudiant.test"),  # the minor's own address
        ("representative_email", "jerome.lefevre@sme.test"),  # the employer's signatory
    ],
)
def test_one_mailbox_never_signs_for_two_parties(field, value):
    # The legal representative's consent is only evidence if the code goes to another
    # mailbox than the minor's: the alternant fills "L'alternant", representative's address included.
    from cactus.dossiers.models import AlternantDetails

    dossier = online_dossier()
    AlternantDetails.objects.filter(dossier=dossier).update(**{field: value})
    dossier = Dossier.objects.get(pk=dossier.pk)

    with pytest.raises(rules.SigningImpossible, match="même adresse"):
        rules.signers_for(dossier)
