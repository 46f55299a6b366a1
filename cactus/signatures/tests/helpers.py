"""Dossiers brought to the point where online signature starts, through the life-cycle's own services."""

import re

from django.contrib.auth.models import Group

from cactus.accounts.models import CFA_ADMIN_GROUP, CFA_ADVISOR_GROUP
from cactus.accounts.tests.factories import UserFactory
from cactus.documents.tests.full_dossiers import equip_formation
from cactus.dossiers import transitions
from cactus.dossiers.tests.factories import DossierFactory, fill_every_tab
from cactus.formations.models import Formation
from cactus.signatures import services
from cactus.signatures.models import SigningMode


def online_dossier(**fill):
    """A complete dossier (a minor, apprenticeship) whose formation signs online, at "Saisie complète"."""
    dossier = DossierFactory()
    equip_formation(dossier.formation)
    advisor = UserFactory(first_name="Claire", last_name="Conseil")
    advisor.groups.add(Group.objects.get(name=CFA_ADVISOR_GROUP))
    Formation.objects.filter(pk=dossier.formation_id).update(
        cfa_advisor=advisor, validation_mode=Formation.ValidationMode.MANUAL
    )
    services.set_formation_default(formation=dossier.formation, mode=SigningMode.ONLINE, by=None)
    return fill_every_tab(dossier, **fill)


def checker():
    admin = UserFactory()
    admin.groups.add(Group.objects.get(name=CFA_ADMIN_GROUP))
    return admin


def bring_to_signature(dossier):
    """Validation requested, validated, éléments économiques validated: the round starts (on commit)."""
    admin = checker()
    transitions.request_validation(dossier=dossier, by=dossier.employer_contact)
    dossier.refresh_from_db()
    if dossier.status == "validation_requested":
        transitions.validate_dossier(dossier=dossier, by=admin)
    transitions.validate_economic_elements(dossier=dossier, by=admin)
    dossier.refresh_from_db()
    return dossier


def last_link(address: str) -> str:
    """The token of the last signing link sent to `address` (the real mail, not the stored copy)."""
    return re.findall(r"/signature/([A-Za-z0-9_\-]+)/", _bodies(address, "/signature/")[-1])[-1]


def last_code(address: str) -> str:
    return re.findall(r"code de signature : (\d{6})", _bodies(address, "code de signature :")[-1])[-1]


def _bodies(address: str, marker: str) -> list[str]:
    from django.core import mail

    bodies = [message.body for message in mail.outbox if address in message.to and marker in message.body]
    assert bodies, f"no mail with {marker!r} to {address}"
    return bodies
