from cactus.law.employer import employer_violations, needs_billing_information


def test_billing_information_is_needed_for_professionalisation_public_employers_and_monaco():
    # R-8.1 (rules.md): contrat pro, OR type d'employeur > 20, OR entreprise monégasque.
    assert needs_billing_information(scheme="professionalisation", employer_type="12")
    assert needs_billing_information(scheme="apprenticeship", employer_type="22")
    assert needs_billing_information(scheme="apprenticeship", employer_type="30")
    assert needs_billing_information(scheme="apprenticeship", employer_type="12", is_monegasque=True)
    assert not needs_billing_information(scheme="apprenticeship", employer_type="16")


def test_a_public_administration_cannot_sign_a_professionalisation_contract():
    # R-8.2 (rules.md)
    violations = employer_violations(scheme="professionalisation", employer_type="22")
    assert [(v.rule, v.field) for v in violations] == [("R-8.2", "employer_type")]
    assert employer_violations(scheme="apprenticeship", employer_type="22") == []


def test_an_epic_may_sign_a_professionalisation_contract():
    # R-8.2 (rules.md) and cerfa-professionnalisation.md §2: EPIC are allowed.
    assert employer_violations(scheme="professionalisation", employer_type="30") == []


def test_the_rules_use_the_dossier_s_scheme_values():
    from cactus.dossiers.models import ContractScheme
    from cactus.law import APPRENTICESHIP, PROFESSIONALISATION

    assert (APPRENTICESHIP, PROFESSIONALISATION) == (
        ContractScheme.APPRENTICESHIP,
        ContractScheme.PROFESSIONALISATION,
    )
