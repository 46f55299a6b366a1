from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from cactus.dossiers import forms, selectors, services, tabs
from cactus.dossiers.exceptions import DossierError
from cactus.dossiers.models import Dossier

PAGE_SIZE = 50


def status_choices() -> list[tuple[str, str]]:
    choices = list(Dossier.Status.choices)
    choices.insert(1, ("complete", "Saisie complète"))
    return choices


# "Vos dossiers" offers search and sort beyond this many dossiers (always to the formation and the CFA).
FEW_DOSSIERS = 5


@require_GET
def dossier_list(request):
    """ "Vos dossiers": the dossiers the person is party to (all of them for CFA staff), each with its
    progress, its next action and who must act."""
    dossiers = selectors.dossiers_visible_to(request.user)
    is_staff_side = request.user.is_cfa_staff or request.user.managed_formations.exists()
    filters = forms.DossierFilterForm(
        request.GET or None, status_choices=status_choices(), with_formation=is_staff_side
    )
    if filters.is_valid():
        dossiers = selectors.search_dossiers(
            dossiers,
            query=filters.cleaned_data["q"].strip(),
            formation_id=filters.cleaned_data.get("formation"),
            status=filters.cleaned_data["status"],
        )
    page = Paginator(dossiers.order_by(*filters.ordering()), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(dossier, selectors.dossier_progress(dossier)) for dossier in page.object_list]
    can_register = selectors.formations_open_to_registration(request.user).exists()
    return render(
        request,
        "dossiers/dossier_list.html",
        {
            "page": page,
            "rows": rows,
            "filters": filters,
            "show_filters": is_staff_side or bool(request.GET) or page.paginator.count > FEW_DOSSIERS,
            "can_register": can_register,
            "query_string": _query_without_page(request),
        },
    )


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_http_methods(["GET", "POST"])
def register_alternant(request):
    """ "Inscrire un alternant" for one of the formations the person manages (or any, for CFA staff)."""
    formations = selectors.formations_open_to_registration(request.user)
    if not formations.exists():
        raise PermissionDenied
    form = forms.RegisterAlternantForm(
        request.POST if request.method == "POST" else None, formations=formations, initial=request.GET
    )
    if request.method == "POST" and form.is_valid():
        try:
            dossier = services.register_alternant(
                formation=form.cleaned_data["formation"],
                alternant_email=form.cleaned_data["alternant_email"],
                employer_contact_email=form.cleaned_data["employer_contact_email"],
                by=request.user,
            )
        except DossierError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, f"L'alternant {dossier.alternant.email} est inscrit ; les invitations sont envoyées."
            )
            return redirect("dossiers:tab", pk=dossier.pk, tab="suivi")
    return render(request, "dossiers/register_alternant.html", {"form": form})


@require_GET
def dossier_detail(request, pk: int):
    dossier = selectors.get_dossier_for(request.user, pk)
    return redirect("dossiers:tab", pk=dossier.pk, tab=tabs.BASE.key)
