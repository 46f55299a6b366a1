"""JSON endpoint for the IDCC auto-fill of the "L'employeur" tab."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from cactus.referentials.validators import validate_idcc


@require_GET
def idcc(request: HttpRequest) -> JsonResponse:
    """GET ?code=1486 → {"idcc", "label", "branch", "opco"}; 404 {"error"} for an unknown or
    obsolete code; 400 {"error"} for a malformed one."""
    try:
        agreement = validate_idcc(request.GET.get("code", ""))
    except ValidationError as error:
        status = 400 if error.code == "idcc_format" else 404
        return JsonResponse({"error": error.messages[0]}, status=status)
    return JsonResponse(
        {"idcc": agreement.idcc, "label": agreement.label, "branch": agreement.branch, "opco": agreement.opco}
    )
