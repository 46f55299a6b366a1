"""How the end of the process varies (guide: "la fin du process de traitement varie suivant le
dispositif et suivant le type d'employeur"), and what the next action is. The only place for it.

| Case                                   | Last step                 | Who ends it         | Deadline | Billing |
|----------------------------------------|---------------------------|---------------------|----------|---------|
| Apprentissage, private employer (11-16)| "Envoyé à l'OPCO"         | contact alternance  | 5 j. ouv.| no      |
| Apprentissage, public employer (21-29) | "Transmis à la DDETS"     | contact alternance  | 5 j. ouv.| yes     |
| Apprentissage, EPIC (30)               | "Envoyé à l'OPCO"         | contact alternance  | 5 j. ouv.| yes     |
| Monegasque or foreign employer         | "Clôturé par le CFA"      | the CFA, by hand    | none     | yes     |
| Contrat de professionnalisation        | "Envoyé à l'OPCO"         | contact alternance  | 5 j. ouv.| yes     |

R-7.1 to R-7.4 (rules.md); the Billing column is R-8.1, decided in law/employer.py. The EPIC routing (R-7.3) and the Monaco/foreign end are
product decisions recorded here.
"""

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist

from cactus.dossiers.states import ContractScheme, Status


@dataclass(frozen=True)
class Circuit:
    key: str
    # The label of the last step, and of the box the contact ticks.
    final_label: str
    # The state that ends the process: SENT_TO_OPCO (ticked by the contact) or CLOSED (by the CFA).
    final_status: str
    has_deadline: bool

    @property
    def is_closed_by_cfa(self) -> bool:
        return self.final_status == Status.CLOSED


# Whether billing information is required is a data-entry rule: law/employer.py.
OPCO = Circuit("opco", "Envoyé à l'OPCO", Status.SENT_TO_OPCO, has_deadline=True)
DDETS = Circuit("ddets", "Transmis à la DDETS", Status.SENT_TO_OPCO, has_deadline=True)
CLOSED_BY_CFA = Circuit("cfa", "Clôturé par le CFA", Status.CLOSED, has_deadline=False)


def _employer(dossier):
    """The "L'employeur" tab's data, or None while it has not been entered."""
    try:
        return dossier.employer
    except ObjectDoesNotExist:
        return None


def employer_type(dossier) -> int | None:
    """The CERFA "type d'employeur" code (11-16 private, 21-29 public, 30 EPIC), None if not entered."""
    employer = _employer(dossier)
    return int(employer.employer_type) if employer and employer.employer_type.isdigit() else None


def is_monaco_or_foreign(dossier) -> bool:
    """A Monegasque company: no French OPCO circuit, the CFA closes the dossier by hand."""
    employer = _employer(dossier)
    return bool(employer and employer.is_monegasque)


def circuit_for(dossier) -> Circuit:
    if is_monaco_or_foreign(dossier):
        return CLOSED_BY_CFA
    if dossier.scheme == ContractScheme.PROFESSIONALISATION:
        return OPCO  # always the OPCO
    code = employer_type(dossier)
    if code is not None and 21 <= code <= 29:
        return DDETS
    if code == 30:
        return OPCO
    return OPCO


def next_action(dossier) -> str:
    """ "Action suivante" in Suivi - Info: what must happen next, in the guide's words."""
    status = dossier.status
    if status == Status.DRAFT:
        return "Demande de validation" if dossier.is_entry_complete else "Compléter la saisie des onglets"
    if status == Status.VALIDATION_REQUESTED:
        return "Validation par la formation"
    if status == Status.VALIDATED:
        if not dossier.economic_validated_at:
            return "Validation des éléments économiques (CFA)"
        return "Retour des documents"
    if status == Status.DOCUMENTS_RETURNED:
        return "Validation des documents (CFA)"
    if status == Status.DOCUMENTS_VALIDATED:
        circuit = circuit_for(dossier)
        if circuit.is_closed_by_cfa:
            return "Clôture du dossier par le CFA"
        return "Transmission à la DDETS" if circuit is DDETS else "Envoi à l'OPCO"
    return "Aucune : le dossier est terminé"
