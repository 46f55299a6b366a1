from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
def home(request):
    return redirect("dossiers:list" if request.user.is_authenticated else "accounts:login")


@login_not_required
@require_GET
def legal(request):
    return render(request, "core/legal.html")


@login_not_required
@require_GET
def health(request):
    """For load balancers (and the bench's trivial view): answers "ok" behind the whole middleware stack."""
    return HttpResponse("ok", content_type="text/plain")
