from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cactus.dossiers import forms, permissions, selectors, services, tabs
from cactus.dossiers.exceptions import DossierError
from cactus.dossiers.models import Dossier


def tab_context(request, dossier: Dossier, current: str) -> dict:
    return {
        "dossier": dossier,
        "tabs": tabs.visible_tabs(dossier),
        "tab_states": tabs.tab_states(dossier),
        "current_tab": current,
    }


def follow_up(request, dossier: Dossier):
    """ "Suivi - Info": where the dossier stands, what to do next, who to call, and its history."""
    contact_form = None
    if permissions.can_change_employer_contact(request.user, dossier):
        initial = {"email": dossier.employer_contact.email} if dossier.employer_contact else {}
        contact_form = forms.EmployerContactForm(initial=initial)
    events = dossier.events.select_related("actor")[:50]
    context = tab_context(request, dossier, tabs.FOLLOW_UP.key) | {
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
