"""L'employeur: the company's information from its SIRET, as JSON for the tab's script (issue 13)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from cactus.companies import lookup
from cactus.companies.exceptions import (
    CompanyNotFound,
    CompanySearchOffline,
    CompanySearchUnavailable,
)
from cactus.core.validators import validate_siret
from cactus.dossiers import permissions, selectors, tabs


@require_GET
def company(request, pk: int) -> JsonResponse:
    """GET ?siret=… → {"establishment": {...}} or {"error"}: only for who may edit L'employeur."""
    dossier = selectors.get_dossier_for(request.user, pk)
    if not permissions.can_edit_tab(request.user, dossier, tabs.EMPLOYER.key):
        raise PermissionDenied
    try:
        siret = validate_siret(request.GET.get("siret", ""))
    except ValidationError as error:
        return JsonResponse({"error": error.messages[0]}, status=400)
    try:
        establishment = lookup.find_establishment(siret)
    except CompanySearchOffline as error:
        return JsonResponse({"offline": True, "message": str(error)})
    except CompanyNotFound as error:
        return JsonResponse({"error": str(error)}, status=404)
    except CompanySearchUnavailable as error:
        return JsonResponse({"error": str(error)}, status=503)
    if establishment.is_closed:
        return JsonResponse({"error": lookup.closed_message(establishment)}, status=409)
    return JsonResponse({"establishment": establishment.as_json()})
