from django.contrib.auth.decorators import login_not_required
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
