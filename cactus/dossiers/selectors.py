from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import Http404

from cactus.accounts.models import CFA_ADVISOR_GROUP
from cactus.dossiers import permissions, tabs
from cactus.dossiers.models import Dossier
from cactus.formations.models import Formation


def dossiers_visible_to(user) -> QuerySet[Dossier]:
    """The dossiers a person is party to; CFA staff see all of them."""
    # The employer row too: a row's state label reads it (circuits: "Transmis à la DDETS").
    dossiers = Dossier.objects.select_related("formation", "alternant", "employer_contact", "employer")
    if user.is_cfa_staff:
        return dossiers
    # Formation ids rather than a join on the managers table: no DISTINCT, and PostgreSQL combines
    # the three columns' indexes instead of scanning every dossier (docs/bench.md).
    managed = list(user.managed_formations.values_list("pk", flat=True))
    return dossiers.filter(Q(employer_contact=user) | Q(alternant=user) | Q(formation_id__in=managed))


def get_dossier_for(user, pk: int) -> Dossier:
    """The dossier if the person is party to it; 404 otherwise, so a stranger learns nothing."""
    try:
        dossier = Dossier.objects.select_related(
            "formation", "formation__cfa_advisor", "alternant", "employer_contact"
        ).get(pk=pk)
    except Dossier.DoesNotExist as error:
        raise Http404 from error
    if not permissions.can_view(user, dossier):
        raise Http404
    return dossier


def formations_open_to_registration(user) -> QuerySet[Formation]:
    formations = Formation.objects.filter(is_active=True)
    if user.is_cfa_staff:
        return formations
    return formations.filter(managers=user)


def search_dossiers(
    dossiers: QuerySet[Dossier], *, query: str = "", formation_id=None, status=""
) -> QuerySet:
    if query:
        dossiers = dossiers.filter(
            Q(alternant_last_name__icontains=query)
            | Q(alternant_first_name__icontains=query)
            | Q(alternant__email__icontains=query)
            | Q(employer_contact__email__icontains=query)
            | Q(siret__startswith=query.replace(" ", ""))
        )
    if formation_id:
        dossiers = dossiers.filter(formation_id=formation_id)
    if status == "complete":
        dossiers = dossiers.filter(status=Dossier.Status.DRAFT, is_entry_complete=True)
    elif status:
        dossiers = dossiers.filter(status=status)
    return dossiers


def incomplete_tabs(dossier: Dossier, problems: dict[str, list[str]] | None = None) -> list[str]:
    """The labels of the shown data tabs that are not complete, in the guide's order ([] = saisie complète).

    Pass `tabs.tab_problems(dossier)` when the caller has it already: it validates every tab's forms.
    """
    if problems is None:
        problems = tabs.tab_problems(dossier)
    return [tab.label for tab in tabs.data_tabs(dossier) if problems[tab.key]]


def advisor_addresses(dossier: Dossier) -> list[str]:
    """The conseillère of the dossier's formation, or every conseillère when none is named."""
    advisor = dossier.formation.cfa_advisor
    if advisor:
        return [advisor.email]
    # No conseillère named for the formation: every conseillère of the CFA is told.
    users = get_user_model().objects.filter(groups__name=CFA_ADVISOR_GROUP, is_active=True)
    return list(users.values_list("email", flat=True))
