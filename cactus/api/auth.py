"""`Authorization: Bearer <jeton>`: the organisation's token, or a 401 saying in French what is wrong.

An address that presented API_AUTH_FAILURES_PER_HOUR unknown or revoked tokens within an hour gets
429 (Retry-After) before its token is even looked up, until the oldest failure is an hour old: tokens
cannot be guessed, and a right guess from a blocked address is not recognised. The address is
`core.security.client_ip` (the proxy's own X-Forwarded-For entry behind BEHIND_TLS_PROXY), so one
client's failures never block another's; good tokens are never counted and keep their own rate.
"""

import math

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import AuthenticationError, Throttled
from ninja.security import HttpBearer
from ninja.throttling import SimpleRateThrottle

from cactus.api.models import ApiToken
from cactus.api.services import token_for
from cactus.core import throttle
from cactus.core.security import client_ip

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
        failures = _failures_of(request)
        wait = throttle.wait_seconds(failures)
        if wait:
            raise TooManyFailedTokens(wait)
        found = token_for(token)
        if found is None:
            throttle.record(failures)
            raise AuthenticationError(message=INVALID)
        return found


def _failures_of(request: HttpRequest) -> throttle.Limit:
    return throttle.Limit(
        f"api-auth-failures:{client_ip(request)}", settings.API_AUTH_FAILURES_PER_HOUR, 3600
    )


class TooManyFailedTokens(Throttled):
    """429 for an address that presented too many wrong tokens; `detail` is the French message."""

    def __init__(self, wait: int):
        super().__init__(wait=wait)
        minutes = max(1, math.ceil(wait / 60))
        delay = "une minute" if minutes == 1 else f"{minutes} minutes"
        self.detail = (
            f"Trop de jetons d'accès refusés depuis votre adresse : réessayez dans {delay}, "
            "avec le jeton donné par l'administrateur du CFA."
        )


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
