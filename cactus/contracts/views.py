"""Thin views: fetch the dossier through the permission-checking selector, ask `can_act`, bind the
form, call one service, respond."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from cactus.contracts import forms, selectors, services
from cactus.dossiers import back_office, permissions
from cactus.dossiers import selectors as dossier_selectors
from cactus.dossiers.exceptions import DossierError


def _dossier_for(request, pk: int, action: str):
    dossier = dossier_selectors.get_dossier_for(request.user, pk)  # 404 to a stranger
    if not permissions.can_act(request.user, dossier, action):
        raise PermissionDenied
    return dossier


def _follow_up(dossier):
    return redirect("dossiers:tab", pk=dossier.pk, tab="suivi")


def _page(request, dossier, form, *, title: str, intro: str, button: str):
    return render(
        request,
        "contracts/action_form.html",
        {"dossier": dossier, "form": form, "title": title, "intro": intro, "button": button},
    )


@require_http_methods(["GET", "POST"])
def record_rupture(request, pk: int):
    dossier = _dossier_for(request, pk, permissions.RECORD_RUPTURE)
    form = forms.RuptureForm(request.POST or None, dossier=dossier)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_rupture(dossier=dossier, by=request.user, **form.cleaned_data)
        except DossierError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "La rupture est enregistrée : les parties et l'OPCO sont informés.")
            return _follow_up(dossier)
    return _page(
        request,
        dossier,
        form,
        title="Enregistrer la rupture",
        intro="La rupture est transmise à l'OPCO et chaque partie reçoit un e-mail.",
        button="Enregistrer la rupture",
    )


@require_http_methods(["GET", "POST"])
def cancel(request, pk: int):
    dossier = _dossier_for(request, pk, permissions.CANCEL)
    form = forms.CancellationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_contract(dossier=dossier, by=request.user, reason=form.cleaned_data["reason"])
        except DossierError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Le contrat est annulé : les parties et l'OPCO sont informés.")
            return _follow_up(dossier)
    return _page(
        request,
        dossier,
        form,
        title="Annuler le contrat",
        intro="Avant le début du contrat seulement. Le motif est conservé dans l'historique.",
        button="Annuler le contrat",
    )


@require_http_methods(["GET", "POST"])
def create_amendment(request, pk: int):
    dossier = _dossier_for(request, pk, permissions.CREATE_AMENDMENT)
    form = forms.AmendmentForm(request.POST or None, dossier=dossier)
    if request.method == "POST" and form.is_valid():
        try:
            amendment = services.create_amendment(dossier=dossier, by=request.user, **form.cleaned_data)
        except DossierError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                "L'avenant est créé : modifiez les onglets concernés puis faites la demande de validation.",
            )
            return _follow_up(amendment)
    return _page(
        request,
        dossier,
        form,
        title="Créer un avenant",
        intro="Un avenant est une nouvelle version du contrat : seuls les onglets concernés par son type "
        "sont modifiables, les autres gardent les valeurs signées.",
        button="Créer un avenant",
    )


@require_http_methods(["GET", "POST"])
def create_next_contract(request, pk: int):
    dossier = _dossier_for(request, pk, permissions.CREATE_NEXT_CONTRACT)
    formations = dossier_selectors.formations_open_to_registration(request.user)
    form = forms.NextContractForm(request.POST or None, formations=formations, dossier=dossier)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_next_contract(dossier=dossier, by=request.user, **form.cleaned_data)
        except DossierError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, "Le nouveau contrat est créé : l'alternant et le contact alternance sont invités."
            )
            return _follow_up(created)
    return _page(
        request,
        dossier,
        form,
        title="Nouveau contrat pour cet alternant",
        intro="Les données de l'alternant et la formation sont reprises ; le contrat précédent (employeur, "
        "dates, année atteinte, taux) est enregistré pour la rémunération du nouveau (D6222-29, D6222-28-1).",
        button="Créer le nouveau contrat",
    )


@require_GET
def versions(request, pk: int):
    dossier = dossier_selectors.get_dossier_for(request.user, pk)
    return render(
        request,
        "contracts/versions.html",
        {"dossier": dossier, "versions": selectors.versions_for(request.user, dossier)},
    )


@require_GET
def without_employer(request):
    if not permissions.can_use_back_office(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    rows = selectors.apprentices_without_employer(back_office.back_office_dossiers(request.user), today)
    return render(request, "contracts/without_employer.html", {"rows": rows, "today": today})
