"""Every operation that changes a dossier. Each runs in a transaction and writes a DossierEvent."""

from django.db import transaction
from django.utils import timezone

from cactus.accounts import emails
from cactus.accounts.services import create_invitation, get_or_create_user
from cactus.dossiers import emails as dossier_emails
from cactus.dossiers import selectors, tabs
from cactus.dossiers.exceptions import DossierError, DossierFrozen
from cactus.dossiers.models import (
    AlternantDetails,
    Contract,
    Dossier,
    DossierEvent,
    Employer,
    Mentor,
    Mission,
    RemunerationLine,
    StudentLife,
    TabDraft,
)
from cactus.formations.models import Formation

ALTERNANT_ROLE_LABEL = "alternant(e)"
EMPLOYER_CONTACT_ROLE_LABEL = "contact alternance (gestionnaire chez l'employeur)"


def invite(*, dossier: Dossier, user, by, role_label: str) -> None:
    if user.has_usable_password():
        # They already chose a password: tell them about this dossier, with a link to log in.
        emails.added_to_dossier(user=user, by=by, dossier=dossier, role_label=role_label)
    else:
        invitation, token = create_invitation(user=user, by=by)
        emails.invitation(invitation=invitation, token=token, dossier=dossier, role_label=role_label)
    DossierEvent.objects.create(
        dossier=dossier,
        actor=by,
        action=DossierEvent.Action.INVITATION_SENT,
        changes={"to": user.email, "role": role_label},
    )


@transaction.atomic
def register_alternant(
    *, formation: Formation, alternant_email: str, employer_contact_email: str = "", by
) -> Dossier:
    """Create a dossier for an alternant and invite them (and the contact alternance if given)."""
    alternant = get_or_create_user(email=alternant_email)
    if (
        Dossier.objects.filter(formation=formation, alternant=alternant)
        .exclude(status__in=[Dossier.Status.CLOSED, *Dossier.ENDED_STATUSES])
        .exists()
    ):
        raise DossierError(
            f"{alternant.email} a déjà un dossier dans la formation « {formation.title} » : "
            "ouvrez-le depuis « Vos dossiers »."
        )
    dossier = Dossier.objects.create(formation=formation, alternant=alternant, created_by=by)
    DossierEvent.objects.create(
        dossier=dossier, actor=by, action=DossierEvent.Action.CREATED, changes={"alternant": alternant.email}
    )
    invite(dossier=dossier, user=alternant, by=by, role_label=ALTERNANT_ROLE_LABEL)
    if employer_contact_email:
        set_employer_contact(dossier=dossier, email=employer_contact_email, by=by)
    return dossier


@transaction.atomic
def set_employer_contact(*, dossier: Dossier, email: str, by) -> Dossier:
    """Enter (or change) the contact alternance's e-mail and (re)send their invitation.

    A change tells the previous contact and the conseillère by e-mail (dossiers/README.md).
    """
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if dossier.is_frozen:
        raise DossierFrozen()
    contact = get_or_create_user(email=email)
    if contact.pk == dossier.alternant_id:
        raise DossierError("Le contact alternance ne peut pas être l'alternant lui-même.")
    previous = dossier.employer_contact.email if dossier.employer_contact else ""
    dossier.employer_contact = contact
    dossier.save(update_fields=["employer_contact", "updated_at"])
    DossierEvent.objects.create(
        dossier=dossier,
        actor=by,
        action=DossierEvent.Action.EMPLOYER_CONTACT_CHANGED,
        changes={"employer_contact": [previous, contact.email]},
    )
    invite(dossier=dossier, user=contact, by=by, role_label=EMPLOYER_CONTACT_ROLE_LABEL)
    if previous and previous != contact.email:
        # Replacing the contact is allowed until the freeze, never silently: the previous contact
        # and the conseillère are told, and the event above keeps both addresses.
        dossier_emails.employer_contact_removed(dossier=dossier, previous=previous, by=by)
        for address in selectors.advisor_addresses(dossier):
            dossier_emails.employer_contact_changed(
                dossier=dossier, to=address, previous=previous, new=contact.email, by=by
            )
    return dossier


# Les données de chaque onglet -----------------------------------------------------------------

# The one-to-one rows a tab page writes, by block name (see tabs.page_data).
TAB_ROWS = {
    "employer": Employer,
    "alternant_details": AlternantDetails,
    "student_life": StudentLife,
    "contract": Contract,
    "mission": Mission,
}
# Never copied into the event log in clear: the log is read by every party to the dossier.
SECRET_FIELDS = {"nir"}
AMENDMENT_TAB_LOCKED = (
    "Cet onglet n'est pas concerné par le type de l'avenant : il garde les valeurs du contrat signé."
)
STALE_PAGE = (
    "Ce dossier a été modifié par quelqu'un d'autre pendant votre saisie. "
    "Rechargez la page pour voir ses données, puis refaites vos modifications."
)


def _shown(field: str, value) -> str | None:
    if value in (None, ""):
        return None
    return "(modifié)" if field in SECRET_FIELDS else str(value)


def _diff(row, values: dict, *, prefix: str = "") -> dict:
    changes = {}
    for field, new in values.items():
        old = getattr(row, field) if row is not None else None
        if old != new and not (old in (None, "") and new in (None, "")):
            changes[prefix + field] = [_shown(field, old), _shown(field, new)]
    return changes


def _save_row(dossier: Dossier, block: str, values: dict) -> dict:
    model = TAB_ROWS[block]
    row = model.objects.filter(dossier=dossier).first()
    changes = _diff(row, values, prefix=f"{block}.")
    if row is None:
        model.objects.create(dossier=dossier, **values)
        return changes or {f"{block}": [None, "créé"]}
    if changes:
        for field, value in values.items():
            setattr(row, field, value)
        row.save()
    return changes


def _save_mentors(dossier: Dossier, mentors: dict) -> dict:
    changes = {}
    for position, values in sorted(mentors.items()):
        mentor = Mentor.objects.filter(dossier=dossier, position=position).first()
        if values is None:
            if mentor is not None:
                mentor.delete()
                changes[f"mentor{position}"] = [str(mentor), None]
            continue
        changes |= _diff(mentor, values, prefix=f"mentor{position}.")
        if mentor is None:
            Mentor.objects.create(dossier=dossier, position=position, **values)
        else:
            Mentor.objects.filter(pk=mentor.pk).update(**values)
    return changes


def _save_remuneration(dossier: Dossier, lines: list[dict]) -> dict:
    def summary(line) -> str:
        return f"{line['year']}.{line['period']} du {line['start']} au {line['end']} : {line['rate']} % du {line['base']}"

    fields = ["year", "period", "start", "end", "rate", "base"]
    old = [
        summary({name: getattr(line, name) for name in fields}) for line in dossier.remuneration_lines.all()
    ]
    new = [summary(line) for line in lines]
    dossier.remuneration_lines.all().delete()
    RemunerationLine.objects.bulk_create(RemunerationLine(dossier=dossier, **line) for line in lines)
    return {} if old == new else {"remuneration": ["; ".join(old) or None, "; ".join(new)]}


def _lock_for_edit(dossier: Dossier, expected_version: int | None) -> Dossier:
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if locked.is_frozen:
        raise DossierFrozen()
    if expected_version is not None and locked.version != expected_version:
        raise DossierError(STALE_PAGE)
    return locked


@transaction.atomic
def save_tab(*, dossier: Dossier, tab: str, data: dict, by, expected_version: int | None = None) -> Dossier:
    """Save a whole tab page ({block: values} from its valid forms); refuses a frozen dossier and a stale page.

    Writes one DossierEvent with the field diff, and keeps `is_entry_complete` ("Saisie complète") true.
    A page saved unchanged writes nothing and keeps the flag as the last change left it: checking
    it again validates every tab (the slowest part of a "Valider" that changes nothing).
    """
    locked = _lock_for_edit(dossier, expected_version)
    if not locked.is_tab_open_in_version(tab):
        raise DossierFrozen(AMENDMENT_TAB_LOCKED)
    # What this person typed is now validated data: their draft of the tab has served.
    TabDraft.objects.filter(dossier=locked, tab=tab, author=by).delete()
    changes = {}
    for block, values in data.items():
        if block == "dossier":
            changes |= _diff(locked, values)
            for field, value in values.items():
                setattr(locked, field, value)
        elif block == "mentors":
            changes |= _save_mentors(locked, values)
        elif block == "remuneration_lines":
            changes |= _save_remuneration(locked, values)
        else:
            changes |= _save_row(locked, block, values)
    if not changes:
        return locked
    locked.version += 1
    locked.save()
    DossierEvent.objects.create(
        dossier=locked, actor=by, action=DossierEvent.Action.TAB_SAVED, changes={"tab": tab, **changes}
    )
    return refresh_entry_completeness(dossier=locked)


def refresh_entry_completeness(*, dossier: Dossier) -> Dossier:
    """Recompute "Saisie complète" from the tabs' check marks (lists read the stored flag)."""
    fresh = Dossier.objects.select_related("formation").get(pk=dossier.pk)
    problems = tabs.tab_problems(fresh)
    is_complete = not selectors.incomplete_tabs(fresh, problems)
    complete_tabs = [key for key, missing in problems.items() if not missing]
    if fresh.is_entry_complete != is_complete or fresh.complete_tabs != complete_tabs:
        fresh.is_entry_complete = is_complete
        fresh.complete_tabs = complete_tabs
        fresh.save(update_fields=["is_entry_complete", "complete_tabs", "updated_at"])
    return fresh


def save_base_data(*, dossier: Dossier, data: dict, by, expected_version: int | None = None) -> Dossier:
    """Save the Données de base tab as a whole; refuses a frozen dossier and a stale page."""
    return save_tab(
        dossier=dossier, tab="base", data={"dossier": data}, by=by, expected_version=expected_version
    )


def submit_page(*, dossier: Dossier, key: str, values: dict, by) -> Dossier:
    """Validate and save a tab page from the values a browser would post (demo data, tests)."""
    forms = tabs.page_forms(key, dossier, data=values, check_register=True)
    if not all([form.is_valid() for form in forms]):
        raise DossierError(f"{key} : " + " ; ".join(tabs.form_errors(forms)))
    return save_tab(dossier=dossier, tab=key, data=tabs.page_data(forms), by=by)


# Brouillons: what was typed on a tab page and not validated -------------------------------------

DRAFT_VALUE_MAX_LENGTH = 5000


@transaction.atomic
def save_draft(*, dossier: Dossier, tab: str, values: dict, by) -> TabDraft:
    """Keep what a person typed on a tab page, as it was posted; never data of the dossier.

    Refused once the dossier is frozen (the lock waits for a Demande de validation under way,
    which deletes every draft). No DossierEvent: a draft changes nothing of the dossier.
    """
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if locked.is_frozen:
        raise DossierFrozen()
    if not locked.is_tab_open_in_version(tab):
        raise DossierFrozen(AMENDMENT_TAB_LOCKED)
    kept = {name.replace("\x00", ""): _bounded(value) for name, value in values.items()}
    draft, _ = TabDraft.objects.update_or_create(
        dossier=locked, tab=tab, author=by, defaults={"values": kept, "updated_at": timezone.now()}
    )
    return draft


def _bounded(value):
    if isinstance(value, list):
        return [_bounded(item) for item in value[:50]]
    # PostgreSQL's jsonb refuses the NUL character (a browser never sends it; a forged POST may).
    return str(value).replace("\x00", "")[:DRAFT_VALUE_MAX_LENGTH]
