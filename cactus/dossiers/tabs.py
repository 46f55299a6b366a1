"""The tabs of a dossier, in the guide's order and words: which show, their forms, their check marks.

A tab is complete ("rond coché") when its stored data, put back through the page's forms, passes
every check. Because those forms read the other tabs (age at the contract's dates, minor at the
date of conclusion, remuneration from the birth date), a later change elsewhere that breaks a
tab removes its check mark, and `tab_problems` says why.
"""

from copy import copy
from dataclasses import dataclass

from cactus.dossiers import alternant_forms, contract_forms, employer_forms, tab_forms
from cactus.dossiers.forms import BaseDataForm
from cactus.dossiers.models import Dossier, EntryMode
from cactus.formations.models import Formation


@dataclass(frozen=True)
class Tab:
    key: str
    label: str


BASE = Tab("base", "Données de base")
EMPLOYER = Tab("employer", "L'employeur")
ALTERNANT = Tab("alternant", "L'alternant")
STUDENT_LIFE = Tab("student_life", "Vie étudiante")
CONTRACT = Tab("contract", "Les données du contrat")
MISSION = Tab("mission", "La mission")
FOLLOW_UP = Tab("suivi", "Suivi - Info")

ALL_TABS = [BASE, EMPLOYER, ALTERNANT, STUDENT_LIFE, CONTRACT, MISSION, FOLLOW_UP]
# The row a tab writes; a tab whose row does not exist was never validated.
TAB_ROWS = {
    EMPLOYER.key: "employer",
    ALTERNANT.key: "alternant_details",
    STUDENT_LIFE.key: "student_life",
    CONTRACT.key: "contract",
}
NEVER_VALIDATED = "Cet onglet n'a pas encore été validé."
REMUNERATION_CHANGED = (
    "Les périodes de rémunération ne correspondent plus à la date de naissance, aux dates du contrat ou au "
    "département de l'employeur : vérifiez les taux proposés et validez de nouveau cet onglet."
)


def is_base_complete(dossier: Dossier) -> bool:
    return bool(
        dossier.entry_mode
        and dossier.scheme
        and dossier.alternant_last_name
        and dossier.alternant_first_name
        and dossier.alternant_birth_date
        and dossier.siret
        and dossier.contract_start
        and dossier.contract_end
    )


def visible_tabs(dossier: Dossier) -> list[Tab]:
    """Until Données de base is validated only it and Suivi - Info show (guide, "VOS DOSSIERS")."""
    if not is_base_complete(dossier):
        return [BASE, FOLLOW_UP]
    shown = [BASE, EMPLOYER, ALTERNANT, STUDENT_LIFE]
    if dossier.entry_mode == EntryMode.FULL:
        shown.append(CONTRACT)
    if dossier.formation.mission_mode != Formation.MissionMode.HIDDEN:
        shown.append(MISSION)
    return shown + [FOLLOW_UP]


def data_tabs(dossier: Dossier) -> list[Tab]:
    return [tab for tab in visible_tabs(dossier) if tab is not FOLLOW_UP]


def page_forms(key: str, dossier: Dossier, data=None) -> list:
    """The forms of a tab page, bound to `data` (a POST) or unbound on the stored values.

    Forms edit copies of the stored rows: an invalid POST must not change what the rest of the
    page (check marks, other tabs' rules) reads from the dossier.
    """
    if key == BASE.key:
        return [BaseDataForm(data, instance=copy(dossier))]
    if key == EMPLOYER.key:
        return employer_page(dossier, data)
    if key == ALTERNANT.key:
        details = _copy_row(dossier, "alternant_details")
        return [
            alternant_forms.AlternantForm(data, dossier=dossier, instance=details, prefix="alternant"),
            alternant_forms.LegalRepresentativeForm(
                data, dossier=dossier, instance=details, prefix="representative"
            ),
        ]
    if key == STUDENT_LIFE.key:
        row = _copy_row(dossier, "student_life")
        return [tab_forms.StudentLifeForm(data, dossier=dossier, instance=row, prefix="student_life")]
    if key == CONTRACT.key:
        contract = contract_forms.ContractForm(
            data, dossier=dossier, instance=_copy_row(dossier, "contract"), prefix="contract"
        )
        remuneration = contract_forms.RemunerationForm(
            data,
            dossier=dossier,
            contract_form=contract,
            stored_lines=list(dossier.remuneration_lines.all()),
            prefix="remuneration",
        )
        return [contract, remuneration]
    if key == MISSION.key:
        return [
            tab_forms.MissionForm(
                data,
                dossier=dossier,
                instance=_copy_row(dossier, "mission"),
                prefix="mission",
                is_required=dossier.formation.mission_mode == Formation.MissionMode.REQUIRED,
            )
        ]
    raise KeyError(key)


def employer_page(dossier: Dossier, data) -> list:
    employer = _copy_row(dossier, "employer")
    mentors = {mentor.position: copy(mentor) for mentor in dossier.mentors.all()}
    employer_form = employer_forms.EmployerForm(data, dossier=dossier, instance=employer, prefix="employer")
    if data is not None:
        employer_type = data.get("employer-employer_type", "")
        is_monegasque = data.get("employer-is_monegasque") not in (None, "", False, "false")
    else:
        employer_type = employer.employer_type if employer else ""
        is_monegasque = bool(employer and employer.is_monegasque)
    return [
        employer_form,
        employer_forms.SignatoryForm(data, dossier=dossier, instance=employer, prefix="signatory"),
        employer_forms.MentorForm(
            data, dossier=dossier, instance=mentors.get(1), prefix="mentor1", position=1
        ),
        employer_forms.MentorForm(
            data, dossier=dossier, instance=mentors.get(2), prefix="mentor2", position=2
        ),
        employer_forms.BillingForm(
            data,
            dossier=dossier,
            instance=employer,
            prefix="billing",
            is_required=employer_forms.billing_is_required(dossier, employer_type, is_monegasque),
        ),
    ]


def _copy_row(dossier: Dossier, name: str):
    row = tab_forms.related(dossier, name)
    return copy(row) if row is not None else None


def page_data(forms) -> dict:
    """The cleaned data of a valid page, as {block: values} for `services.save_tab`."""
    merged: dict = {}
    for form in forms:
        for block, values in form.page_data().items():
            if isinstance(values, dict) and isinstance(merged.get(block), dict):
                merged[block].update(values)
            else:
                merged[block] = values
    return merged


def stored_data(forms) -> dict:
    """The stored values of unbound forms, in the shape of a POST (to validate them again)."""
    return {bound_field.html_name: bound_field.value() for form in forms for bound_field in form}


def error_list(forms) -> list[dict]:
    """Every anomaly of a page, in page order: {"anchor": field id or "", "label", "message"}."""
    errors = []
    for form in forms:
        errors += [{"anchor": "", "label": "", "message": str(error)} for error in form.non_field_errors()]
        for bound_field in form:
            errors += [
                {
                    "anchor": bound_field.id_for_label or bound_field.auto_id,
                    "label": bound_field.label,
                    "message": str(error),
                }
                for error in bound_field.errors
            ]
    return errors


def form_errors(forms) -> list[str]:
    return [
        f"{error['label']} : {error['message']}" if error["label"] else error["message"]
        for error in error_list(forms)
    ]


def problems_of(key: str, dossier: Dossier) -> list[str]:
    """Why a tab is not complete ([] when it is)."""
    row = TAB_ROWS.get(key)
    if row and tab_forms.related(dossier, row) is None:
        return [NEVER_VALIDATED]
    forms = page_forms(key, dossier, data=stored_data(page_forms(key, dossier)))
    for form in forms:
        form.is_valid()
    problems = form_errors(forms)
    if key == CONTRACT.key and not contract_forms.stored_lines_match(dossier, forms[1]):
        problems.append(REMUNERATION_CHANGED)
    return problems


def tab_problems(dossier: Dossier) -> dict[str, list[str]]:
    if dossier.is_frozen:
        # Complete when validation was requested; a later change of a referential (SMIC, IDCC)
        # must not take the check marks of a frozen dossier away.
        return {tab.key: [] for tab in data_tabs(dossier)}
    return {tab.key: problems_of(tab.key, dossier) for tab in data_tabs(dossier)}


def tab_states(dossier: Dossier, problems: dict[str, list[str]] | None = None) -> dict[str, bool]:
    """Which tabs are complete: the "rond coché" next to their names.

    Pass `tab_problems(dossier)` when the caller has it already: it validates every tab's forms.
    """
    if problems is None:
        problems = tab_problems(dossier)
    return {key: not missing for key, missing in problems.items()}
