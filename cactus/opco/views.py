"""The OPCO's notifications (webhook): public, signed, no session, no CSRF token (a machine calls it);
and the CFA's "Relancer le dépôt" of a deposit that failed (network, key), or "Relancer la déclaration"
of a rupture or cancellation whose sending failed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from cactus.dossiers import selectors
from cactus.opco import declarations, services, webhooks
from cactus.opco.models import Declaration, Deposit, OpcoConnection


@csrf_exempt
@login_not_required
@require_POST
def notification(request, pk: int) -> JsonResponse:
    connection = get_object_or_404(OpcoConnection, pk=pk)
    try:
        webhooks.receive(connection, request.body, request.headers.get(webhooks.SIGNATURE_HEADER, ""))
    except webhooks.WebhookRefused as refusal:
        return JsonResponse({"error": str(refusal)}, status=refusal.status)
    return JsonResponse({"status": "ok"})


@require_POST
def retry(request, pk: int):
    """CFA staff send a failed deposit again (same version, same idempotency key), or a failed
    declaration of the rupture or cancellation (field "declaration": its kind; same key)."""
    dossier = selectors.get_dossier_for(request.user, pk)
    if not request.user.is_cfa_staff:
        raise PermissionDenied
    if "declaration" in request.POST:
        return _retry_declaration(request, dossier, request.POST["declaration"])
    current = Deposit.objects.filter(dossier=dossier, is_current=True).first()
    if current is None or current.status != Deposit.Status.FAILED:
        messages.error(request, "Seul un dépôt en échec se relance.")
    elif services.request_deposit(dossier=dossier, by=request.user) is None:
        messages.error(request, "Ce dossier n'est plus à déposer par l'API (état ou OPCO changé).")
    else:
        messages.success(request, "Dépôt relancé.")
    return redirect("dossiers:tab", pk=dossier.pk, tab="suivi")


def _retry_declaration(request, dossier, kind: str):
    failed = Declaration.objects.filter(dossier=dossier, kind=kind, status=Declaration.Status.FAILED).first()
    if failed is None:
        messages.error(request, "Seule une déclaration en échec se relance.")
    elif declarations.request_declaration(dossier=dossier, by=request.user) is None:
        # request_declaration declines only when the OPCO's connection is no longer on the API.
        messages.error(request, "L'OPCO n'est plus relié par l'API (dépôt manuel) : prévenez-le directement.")
    else:
        messages.success(request, "Déclaration relancée.")
    return redirect("dossiers:tab", pk=dossier.pk, tab="suivi")
