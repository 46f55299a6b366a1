from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from cactus.dossiers import permissions, selectors, services, tabs
from cactus.dossiers.exceptions import DossierError
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
    """A data tab, validated as a whole page: nothing is saved unless every block on it is valid."""
    dossier = selectors.get_dossier_for(request.user, pk)
    if tab == tabs.FOLLOW_UP.key:
        return follow_up(request, dossier)
    if tab not in {shown.key for shown in tabs.data_tabs(dossier)}:
        raise Http404
    if not permissions.can_view_tab(request.user, dossier, tab):
        raise Http404  # Vie étudiante (health data): the same answer as to a stranger
    can_edit = permissions.can_edit_tab(request.user, dossier, tab)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    forms = tabs.page_forms(tab, dossier, data=request.POST if request.method == "POST" else None)
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
    if not can_edit:
        for form in forms:
            for field in form.fields.values():
                field.disabled = True
    problems = tabs.tab_problems(dossier)  # once a request: it validates every tab's stored data
    context = tab_context(request, dossier, tab, problems) | {
        "forms": forms,
        "can_edit": can_edit,
        "page_errors": tabs.error_list(forms) if request.method == "POST" else [],
        "problems": [] if request.method == "POST" else problems.get(tab, []),
        "never_validated": tabs.NEVER_VALIDATED,
        "warnings": page_warnings(forms),
    }
    return render(request, "dossiers/tab_edit.html", context)


def page_warnings(forms) -> list[str]:
    """Advice of the rules (is_warning, or age limits before their exceptions are known): never blocking."""
    return [warning for form in forms for warning in getattr(form, "warnings", [])]


def _posted_version(request) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None
