"""The OPCO's notifications (webhook): public, signed, no session, no CSRF token (a machine calls it)."""

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from cactus.opco import webhooks
from cactus.opco.models import OpcoConnection


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
