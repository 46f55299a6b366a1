"""Every access question about dossiers, in one place. Selectors, views and templates ask these.

Roles come from relations (the alternant, the contact alternance, a responsable of the dossier's
formation); only the CFA's advisors and administrators have global roles (groups).
"""

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


def can_register_alternant(user, formation) -> bool:
    return user.is_cfa_staff or is_formation_manager(user, formation.pk)


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


def can_edit_tab(user, dossier: Dossier, tab: str) -> bool:
    if dossier.is_frozen:
        return False
    return bool(roles_on(user, dossier) & TAB_EDITORS.get(tab, set()))


def can_manage_formations(user) -> bool:
    return user.is_authenticated and user.is_cfa_admin


# Documents produced by Cactus, by `Document.Kind` value. Available from the formation's validation on.
GENERATED_KINDS = ("cerfa", "convention", "calendar", "programme")
# Signed scans and the stamped CERFA: seen by the employer side and the CFA side, not by other parties.
UPLOADED_KIND_READERS = {EMPLOYER_CONTACT, FORMATION_MANAGER, CFA_ADVISOR, CFA_ADMIN}


def available_documents(dossier: Dossier) -> list[str]:
    """Which generated documents Suivi - Info offers (guide, "LE TELECHARGEMENT DES DOCUMENTS")."""
    if not dossier.has_reached(Dossier.Status.VALIDATED) or dossier.status == Dossier.Status.CLOSED:
        return []
    kinds = []
    if dossier.entry_mode == "full":
        kinds.append("cerfa")
    if dossier.economic_validated_at:
        kinds.append("convention")
    kinds += ["calendar", "programme"]
    return kinds


def can_download(user, dossier: Dossier, kind: str) -> bool:
    roles = roles_on(user, dossier)
    if not roles:
        return False
    if kind in GENERATED_KINDS:
        return kind in available_documents(dossier)
    return bool(roles & UPLOADED_KIND_READERS)
