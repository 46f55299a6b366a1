from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from cactus.dossiers import permissions, selectors, services, tabs
from cactus.dossiers.exceptions import DossierError, DossierFrozen
from cactus.dossiers.models import TabDraft
from cactus.dossiers.views.follow_up import follow_up, tab_context

SAVED = {
    tabs.BASE.key: "Données de base enregistrées.",
    tabs.EMPLOYER.key: "L'employeur : onglet enregistré.",
    tabs.ALTERNANT.key: "L'alternant : onglet enregistré.",
    tabs.STUDENT_LIFE.key: "Vie étudiante : onglet enregistré.",
    tabs.CONTRACT.key: "Les données du contrat : onglet enregistré.",
    tabs.MISSION.key: "La mission : onglet enregistré.",
}


@require_http_methods(["GET", "POST"])
def edit_tab(request, pk: int, tab: str):
    """A data tab, validated as a whole page: nothing is saved unless every block on it is valid.

    What the person typed and did not validate comes back from their draft (never data).
    """
    dossier = selectors.get_dossier_for(request.user, pk)
    if tab == tabs.FOLLOW_UP.key:
        return follow_up(request, dossier)
    _check_data_tab(dossier, tab)
    if not permissions.can_view_tab(request.user, dossier, tab):
        raise Http404  # Vie étudiante (health data): the same answer as to a stranger
    can_edit = permissions.can_edit_tab(request.user, dossier, tab)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    draft = _draft_of(request.user, dossier, tab) if can_edit and request.method == "GET" else None
    if request.method == "POST":
        # Only "Valider" asks the company register (a closed establishment is refused).
        forms = tabs.page_forms(tab, dossier, data=request.POST, check_register=True)
    elif draft is not None:
        forms = tabs.draft_forms(tab, dossier, draft.values)
    else:
        forms = tabs.page_forms(tab, dossier)
    if request.method == "POST":
        results = [form.is_valid() for form in forms]  # a list, so every block shows its errors
        if all(results):
            try:
                services.save_tab(
                    dossier=dossier,
                    tab=tab,
                    data=tabs.page_data(forms),
                    by=request.user,
                    expected_version=_posted_version(request),
                )
            except DossierError as error:
                messages.error(request, str(error))
                dossier.refresh_from_db()
            else:
                messages.success(request, SAVED[tab])
                for warning in page_warnings(forms):
                    messages.warning(request, f"À vérifier : {warning}")
                return redirect("dossiers:tab", pk=dossier.pk, tab=tab)
        else:
            # An invalid "Valider" loses nothing: what was typed is kept as the person's draft.
            draft = _keep_draft(request, dossier, tab, forms)
    problems = tabs.tab_problems(dossier)  # once a request: it validates every tab's stored data
    context = tab_context(request, dossier, tab, problems) | {
        "forms": forms,
        "can_edit": can_edit,
        "read_only_blocks": [] if can_edit else tabs.read_only_blocks(forms),
        "page_errors": tabs.error_list(forms) if request.method == "POST" else [],
        "problems": [] if request.method == "POST" else problems.get(tab, []),
        "never_validated": tabs.NEVER_VALIDATED,
        "warnings": page_warnings(forms),
        "draft": draft,
        "formation_dates": tab in tabs.CONTRACT_DATE_TABS,
        # "Continuer": once this tab has its check mark, the next one this person has to complete.
        "next_tab": None
        if problems.get(tab)
        else selectors.next_tab_for(request.user, dossier, problems, after=tab),
    }
    return render(request, "dossiers/tab_edit.html", context)


@require_POST
def save_draft(request, pk: int, tab: str):
    """Keep what was typed on a tab page (the page's debounced fetch): JSON, never validated data."""
    dossier = selectors.get_dossier_for(request.user, pk)
    _check_data_tab(dossier, tab)
    if not permissions.can_view_tab(request.user, dossier, tab):
        raise Http404  # Vie étudiante: health data, as the tab itself answers
    if not permissions.can_edit_tab(request.user, dossier, tab):
        raise PermissionDenied
    forms = tabs.page_forms(tab, dossier, data=request.POST)
    try:
        draft = services.save_draft(
            dossier=dossier, tab=tab, values=tabs.draft_values(forms, request.POST), by=request.user
        )
    except DossierFrozen as error:
        raise PermissionDenied from error
    return JsonResponse({"saved_at": timezone.localtime(draft.updated_at).strftime("%d/%m/%Y à %H:%M")})


def _check_data_tab(dossier, tab: str) -> None:
    if tab not in {shown.key for shown in tabs.data_tabs(dossier)}:
        raise Http404


def _draft_of(user, dossier, tab: str) -> TabDraft | None:
    if dossier.is_frozen:
        return None
    return TabDraft.objects.filter(dossier=dossier, tab=tab, author=user).first()


def _keep_draft(request, dossier, tab: str, forms) -> TabDraft | None:
    try:
        return services.save_draft(
            dossier=dossier, tab=tab, values=tabs.draft_values(forms, request.POST), by=request.user
        )
    except DossierFrozen:
        return None


def page_warnings(forms) -> list[str]:
    """Advice of the rules (is_warning, or age limits before their exceptions are known): never blocking."""
    return [warning for form in forms for warning in getattr(form, "warnings", [])]


def _posted_version(request) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None
