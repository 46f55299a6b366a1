"""What a token (or a webhook endpoint) may see: the formations of its scope and their dossiers."""

from django.db.models import QuerySet

from cactus.api.models import Scoped
from cactus.dossiers.models import Dossier
from cactus.formations.models import Formation


def formations_for(scope: Scoped) -> QuerySet[Formation]:
    formations = Formation.objects.all()
    if not scope.all_formations:
        formations = formations.filter(pk__in=scope.formations.values("pk"))
    return formations


def dossiers_for(scope: Scoped) -> QuerySet[Dossier]:
    """The scope's dossiers with every row `dossier_data` reads, so a page costs the same few queries."""
    dossiers = Dossier.objects.select_related(
        "formation", "employer", "alternant_details", "contract", "mission"
    ).prefetch_related("mentors", "remuneration_lines")
    if not scope.all_formations:
        dossiers = dossiers.filter(formation__in=scope.formations.values("pk"))
    return dossiers


def is_in_scope(scope: Scoped, formation_id: int) -> bool:
    return scope.all_formations or scope.formations.filter(pk=formation_id).exists()
