"""The CFA administrator's page "Accès API": tokens of the organisations, webhooks and their log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cactus.api import services
from cactus.api.forms import TokenForm, WebhookForm
from cactus.api.models import ApiToken, WebhookAttempt, WebhookEndpoint

LOG_LENGTH = 100


def _require_admin(user) -> None:
    if not user.is_cfa_admin:
        raise PermissionDenied


@require_GET
def access_list(request):
    _require_admin(request.user)
    context = {
        "tokens": ApiToken.objects.select_related("revoked_by").prefetch_related("formations"),
        "endpoints": WebhookEndpoint.objects.prefetch_related("formations"),
    }
    return render(request, "api/access_list.html", context)


@require_http_methods(["GET", "POST"])
def token_create(request):
    _require_admin(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, raw = services.create_token(**form.scope_kwargs, by=request.user)
        # Shown on this answer only: the database keeps its SHA-256.
        return render(request, "api/token_created.html", {"token": token, "raw": raw})
    return render(request, "api/scope_form.html", {"form": form, "title": "Nouveau jeton d'accès"})


@require_POST
def token_revoke(request, pk: int):
    _require_admin(request.user)
    token = get_object_or_404(ApiToken, pk=pk)
    services.revoke_token(token=token, by=request.user)
    messages.success(request, f"Le jeton de « {token.name} » est révoqué : il ne donne plus accès à l'API.")
    return redirect("api:list")


@require_http_methods(["GET", "POST"])
def webhook_create(request):
    _require_admin(request.user)
    form = WebhookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        endpoint = services.create_webhook_endpoint(
            **form.scope_kwargs, url=form.cleaned_data["url"], by=request.user
        )
        return render(request, "api/webhook_created.html", {"endpoint": endpoint})
    return render(request, "api/scope_form.html", {"form": form, "title": "Nouveau webhook"})


@require_http_methods(["GET", "POST"])
def webhook_detail(request, pk: int):
    """The endpoint and its delivery log; POST switches it on or off."""
    _require_admin(request.user)
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    if request.method == "POST":
        is_active = request.POST.get("actif") == "oui"
        services.set_webhook_endpoint_active(endpoint=endpoint, is_active=is_active, by=request.user)
        messages.success(request, "Webhook activé." if is_active else "Webhook désactivé : plus aucun envoi.")
        return redirect("api:webhook_detail", pk=endpoint.pk)
    deliveries = endpoint.deliveries.prefetch_related(
        Prefetch("attempt_log", queryset=WebhookAttempt.objects.order_by("number"))
    )[:LOG_LENGTH]
    return render(request, "api/webhook_detail.html", {"endpoint": endpoint, "deliveries": deliveries})
