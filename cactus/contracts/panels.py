""" "Suivi - Info" panel: the version of the contract, its rupture or cancellation, and the actions
after the signature this person may take (dossiers.extensions.add_follow_up_panel)."""

from cactus.contracts.models import Cancellation, Rupture
from cactus.dossiers import permissions
from cactus.dossiers.states import AMENDMENT_TYPE_LABELS

ACTIONS = (
    permissions.CREATE_AMENDMENT,
    permissions.RECORD_RUPTURE,
    permissions.CANCEL,
    permissions.CREATE_NEXT_CONTRACT,
)


def contract_panel(request, dossier):
    actions = {action for action in ACTIONS if permissions.can_act(request.user, dossier, action)}
    context = {
        "dossier": dossier,
        "actions": actions,
        "rupture": Rupture.objects.filter(dossier=dossier).first(),
        "cancellation": Cancellation.objects.filter(dossier=dossier).first(),
        "amendment_label": AMENDMENT_TYPE_LABELS.get(dossier.amendment_type, ""),
        "previous": dossier.previous_version
        if dossier.previous_version_id and permissions.can_view(request.user, dossier.previous_version)
        else None,
        "carried_over": dossier.carried_over,
        "can_use_back_office": permissions.can_use_back_office(request.user),
        "has_versions": dossier.is_amendment
        or dossier.next_versions.filter(version_kind="amendment").exists(),
    }
    if not (actions or context["rupture"] or context["cancellation"] or dossier.previous_version_id):
        return None
    return "contracts/_panel.html", context
