"""Reads of the life after the signature: the queue of apprentices without an employer, the versions
of a contract and what changed between them."""

from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet

from cactus.contracts.grounds import Situation
from cactus.contracts.models import Rupture
from cactus.dossiers import export, permissions
from cactus.dossiers.models import Dossier
from cactus.dossiers.states import VersionKind

Status = Dossier.Status


def without_employer(today: date) -> Q:
    """Broken contracts whose alternant follows the training at the CFA as a stagiaire (L6222-18-2),
    whose 6 months are not over, and for whom no next contract exists yet."""
    trainee = Rupture.objects.filter(
        dossier=OuterRef("pk"), situation=Situation.CFA_TRAINEE, trainee_until__gte=today
    )
    next_contract = Dossier.objects.filter(
        previous_version=OuterRef("pk"), version_kind=VersionKind.NEXT_CONTRACT
    ).exclude(status=Status.CANCELLED)
    return Q(status=Status.RUPTURED) & Q(Exists(trainee)) & ~Q(Exists(next_contract))


def apprentices_without_employer(
    dossiers: QuerySet[Dossier], today: date
) -> list[tuple[Dossier, Rupture, int]]:
    """(dossier, rupture, days left as a stagiaire) for each, the nearest end of the 6 months first."""
    rows = (
        dossiers.filter(without_employer(today)).select_related("rupture").order_by("rupture__trainee_until")
    )
    return [(dossier, dossier.rupture, (dossier.rupture.trainee_until - today).days) for dossier in rows]


def contract_versions(dossier: Dossier) -> list[Dossier]:
    """The initial contract and its avenants, oldest first (a next contract is a contract of its own)."""
    root = dossier
    while root.is_amendment and root.previous_version_id:
        root = root.previous_version
    versions, current = [root], [root]
    while current:
        current = list(
            Dossier.objects.filter(previous_version__in=current, version_kind=VersionKind.AMENDMENT)
            .select_related("created_by")
            .order_by("created_at", "pk")
        )
        versions += current
    return versions


SECRET_KEYS = ("nir",)


def _shown(key: str, value) -> str:
    if value in (None, ""):
        return ""
    if any(secret in key for secret in SECRET_KEYS):
        return "(renseigné)"
    if isinstance(value, list):
        return "; ".join(
            f"{row.get('annee')}.{row.get('periode')} {row.get('du')} → {row.get('au')} : {row.get('taux')} %"
            for row in value
        )
    return str(value)


def version_changes(previous: Dossier, version: Dossier) -> list[tuple[str, str, str]]:
    """(CERFA key, value before, value in this version) for every value the version changed."""
    before, after = export.dossier_data(previous), export.dossier_data(version)
    keys = sorted((set(before) | set(after)) - {"dossier_id"})
    return [
        (key, _shown(key, before.get(key)), _shown(key, after.get(key)))
        for key in keys
        if before.get(key) != after.get(key)
    ]


def versions_for(user, dossier: Dossier) -> list[dict]:
    """Each version this person may see, with what changed since the version it amends, by whom, when."""
    shown = []
    for version in contract_versions(dossier):
        if not permissions.can_view(user, version):
            continue
        previous = version.previous_version if version.is_amendment else None
        shown.append(
            {
                "dossier": version,
                "changes": version_changes(previous, version) if previous else [],
                "edits": list(
                    version.events.filter(action="tab_saved").select_related("actor").order_by("created_at")
                ),
            }
        )
    return shown
