"""The e-mails of the life after the signature: one function per message (templates/emails/)."""

from django.urls import reverse

from cactus.dossiers.models import AlternantDetails, Dossier, Employer
from cactus.dossiers.selectors import advisor_addresses
from cactus.notifications.emails import absolute_url, make_message
from cactus.notifications.models import OutgoingEmail


def _link(dossier: Dossier) -> str:
    return absolute_url(reverse("dossiers:tab", kwargs={"pk": dossier.pk, "tab": "suivi"}))


def party_addresses(dossier: Dossier) -> list[str]:
    """Every party told of a rupture or a cancellation: the alternant, their legal representative,
    the contact alternance, the employer's signatory, the responsables and the conseillère."""
    addresses = [dossier.alternant.email]
    details = AlternantDetails.objects.filter(dossier=dossier).first()
    if details and details.representative_email:
        addresses.append(details.representative_email)
    if dossier.employer_contact:
        addresses.append(dossier.employer_contact.email)
    employer = Employer.objects.filter(dossier=dossier).first()
    if employer is not None and employer.signatory_email:
        addresses.append(employer.signatory_email)
    addresses += list(dossier.formation.managers.filter(is_active=True).values_list("email", flat=True))
    addresses += advisor_addresses(dossier)
    return list(dict.fromkeys(address.lower() for address in addresses if address))


def rupture_recorded(*, dossier: Dossier, rupture, to: str) -> OutgoingEmail:
    return make_message(
        "rupture_recorded",
        to,
        {"dossier": dossier, "rupture": rupture, "link": _link(dossier)},
        dossier=dossier,
    )


def contract_cancelled(*, dossier: Dossier, reason: str, to: str) -> OutgoingEmail:
    return make_message(
        "contract_cancelled",
        to,
        {"dossier": dossier, "reason": reason, "link": _link(dossier)},
        dossier=dossier,
    )
