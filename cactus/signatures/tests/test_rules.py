"""Who signs what, in which order (rules.signers_for)."""

from datetime import date

import pytest

from cactus.dossiers.models import AlternantDetails, ContractScheme
from cactus.dossiers.tests.factories import EmployerFactory
from cactus.signatures.rules import CERFA, CONVENTION, Role, signers_for
from cactus.signatures.tests.helpers import checker

pytestmark = pytest.mark.django_db


def _dossier(
    *, birth: date, conclusion: date, emancipated=False, scheme=ContractScheme.APPRENTICESHIP, **employer
):
    dossier = EmployerFactory(**employer).dossier
    dossier.alternant_birth_date = birth
    dossier.contract_start = conclusion
    dossier.scheme = scheme
    dossier.save()
    AlternantDetails.objects.create(
        dossier=dossier,
        sex="F",
        nir="",
        birth_department="13",
        birth_city="Marseille",
        nationality="1",
        social_regime="1",
        phone="0600000000",
        email="marie@example.test",
        prior_situation="1",
        last_diploma_prepared="1",
        last_class="1",
        last_diploma_title="Bac",
        highest_diploma="1",
        is_emancipated=emancipated,
        representative_first_name="Paul",
        representative_last_name="Dupont",
        representative_email="paul@example.test",
    )
    checker()  # the CFA's visa: an administrator when the formation names no conseillère
    return dossier


def _plan(dossier):
    return [(signer.role, signer.documents) for signer in signers_for(dossier)]


def test_an_adult_signs_the_cerfa_then_the_employer_both_documents_then_the_cfa():
    dossier = _dossier(birth=date(2000, 1, 1), conclusion=date(2026, 9, 1))
    assert _plan(dossier) == [
        (Role.ALTERNANT, (CERFA,)),
        (Role.EMPLOYER, (CERFA, CONVENTION)),
        (Role.CFA, (CERFA, CONVENTION)),
    ]


def test_a_minor_at_the_conclusion_adds_the_legal_representative_after_the_alternant():
    # a minor at the date of conclusion, not emancipated, signs with a legal representative.
    dossier = _dossier(birth=date(2009, 9, 2), conclusion=date(2026, 9, 1))
    plan = signers_for(dossier)
    assert [signer.role for signer in plan] == [Role.ALTERNANT, Role.REPRESENTATIVE, Role.EMPLOYER, Role.CFA]
    assert plan[1].email == "paul@example.test"
    assert plan[2].name == "Jérôme Lefèvre"  # the signatory named in "L'employeur"


def test_an_alternant_of_18_on_the_day_of_conclusion_signs_alone():
    dossier = _dossier(birth=date(2008, 9, 1), conclusion=date(2026, 9, 1))
    assert Role.REPRESENTATIVE not in [role for role, _ in _plan(dossier)]


def test_an_emancipated_minor_signs_without_a_legal_representative():
    # emancipation ends the need for a legal representative.
    dossier = _dossier(birth=date(2009, 9, 2), conclusion=date(2026, 9, 1), emancipated=True)
    assert [role for role, _ in _plan(dossier)] == [Role.ALTERNANT, Role.EMPLOYER, Role.CFA]


def test_a_professionalisation_contract_has_no_cfa_visa_on_its_cerfa():
    # CERFA 12434*05 has no box for the organisme de formation: the CFA signs the convention only.
    dossier = _dossier(
        birth=date(2000, 1, 1), conclusion=date(2026, 9, 1), scheme=ContractScheme.PROFESSIONALISATION
    )
    assert _plan(dossier)[-1] == (Role.CFA, (CONVENTION,))


def test_a_public_employer_signs_through_its_named_signatory():
    dossier = _dossier(
        birth=date(2000, 1, 1),
        conclusion=date(2026, 9, 1),
        employer_type="22",
        signatory_first_name="Anne",
        signatory_last_name="Maire",
        signatory_email="maire@commune.test",
    )
    plan = signers_for(dossier)
    assert [(s.role, s.email) for s in plan[1:2]] == [(Role.EMPLOYER, "maire@commune.test")]
    assert plan[-1].role == Role.CFA and plan[-1].documents == (CERFA, CONVENTION)


def test_the_cfa_visa_is_never_given_by_a_party_to_the_dossier():
    # Issue 11, finding 7: no one validates a dossier they are party to. A conseillère who made
    # herself the contact alternance does not sign the CFA's visa: another member of the CFA does.
    from cactus.formations.models import Formation
    from cactus.signatures.rules import cfa_signatory

    dossier = _dossier(birth=date(2000, 1, 1), conclusion=date(2026, 9, 1))
    advisor = dossier.employer_contact
    advisor.groups.add(*checker().groups.all())
    Formation.objects.filter(pk=dossier.formation_id).update(cfa_advisor=advisor)
    dossier.refresh_from_db()

    signatory = cfa_signatory(dossier)
    assert signatory is not None
    assert signatory.pk not in (dossier.employer_contact_id, dossier.alternant_id)
