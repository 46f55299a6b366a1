"""Every access question about dossiers, in one place. Selectors, views and templates ask these.

Roles come from relations (the alternant, the contact alternance, a responsable of the dossier's
formation); only the CFA's advisors and administrators have global roles (groups).
"""

from cactus.dossiers.circuits import circuit_for
from cactus.dossiers.models import Dossier

ALTERNANT = "alternant"
EMPLOYER_CONTACT = "employer_contact"
FORMATION_MANAGER = "formation_manager"
CFA_ADVISOR = "cfa_advisor"
CFA_ADMIN = "cfa_admin"


def roles_on(user, dossier: Dossier) -> frozenset[str]:
    if not user.is_authenticated:
        return frozenset()
    roles = set()
    if dossier.alternant_id == user.pk:
        roles.add(ALTERNANT)
    if dossier.employer_contact_id == user.pk:
        roles.add(EMPLOYER_CONTACT)
    if is_formation_manager(user, dossier.formation_id):
        roles.add(FORMATION_MANAGER)
    if user.is_cfa_advisor:
        roles.add(CFA_ADVISOR)
    if user.is_cfa_admin:
        roles.add(CFA_ADMIN)
    return frozenset(roles)


def is_formation_manager(user, formation_id: int) -> bool:
    managed = user.__dict__.get("_managed_formation_ids")
    if managed is None:
        managed = user.__dict__["_managed_formation_ids"] = set(
            user.managed_formations.values_list("pk", flat=True)
        )
    return formation_id in managed


def can_view(user, dossier: Dossier) -> bool:
    return bool(roles_on(user, dossier))


def can_change_employer_contact(user, dossier: Dossier) -> bool:
    """The formation or the alternant enters the contact's e-mail (guide, "INVITATION"); CFA staff too."""
    if dossier.is_frozen:
        return False
    roles = roles_on(user, dossier)
    return bool(roles & {ALTERNANT, FORMATION_MANAGER, CFA_ADVISOR, CFA_ADMIN})


# Who edits which tab (workflow.md §5). Data tabs are editable only while the dossier is not frozen.
TAB_EDITORS = {
    "base": {EMPLOYER_CONTACT, FORMATION_MANAGER, CFA_ADVISOR, CFA_ADMIN},
    "employer": {EMPLOYER_CONTACT, CFA_ADMIN},
    "alternant": {ALTERNANT, CFA_ADMIN},
    "student_life": {ALTERNANT, CFA_ADMIN},
    "contract": {EMPLOYER_CONTACT, CFA_ADMIN},
    "mission": {EMPLOYER_CONTACT, CFA_ADMIN},
}

# Who fills each tab, as Suivi - Info and "Vos dossiers" name them (the CFA's administrators may too).
TAB_FILLERS = {
    "base": "le contact alternance ou la formation",
    "employer": "le contact alternance",
    "alternant": "l'alternant",
    "student_life": "l'alternant",
    "contract": "le contact alternance",
    "mission": "le contact alternance",
}


# Who reads a tab, when not every party does. Vie étudiante holds health data (disability, the
# accommodation of studies and exams: RGPD art. 9): the alternant and the CFA's staff only. The RQTH
# answer the CERFA needs stays on "L'alternant". Everyone else gets the 404 a stranger gets, and the
# tab's fields are left out of the history they read (`hidden_fields`).
HEALTH_DATA_READERS = {ALTERNANT, CFA_ADVISOR, CFA_ADMIN}
TAB_READERS = {"student_life": HEALTH_DATA_READERS}


def can_view_tab(user, dossier: Dossier, tab: str) -> bool:
    roles = roles_on(user, dossier)
    return bool(roles & TAB_READERS[tab]) if tab in TAB_READERS else bool(roles)


def hidden_parts(user, dossier: Dossier) -> frozenset[str]:
    """The tab rows (`Dossier` relation names) whose values this person may not read, in any history."""
    return frozenset(tab for tab in TAB_READERS if not can_view_tab(user, dossier, tab))


def can_edit_tab(user, dossier: Dossier, tab: str) -> bool:
    if dossier.is_frozen or not dossier.is_tab_open_in_version(tab):
        return False  # an avenant's untouched tabs keep the signed values (states.AMENDMENT_TABS)
    return bool(roles_on(user, dossier) & TAB_EDITORS.get(tab, set()))


# Documents produced by Cactus, by `Document.Kind` value. Available from the formation's validation on.
GENERATED_KINDS = ("cerfa", "convention", "calendar", "programme")
FORMATION_KINDS = ("calendar", "programme")
# Signed scans and the stamped CERFA: seen by the employer side and the CFA side, not by other parties.
UPLOADED_KIND_READERS = {EMPLOYER_CONTACT, FORMATION_MANAGER, CFA_ADVISOR, CFA_ADMIN}


# Where a formation's calendar / programme comes from: its uploaded PDF, or else the periods /
# modules entered on the formation, from which Cactus generates the document.
FORMATION_SOURCES = {"calendar": ("calendar_file", "periods"), "programme": ("programme_file", "modules")}


def formation_provides(formation, kind: str) -> bool:
    """Whether the formation has what it takes to offer its calendar / programme."""
    file_field, rows = FORMATION_SOURCES[kind]
    return bool(getattr(formation, file_field)) or getattr(formation, rows).exists()


def available_documents(dossier: Dossier) -> list[str]:
    """Which generated documents Suivi - Info offers (guide, "LE TELECHARGEMENT DES DOCUMENTS")."""
    if not dossier.has_reached(Dossier.Status.VALIDATED) or dossier.status == Dossier.Status.CLOSED:
        return []
    kinds = []
    if dossier.entry_mode == "full":
        kinds.append("cerfa")  # saisie simple: no CERFA is produced
    if dossier.economic_validated_at:
        kinds.append("convention")
    kinds += [kind for kind in FORMATION_KINDS if formation_provides(dossier.formation, kind)]
    return kinds


def missing_formation_documents(dossier: Dossier) -> list[str]:
    """Calendar / programme the formation lacks, once documents are offered (to tell the conseillère)."""
    if not dossier.has_reached(Dossier.Status.VALIDATED) or dossier.status == Dossier.Status.CLOSED:
        return []
    return [kind for kind in FORMATION_KINDS if not formation_provides(dossier.formation, kind)]


def can_download(user, dossier: Dossier, kind: str) -> bool:
    roles = roles_on(user, dossier)
    if not roles:
        return False
    if kind in GENERATED_KINDS:
        return kind in available_documents(dossier)
    return bool(roles & UPLOADED_KIND_READERS)


# Life-cycle actions (workflow.md §5): who may do each one, and in which states. Views, templates
# and the back office ask `can_act`; the services check the state again under a row lock.
Status = Dossier.Status
REQUEST_VALIDATION = "request_validation"
VALIDATE = "validate"
REFUSE = "refuse"
VALIDATE_ECONOMIC = "validate_economic"
RETURN_DOCUMENTS = "return_documents"
VALIDATE_DOCUMENTS = "validate_documents"
REJECT_DOCUMENTS = "reject_documents"
MARK_SENT = "mark_sent"
CLOSE = "close"
REOPEN = "reopen"
# After the signature (cactus/contracts: the services check the dates and the versions again).
RECORD_RUPTURE = "record_rupture"
CANCEL = "cancel"
CREATE_AMENDMENT = "create_amendment"
CREATE_NEXT_CONTRACT = "create_next_contract"
SIGNED_STATUSES = {Status.DOCUMENTS_RETURNED, Status.DOCUMENTS_VALIDATED, Status.SENT_TO_OPCO, Status.CLOSED}

CFA = {CFA_ADVISOR, CFA_ADMIN}
LIFECYCLE_ACTIONS: dict[str, tuple[set[str], set[str]]] = {
    REQUEST_VALIDATION: ({EMPLOYER_CONTACT, CFA_ADMIN}, {Status.DRAFT}),
    VALIDATE: ({FORMATION_MANAGER, CFA_ADMIN}, {Status.VALIDATION_REQUESTED}),
    REFUSE: ({FORMATION_MANAGER, CFA_ADMIN}, {Status.VALIDATION_REQUESTED}),
    VALIDATE_ECONOMIC: (CFA, {Status.VALIDATED}),
    # The contact returns the signed scans; the CFA may do it on their behalf.
    RETURN_DOCUMENTS: ({EMPLOYER_CONTACT} | CFA, {Status.VALIDATED}),
    VALIDATE_DOCUMENTS: (CFA, {Status.DOCUMENTS_RETURNED}),
    REJECT_DOCUMENTS: (CFA, {Status.DOCUMENTS_RETURNED}),
    MARK_SENT: ({EMPLOYER_CONTACT} | CFA, {Status.DOCUMENTS_VALIDATED}),
    CLOSE: (CFA, {Status.DOCUMENTS_VALIDATED}),
    # Nothing is silently unfrozen: only the CFA reopens, with a reason (W-2).
    REOPEN: (
        CFA,
        {status for status in Status if Status.DRAFT in Dossier.TRANSITIONS[status]} - {Status.DRAFT},
    ),
    # The CFA or the contact alternance records a rupture once the contract is signed.
    RECORD_RUPTURE: (
        {EMPLOYER_CONTACT} | CFA,
        {s for s in Status if Status.RUPTURED in Dossier.TRANSITIONS[s]},
    ),
    # Only the CFA cancels a contract (before its start: the service checks the date), with a reason.
    CANCEL: (CFA, {s for s in Status if Status.CANCELLED in Dossier.TRANSITIONS[s]}),
    # An avenant starts from a contract sent to the OPCO (or transmitted to the DDETS).
    CREATE_AMENDMENT: ({EMPLOYER_CONTACT} | CFA, {Status.SENT_TO_OPCO}),
    # "Nouveau contrat pour cet alternant": the CFA or the formation, once this contract has ended or
    # been sent (a succession after the diploma, a failure or a rupture).
    CREATE_NEXT_CONTRACT: ({FORMATION_MANAGER} | CFA, {Status.RUPTURED, Status.SENT_TO_OPCO, Status.CLOSED}),
}


# The checker's actions: the formation's and the CFA's say on a dossier. No one takes them on a
# dossier they are party to as contact alternance or alternant (a responsable who made themselves
# the contact, a CFA employee hiring an apprentice): another member of the team does.
CHECKER_ACTIONS = {
    VALIDATE,
    REFUSE,
    VALIDATE_ECONOMIC,
    VALIDATE_DOCUMENTS,
    REJECT_DOCUMENTS,
    CLOSE,
    REOPEN,
    CANCEL,
    CREATE_NEXT_CONTRACT,
}
PARTIES = {EMPLOYER_CONTACT, ALTERNANT}


def is_party(user, dossier: Dossier) -> bool:
    """Whether this person is the dossier's contact alternance or alternant."""
    return bool(roles_on(user, dossier) & PARTIES)


def can_act(user, dossier: Dossier, action: str, *, ignore_state: bool = False) -> bool:
    """Whether this person may do `action` on the dossier now (or in its state, with ignore_state)."""
    roles, statuses = LIFECYCLE_ACTIONS[action]
    if not roles_on(user, dossier) & roles:
        return False
    if action in CHECKER_ACTIONS and is_party(user, dossier):
        return False
    if ignore_state:
        return True
    if dossier.status not in statuses:
        return False
    if action == VALIDATE_ECONOMIC:
        return dossier.economic_validated_at is None
    if action == RETURN_DOCUMENTS:
        return dossier.economic_validated_at is not None  # the convention must exist to be signed
    if action == MARK_SENT:
        return not circuit_for(dossier).is_closed_by_cfa
    if action == CLOSE:
        return circuit_for(dossier).is_closed_by_cfa
    return True


def allowed_actions(user, dossier: Dossier) -> set[str]:
    return {action for action in LIFECYCLE_ACTIONS if can_act(user, dossier, action)}


def can_use_back_office(user) -> bool:
    """The back office is for the CFA and the responsables de formation."""
    return user.is_authenticated and (user.is_cfa_staff or user.managed_formations.exists())
