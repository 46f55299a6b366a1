"""Every operation that changes a dossier. Each runs in a transaction and writes a DossierEvent."""

from django.db import transaction

from cactus.accounts.services import create_invitation, get_or_create_user
from cactus.dossiers.exceptions import DossierError, DossierFrozen
from cactus.dossiers.models import Dossier, DossierEvent
from cactus.formations.models import Formation
from cactus.notifications import emails

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
        .exclude(status=Dossier.Status.CLOSED)
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
    """Enter (or change) the contact alternance's e-mail and (re)send their invitation."""
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
    return dossier


def _diff(dossier: Dossier, values: dict) -> dict:
    changes = {}
    for field, new in values.items():
        old = getattr(dossier, field)
        if old != new:
            changes[field] = [
                None if old in (None, "") else str(old),
                None if new in (None, "") else str(new),
            ]
    return changes


@transaction.atomic
def save_base_data(*, dossier: Dossier, data: dict, by, expected_version: int | None = None) -> Dossier:
    """Save the Données de base tab as a whole; refuses a frozen dossier and a stale page."""
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if locked.is_frozen:
        raise DossierFrozen()
    if expected_version is not None and locked.version != expected_version:
        raise DossierError(
            "Ce dossier a été modifié par quelqu'un d'autre pendant votre saisie. "
            "Rechargez la page pour voir ses données, puis refaites vos modifications."
        )
    changes = _diff(locked, data)
    for field, value in data.items():
        setattr(locked, field, value)
    if changes:
        locked.version += 1
        locked.save()
        DossierEvent.objects.create(
            dossier=locked, actor=by, action=DossierEvent.Action.TAB_SAVED, changes={"tab": "base", **changes}
        )
    return locked
