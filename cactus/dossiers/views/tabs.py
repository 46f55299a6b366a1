from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from cactus.dossiers import forms, permissions, selectors, services, tabs
from cactus.dossiers.exceptions import DossierError
from cactus.dossiers.views.follow_up import follow_up, tab_context


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
    context = tab_context(request, dossier, tab) | {"form": form, "can_edit": can_edit}
    return render(request, "dossiers/tab_edit.html", context)


def _posted_version(request) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None
