from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cactus.dossiers import forms, permissions, selectors, services, tabs
from cactus.dossiers.exceptions import DossierError
from cactus.dossiers.models import Dossier

PAGE_SIZE = 50


def status_choices() -> list[tuple[str, str]]:
    choices = list(Dossier.Status.choices)
    choices.insert(1, ("complete", "Saisie complète"))
    return choices


@require_GET
def dossier_list(request):
    """ "Vos dossiers": the dossiers the person is party to (all of them for CFA staff)."""
    dossiers = selectors.dossiers_visible_to(request.user)
    filters = forms.DossierFilterForm(request.GET or None, status_choices=status_choices())
    if filters.is_valid():
        dossiers = selectors.search_dossiers(
            dossiers,
            query=filters.cleaned_data["q"].strip(),
            formation_id=filters.cleaned_data["formation"],
            status=filters.cleaned_data["status"],
        )
    page = Paginator(dossiers.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    can_register = selectors.formations_open_to_registration(request.user).exists()
    return render(
        request,
        "dossiers/dossier_list.html",
        {
            "page": page,
            "filters": filters,
            "show_filters": request.user.is_cfa_staff or request.user.managed_formations.exists(),
            "can_register": can_register,
        },
    )


@require_http_methods(["GET", "POST"])
def register_alternant(request):
    """ "Inscrire un alternant" for one of the formations the person manages (or any, for CFA staff)."""
    formations = selectors.formations_open_to_registration(request.user)
    if not formations.exists():
        raise PermissionDenied
    form = forms.RegisterAlternantForm(request.POST or None, formations=formations, initial=request.GET)
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


def _tab_context(request, dossier: Dossier, current: str) -> dict:
    return {
        "dossier": dossier,
        "tabs": tabs.visible_tabs(dossier),
        "tab_states": tabs.tab_states(dossier),
        "current_tab": current,
    }


@require_http_methods(["GET", "POST"])
def edit_tab(request, pk: int, tab: str):
    dossier = selectors.get_dossier_for(request.user, pk)
    if tab == tabs.FOLLOW_UP.key:
        return follow_up(request, dossier)
    if tab != tabs.BASE.key:
        raise Http404
    can_edit = permissions.can_edit_tab(request.user, dossier, tab)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    form = forms.BaseDataForm(request.POST or None, instance=dossier)
    if not can_edit:
        for field in form.fields.values():
            field.disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.save_base_data(
                dossier=dossier,
                data={name: form.cleaned_data[name] for name in form.Meta.fields},
                by=request.user,
                expected_version=_posted_version(request),
            )
        except DossierError as error:
            messages.error(request, str(error))
            dossier.refresh_from_db()
        else:
            messages.success(request, "Données de base enregistrées.")
            return redirect("dossiers:tab", pk=dossier.pk, tab=tab)
    context = _tab_context(request, dossier, tab) | {"form": form, "can_edit": can_edit}
    return render(request, "dossiers/tab_edit.html", context)


def _posted_version(request) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


def follow_up(request, dossier: Dossier):
    """ "Suivi - Info": where the dossier stands, what to do next, who to call, and its history."""
    contact_form = None
    if permissions.can_change_employer_contact(request.user, dossier):
        initial = {"email": dossier.employer_contact.email} if dossier.employer_contact else {}
        contact_form = forms.EmployerContactForm(initial=initial)
    events = dossier.events.select_related("actor")[:50]
    context = _tab_context(request, dossier, tabs.FOLLOW_UP.key) | {
        "contact_form": contact_form,
        "events": events,
        "advisor": dossier.formation.cfa_advisor,
    }
    return render(request, "dossiers/follow_up.html", context)


@require_POST
def change_employer_contact(request, pk: int):
    dossier = selectors.get_dossier_for(request.user, pk)
    if not permissions.can_change_employer_contact(request.user, dossier):
        raise PermissionDenied
    form = forms.EmployerContactForm(request.POST)
    if form.is_valid():
        try:
            services.set_employer_contact(dossier=dossier, email=form.cleaned_data["email"], by=request.user)
        except DossierError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, f"Invitation envoyée au contact alternance {form.cleaned_data['email']}."
            )
    else:
        messages.error(request, "Saisissez une adresse e-mail valide pour le contact alternance.")
    return redirect("dossiers:tab", pk=dossier.pk, tab=tabs.FOLLOW_UP.key)


@require_GET
def dossier_detail(request, pk: int):
    dossier = selectors.get_dossier_for(request.user, pk)
    return redirect("dossiers:tab", pk=dossier.pk, tab=tabs.BASE.key)
