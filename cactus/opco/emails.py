"""The OPCO's decision, told to the contact alternance and the conseillère (one mail each); a decision
about a superseded deposit, told to the conseillère only."""

from django.urls import reverse

from cactus.dossiers.selectors import advisor_addresses
from cactus.notifications.emails import absolute_url, make_message


def _recipients(dossier) -> list[str]:
    contact = [dossier.employer_contact.email] if dossier.employer_contact else []
    return list(dict.fromkeys(contact + advisor_addresses(dossier)))


def _send(name: str, deposit) -> None:
    dossier = deposit.dossier
    link = absolute_url(reverse("dossiers:tab", kwargs={"pk": dossier.pk, "tab": "suivi"}))
    for address in _recipients(dossier):
        make_message(name, address, {"dossier": dossier, "deposit": deposit, "link": link}, dossier=dossier)


def contract_engaged(*, deposit) -> None:
    _send("opco_engaged", deposit)


def contract_refused(*, deposit) -> None:
    _send("opco_refused", deposit)


def superseded_deposit_state(*, deposit, change) -> None:
    """The OPCO decided on a deposit replaced by a newer one: only the CFA hears of it."""
    dossier = deposit.dossier
    link = absolute_url(reverse("dossiers:tab", kwargs={"pk": dossier.pk, "tab": "suivi"}))
    context = {"dossier": dossier, "deposit": deposit, "change": change, "link": link}
    for address in advisor_addresses(dossier):
        make_message("opco_superseded_state", address, context, dossier=dossier)
