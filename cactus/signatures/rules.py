"""Who signs what, in which order: the one rule, read from the dossier's data.

CERFA (10103*14 or 12434*05): the alternant, then the legal representative when the alternant is a
minor at the date of conclusion and not emancipated (R-1.7, `law.age.needs_legal_representative`),
then the employer's signatory named in "L'employeur", then the CFA's visa ("Visa du CFA (cachet et
signature du directeur)" on 10103*14 only: the 12434*05 of a professionalisation contract has no
box for the organisme de formation, whose commitment is the convention). The convention de
formation: the employer, then the CFA. One link per person: the employer signs both documents at
once, and so does the CFA, last.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from cactus.accounts.models import CFA_ADMIN_GROUP, CFA_ADVISOR_GROUP
from cactus.dossiers.models import ContractScheme, Dossier
from cactus.law.age import needs_legal_representative
from cactus.signatures.models import Signer

CERFA = "cerfa"
CONVENTION = "convention"
Role = Signer.Role


@dataclass(frozen=True)
class PlannedSigner:
    role: str
    name: str
    email: str
    documents: tuple[str, ...]
    user_id: int | None = None


class SigningImpossible(Exception):
    """A French message: why this dossier cannot be signed online (yet)."""


def _conclusion_date(dossier: Dossier):
    contract = getattr(dossier, "contract", None)
    return contract.conclusion_date if contract else dossier.contract_start


def cfa_signatory(dossier: Dossier):
    """The formation's conseillère; without one, the first active CFA administrator, then any conseillère.

    Never a party to the dossier (its contact alternance or alternant): the visa validates the
    documents, and no one validates a dossier they are party to (dossiers.permissions.CHECKER_ACTIONS).
    """
    excluded = [dossier.employer_contact_id, dossier.alternant_id]
    advisor = dossier.formation.cfa_advisor
    if advisor and advisor.is_active and advisor.is_cfa_staff and advisor.pk not in excluded:
        return advisor
    users = get_user_model().objects.filter(is_active=True).order_by("pk")
    return (
        users.filter(groups__name=CFA_ADMIN_GROUP).exclude(pk__in=excluded).first()
        or users.filter(groups__name=CFA_ADVISOR_GROUP).exclude(pk__in=excluded).first()
    )


def signers_for(dossier: Dossier) -> list[PlannedSigner]:
    """The signers in order, or SigningImpossible naming what is missing."""
    employer = getattr(dossier, "employer", None)
    person = getattr(dossier, "alternant_details", None)
    if employer is None or person is None or not dossier.alternant_birth_date:
        raise SigningImpossible(
            "La signature en ligne demande les onglets « L'employeur » et « L'alternant » complétés."
        )
    is_pro = dossier.scheme == ContractScheme.PROFESSIONALISATION
    planned = [
        PlannedSigner(
            Role.ALTERNANT,
            f"{dossier.alternant_first_name} {dossier.alternant_last_name}".strip(),
            person.email or dossier.alternant.email,
            (CERFA,),
        )
    ]
    conclusion = _conclusion_date(dossier)
    if conclusion and needs_legal_representative(
        birth_date=dossier.alternant_birth_date,
        conclusion_date=conclusion,
        is_emancipated=person.is_emancipated,
    ):
        if not person.representative_email:
            raise SigningImpossible(
                "L'alternant est mineur : renseignez le courriel du représentant légal (onglet « L'alternant »)."
            )
        planned.append(
            PlannedSigner(
                Role.REPRESENTATIVE,
                f"{person.representative_first_name} {person.representative_last_name}".strip(),
                person.representative_email,
                (CERFA,),
            )
        )
    planned.append(
        PlannedSigner(
            Role.EMPLOYER,
            f"{employer.signatory_first_name} {employer.signatory_last_name}".strip(),
            employer.signatory_email,
            (CERFA, CONVENTION),
        )
    )
    cfa = cfa_signatory(dossier)
    if cfa is None:
        raise SigningImpossible("Aucune conseillère ni administrateur du CFA ne peut apposer le visa du CFA.")
    planned.append(
        PlannedSigner(
            Role.CFA,
            cfa.get_full_name() or cfa.email,
            cfa.email,
            (CONVENTION,) if is_pro else (CERFA, CONVENTION),
            user_id=cfa.pk,
        )
    )
    _one_mailbox_per_signer(planned)
    return planned


def _one_mailbox_per_signer(planned: list[PlannedSigner]) -> None:
    """Each party's code goes to its own mailbox: otherwise one person signs for two (a minor for the
    legal representative whose consent R-1.7 requires, a signatory for the alternant)."""
    seen: dict[str, PlannedSigner] = {}
    for signer in planned:
        address = signer.email.strip().lower()
        if address in seen:
            first = seen[address]
            raise SigningImpossible(
                f"{Role(first.role).label} et {Role(signer.role).label.lower()} ont la même adresse "
                f"({signer.email}) : chacun signe "
                "avec son propre courriel. Corrigez l'adresse dans l'onglet « L'alternant » ou « L'employeur »."
            )
        seen[address] = signer
