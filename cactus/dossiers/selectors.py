from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import Http404

from cactus.accounts.models import CFA_ADVISOR_GROUP
from cactus.dossiers import circuits, permissions, search, tabs
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
    # Name (accents and case folded), e-mails, SIRET by prefix: see search.py for the indexes.
    dossiers = search.search(dossiers, query)
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


def incomplete_tabs_with_fillers(
    dossier: Dossier, problems: dict[str, list[str]] | None = None
) -> list[tuple[str, str]]:
    """(label, who fills it) for each shown data tab that is not complete, in the guide's order."""
    if problems is None:
        problems = tabs.tab_problems(dossier)
    return [
        (tab.label, permissions.TAB_FILLERS[tab.key]) for tab in tabs.data_tabs(dossier) if problems[tab.key]
    ]


def next_tab_for(
    user, dossier: Dossier, problems: dict[str, list[str]], *, after: str = ""
) -> tabs.Tab | None:
    """The next incomplete tab this person may edit, after `after` in the guide's order, then from the start."""
    shown = tabs.data_tabs(dossier)
    keys = [tab.key for tab in shown]
    start = keys.index(after) + 1 if after in keys else 0
    for tab in shown[start:] + shown[:start]:
        if tab.key != after and problems.get(tab.key) and permissions.can_edit_tab(user, dossier, tab.key):
            return tab
    return None


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    to_do: list[str]  # labels of the tabs still to complete
    next_action: str
    actor: str  # who must act next ("" when nobody)


def dossier_progress(dossier: Dossier) -> Progress:
    """What "Vos dossiers" shows of a dossier, from stored fields only (no query: lists of any length)."""
    shown = tabs.data_tabs(dossier)
    if dossier.is_frozen or dossier.is_entry_complete:
        to_do = []
    else:
        to_do = [tab for tab in shown if tab.key not in (dossier.complete_tabs or [])]
    if to_do:
        fillers = list(dict.fromkeys(permissions.TAB_FILLERS[tab.key] for tab in to_do))
        actor = " ; ".join(fillers)
        actor = actor[0].upper() + actor[1:]
    else:
        actor = circuits.next_actor(dossier)
    return Progress(
        done=len(shown) - len(to_do),
        total=len(shown),
        to_do=[tab.label for tab in to_do],
        next_action=circuits.next_action(dossier),
        actor=actor,
    )


def advisor_addresses(dossier: Dossier) -> list[str]:
    """The conseillère of the dossier's formation, or every conseillère when none is named."""
    advisor = dossier.formation.cfa_advisor
    if advisor:
        return [advisor.email]
    # No conseillère named for the formation: every conseillère of the CFA is told.
    users = get_user_model().objects.filter(groups__name=CFA_ADVISOR_GROUP, is_active=True)
    return list(users.values_list("email", flat=True))
