from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
def home(request):
    """Where a person lands after logging in: their work. CFA staff and responsables de formation
    start on the back office (the queues), everyone else on "Vos dossiers"."""
    user = request.user
    if not user.is_authenticated:
        return redirect("accounts:login")
    # `managed_formations` is the formations' reverse relation: read by name, no import upwards.
    if user.is_cfa_staff or user.managed_formations.exists():
        return redirect("dossiers:back_office")
    return redirect("dossiers:list")


@login_not_required
@require_GET
def legal(request):
    return render(request, "core/legal.html")


@login_not_required
@require_GET
def health(request):
    """For load balancers (and the bench's trivial view): answers "ok" behind the whole middleware stack."""
    return HttpResponse("ok", content_type="text/plain")
