"""`Authorization: Bearer <jeton>`: the organisation's token, or a 401 saying in French what is wrong."""

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer
from ninja.throttling import SimpleRateThrottle

from cactus.api.models import ApiToken
from cactus.api.services import token_for

MISSING = "Jeton d'accès manquant : envoyez l'en-tête « Authorization: Bearer <jeton> »."
INVALID = "Jeton d'accès inconnu ou révoqué : demandez un jeton à l'administrateur du CFA."


class TokenAuth(HttpBearer):
    def __call__(self, request: HttpRequest) -> ApiToken:
        header = request.headers.get(self.header, "")
        scheme, _, raw = header.partition(" ")
        if not header:
            raise AuthenticationError(message=MISSING)
        if scheme.lower() != "bearer" or not raw.strip():
            raise AuthenticationError(message=MISSING)
        return self.authenticate(request, raw.strip())

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        found = token_for(token)
        if found is None:
            raise AuthenticationError(message=INVALID)
        return found


class TokenRateThrottle(SimpleRateThrottle):
    """Requests per token (settings.API_RATE_LIMIT, e.g. "600/m"), counted in the shared cache."""

    def __init__(self) -> None:
        super().__init__(rate=settings.API_RATE_LIMIT)

    def allow_request(self, request: HttpRequest) -> bool:
        # Read at each request, not at import: the setting can change without a restart of the tests.
        self.rate = settings.API_RATE_LIMIT
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        token = getattr(request, "auth", None)
        return f"api_throttle_{token.pk}" if token is not None else None
