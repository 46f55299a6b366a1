from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from cactus.formations.forms import FormationForm, ModuleFormSet, PeriodFormSet
from cactus.formations.models import Formation
from cactus.formations.permissions import can_manage_formations


def _require_admin(user) -> None:
    if not can_manage_formations(user):
        raise PermissionDenied


@require_GET
def formation_list(request):
    _require_admin(request.user)
    formations = Formation.objects.select_related("cfa_advisor").prefetch_related("managers")
    return render(request, "formations/formation_list.html", {"formations": formations})


@require_http_methods(["GET", "POST"])
def formation_edit(request, pk: int | None = None):
    _require_admin(request.user)
    formation = get_object_or_404(Formation, pk=pk) if pk else None
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = FormationForm(data, files, instance=formation)
    periods = PeriodFormSet(data, instance=formation or Formation(), prefix="periodes")
    modules = ModuleFormSet(data, instance=formation or Formation(), prefix="modules")
    if request.method == "POST" and all([form.is_valid(), periods.is_valid(), modules.is_valid()]):
        with transaction.atomic():
            formation = form.save()
            for formset in (periods, modules):
                formset.instance = formation
                formset.save()
        messages.success(request, f"Formation « {formation.title} » enregistrée.")
        return redirect("formations:list")
    context = {"form": form, "formation": formation, "periods": periods, "modules": modules}
    return render(request, "formations/formation_edit.html", context)
