"""The read-only JSON API under /api/v1/ (django-ninja): formations and dossiers of a token's scope.

A dossier is given in the `export_dossier` shape (dossiers/export.py, the CERFA keys), under
`donnees`, with its state and dates around it. The OpenAPI document is /api/v1/openapi.json, its
page /api/v1/docs (Swagger UI served from our own static files: the CSP allows no CDN).
"""

import math
import re
from datetime import UTC, date, datetime
from typing import Annotated

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest
from django.views.decorators.http import require_GET
from ninja import Field, NinjaAPI, Path, Query, Schema
from ninja.errors import AuthenticationError, Throttled, ValidationError
from pydantic import AfterValidator, AwareDatetime, BeforeValidator

from cactus.api import cursors, selectors
from cactus.api.auth import TokenAuth, TokenRateThrottle
from cactus.dossiers.export import dossier_data
from cactus.dossiers.models import Dossier
from cactus.dossiers.states import Status

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
MAX_ID = 2**63 - 1  # a database id (bigint): anything larger is refused as invalid, never sent to SQL

api = NinjaAPI(
    title="API Cactus",
    version="1",
    description=(
        "Lecture seule des formations et des dossiers d'alternance du CFA, pour ses autres logiciels. "
        "Chaque appel porte l'en-tête `Authorization: Bearer <jeton>` ; le jeton est créé par un "
        "administrateur du CFA (page « Accès API ») et ne voit que les formations qu'il lui ouvre. "
        "Les listes se parcourent par curseur : repassez `curseur_suivant` tant qu'il n'est pas nul."
    ),
    urls_namespace="api_v1",
    auth=TokenAuth(),
    throttle=[TokenRateThrottle()],
    docs_url="/docs",
    openapi_url="/openapi.json",
    docs_decorator=require_GET,
)


class Error(Schema):
    detail: str


class InvalidParameters(Schema):
    detail: str
    erreurs: list[dict]


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, error: AuthenticationError):
    response = api.create_response(request, {"detail": error.message}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="cactus"'
    return response


@api.exception_handler(Throttled)
def throttled(request: HttpRequest, error: Throttled):
    # The per-token rate (TokenRateThrottle) or the failed tokens of one address (TooManyFailedTokens).
    detail = getattr(error, "detail", "Trop de requêtes pour ce jeton : réessayez dans un instant.")
    response = api.create_response(request, {"detail": detail}, status=429)
    if error.wait:
        response["Retry-After"] = str(math.ceil(error.wait))
    return response


@api.exception_handler(Http404)
def not_found(request: HttpRequest, error: Http404):
    return api.create_response(request, {"detail": str(error) or "Introuvable."}, status=404)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, error: ValidationError):
    return api.create_response(
        request, {"detail": "Paramètres invalides.", "erreurs": error.errors}, status=422
    )


@api.exception_handler(cursors.InvalidCursor)
def invalid_cursor(request: HttpRequest, error: cursors.InvalidCursor):
    return api.create_response(request, {"detail": error.message}, status=400)


class FormationOut(Schema):
    id: int
    intitule: str = Field(alias="title")
    code_diplome: str = Field(alias="diploma_code")
    rncp: str
    niveau: str = Field(alias="level")
    date_debut: date = Field(alias="start_date")
    date_fin: date = Field(alias="end_date")
    duree_heures: int = Field(alias="duration_hours")
    lieu_formation: str = Field(alias="site_name")


class DossierOut(Schema):
    id: int
    etat: Status
    etat_libelle: str
    formation_id: int
    cree_le: datetime
    modifie_le: datetime
    donnees: dict = Field(
        description=(
            "Les données du dossier sous les clés du CERFA (manage.py export_dossier), sans le NIR "
            "(numéro de sécurité sociale) : l'API ne le communique à aucun logiciel."
        )
    )

    @staticmethod
    def from_dossier(dossier: Dossier) -> dict:
        return {
            "id": dossier.pk,
            "etat": dossier.status,
            "etat_libelle": dossier.status_label,
            "formation_id": dossier.formation_id,
            "cree_le": dossier.created_at,
            "modifie_le": dossier.updated_at,
            "donnees": without_nir(dossier_data(dossier)),
        }


def without_nir(data: dict) -> dict:
    """The export less the NIR: a régional dashboard or an ERP token has no need of it, and a
    leaked token must not hand out social security numbers (GDPR art. 5-1-c, data minimisation)."""
    return {key: value for key, value in data.items() if not key.endswith("_nir")}


class FormationPage(Schema):
    resultats: list[FormationOut]
    curseur_suivant: str | None


class DossierPage(Schema):
    resultats: list[DossierOut]
    curseur_suivant: str | None


def iso_only(value):
    """Pydantic also reads "0.5" or "1700000000" as a Unix time: a query string must spell the date."""
    if (
        isinstance(value, str)
        and re.fullmatch(r"[\d.+-]+", value.strip())
        and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
    ):
        raise ValueError("date au format ISO 8601 attendue (AAAA-MM-JJ, ou AAAA-MM-JJTHH:MM:SS+01:00)")
    return value


def in_utc(value: datetime) -> datetime:
    """PostgreSQL refuses offsets past ±15:59 that ISO 8601 allows (found by the OpenAPI tests)."""
    try:
        return value.astimezone(UTC)
    except OverflowError as error:
        raise ValueError("date hors des limites") from error


Instant = Annotated[AwareDatetime, BeforeValidator(iso_only), AfterValidator(in_utc)]
Day = Annotated[date, BeforeValidator(iso_only)]


class Page(Schema):
    curseur: str | None = Field(None, description="`curseur_suivant` de la page précédente.")
    limite: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Éléments par page (200 au plus).")


class DossierFilters(Page):
    etat: Status | None = Field(None, description="État du dossier.")
    formation: int | None = Field(None, ge=1, le=MAX_ID, description="Identifiant de la formation.")
    cree_depuis: Instant | None = Field(None, description="Créés à partir de cet instant (ISO 8601).")
    modifie_depuis: Instant | None = Field(None, description="Modifiés à partir de cet instant (ISO 8601).")
    debut_contrat_du: Day | None = Field(None, description="Début du contrat à partir de cette date.")
    debut_contrat_au: Day | None = Field(None, description="Début du contrat jusqu'à cette date incluse.")


class UnknownParameter(ValueError):
    pass


@api.exception_handler(UnknownParameter)
def unknown_parameter(request: HttpRequest, error: UnknownParameter):
    return api.create_response(request, {"detail": str(error), "erreurs": []}, status=422)


def refuse_unknown_parameters(request: HttpRequest, schema: type[Schema]) -> None:
    """A misspelt filter (`etats=`) must not silently give every dossier (found by the OpenAPI tests)."""
    unknown = sorted(set(request.GET) - set(schema.model_fields))
    if unknown:
        raise UnknownParameter(
            f"Paramètre inconnu : {', '.join(unknown)}. Paramètres possibles : {', '.join(schema.model_fields)}."
        )


ERRORS = {401: Error, 422: InvalidParameters, 429: Error}


@api.get("/formations", response={200: FormationPage, 400: Error, **ERRORS}, url_name="formations")
def list_formations(request: HttpRequest, page: Query[Page]):
    """Les formations que le jeton voit, par identifiant croissant."""
    refuse_unknown_parameters(request, Page)
    rows, next_cursor = cursors.page(
        selectors.formations_for(request.auth), cursor=page.curseur, limit=page.limite
    )
    return {"resultats": rows, "curseur_suivant": next_cursor}


@api.get(
    "/formations/{formation_id}", response={200: FormationOut, 404: Error, **ERRORS}, url_name="formation"
)
def get_formation(request: HttpRequest, formation_id: int = Path(..., ge=1, le=MAX_ID)):
    """Une formation du périmètre du jeton ; 404 pour toute autre."""
    formation = selectors.formations_for(request.auth).filter(pk=formation_id).first()
    if formation is None:
        raise Http404("Formation introuvable.")
    return formation


@api.get("/dossiers", response={200: DossierPage, 400: Error, **ERRORS}, url_name="dossiers")
def list_dossiers(request: HttpRequest, filters: Query[DossierFilters]):
    """Les dossiers du périmètre du jeton, filtrés, par identifiant croissant."""
    refuse_unknown_parameters(request, DossierFilters)
    dossiers = selectors.dossiers_for(request.auth)
    conditions = {
        "status": filters.etat,
        "formation_id": filters.formation,
        "created_at__gte": filters.cree_depuis,
        "updated_at__gte": filters.modifie_depuis,
        "contract_start__gte": filters.debut_contrat_du,
        "contract_start__lte": filters.debut_contrat_au,
    }
    dossiers = dossiers.filter(**{key: value for key, value in conditions.items() if value is not None})
    rows, next_cursor = cursors.page(dossiers, cursor=filters.curseur, limit=filters.limite)
    return {"resultats": [DossierOut.from_dossier(row) for row in rows], "curseur_suivant": next_cursor}


@api.get("/dossiers/{dossier_id}", response={200: DossierOut, 404: Error, **ERRORS}, url_name="dossier")
def get_dossier(request: HttpRequest, dossier_id: int = Path(..., ge=1, le=MAX_ID)):
    """Un dossier du périmètre du jeton ; 404 pour tout autre, qu'il existe ou non."""
    dossier = selectors.dossiers_for(request.auth).filter(pk=dossier_id).first()
    if dossier is None:
        raise Http404("Dossier introuvable.")
    return DossierOut.from_dossier(dossier)


def api_urls():
    """The API's URL patterns for `path("api/v1/", ...)`. A token, not a session, authenticates the
    calls, and the OpenAPI document and its page are public: LoginRequiredMiddleware lets them through."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        login_not_required(pattern.callback)
    return patterns, app_name, namespace
