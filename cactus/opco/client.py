"""The HTTP client of the inter-OPCO exchange standard (one base URL and one X-API-KEY per OPCO).

Every call returns parsed JSON or raises: `OpcoUnreachable` (timeout, connection, 5xx: worth a
retry), `OpcoKeyRefused` (401/403: the key is wrong or expired, retrying is useless),
`OpcoValidationError` (400: the OPCO lists what to correct), `OpcoNotFound` (404: the OPCO does not
know the contract; an `OpcoUnreachable` for the callers that retry anyway, final for a declaration). The key travels in a header only;
it is never put in an exception, a log line or a stored error.
"""

import httpx
from django.conf import settings

from cactus.core.outbound import public_transport


class OpcoError(Exception):
    pass


class OpcoUnreachable(OpcoError):
    pass


class OpcoKeyRefused(OpcoError):
    pass


class OpcoNotFound(OpcoUnreachable):
    pass


class OpcoValidationError(OpcoError):
    def __init__(self, errors: list[dict]):
        super().__init__(f"{len(errors)} erreur(s) de validation")
        self.errors = errors


class OpcoClient:
    def __init__(self, base_url: str, api_key: str, *, timeout: float | None = None):
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"),
            headers={"X-API-KEY": api_key, "Accept": "application/json"},
            timeout=timeout if timeout is not None else settings.OPCO_HTTP_TIMEOUT,
            transport=public_transport(),  # never the server's own network (SSRF)
        )

    def __enter__(self) -> "OpcoClient":
        return self

    def __exit__(self, *exc) -> None:
        self._http.close()

    def _call(self, method: str, path: str, **kwargs) -> dict:
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.TimeoutException as error:
            raise OpcoUnreachable("L'OPCO n'a pas répondu à temps.") from error
        except httpx.HTTPError as error:
            raise OpcoUnreachable(f"L'OPCO est injoignable ({type(error).__name__}).") from error
        body = _json(response)
        if response.status_code >= 500:
            raise OpcoUnreachable(f"L'OPCO a répondu par une erreur {response.status_code}.")
        if response.status_code in (401, 403):
            message = body.get("message") or "Clé d'API refusée."
            raise OpcoKeyRefused(f"L'OPCO refuse la clé d'API ({response.status_code}) : {message}")
        if response.status_code == 400:
            raise OpcoValidationError(body.get("errors") or [{"message": body.get("message", "")}])
        if response.status_code == 404:
            message = body.get("message") or "adresse inconnue"
            raise OpcoNotFound(f"L'OPCO ne connaît pas ce contrat (404) : {message}")
        if response.status_code >= 300:
            raise OpcoUnreachable(f"Réponse inattendue de l'OPCO ({response.status_code}).")
        return body

    def key_info(self) -> dict:
        """`GET /cfakeyinfo`: whether the key is valid, and until when."""
        return self._call("GET", "/cfakeyinfo")

    def deposit_contract(self, payload: dict, *, idempotency_key: str) -> dict:
        """`POST /contrats`: answered 202 with a job id (the same job, "duplicate", for a known key)."""
        return self._call("POST", "/contrats", json=payload, headers={"Idempotency-Key": idempotency_key})

    def job(self, job_id: str) -> dict:
        return self._call("GET", f"/jobs/{job_id}")

    def contract(self, opco_number: str) -> dict:
        return self._call("GET", f"/contrats/{opco_number}")

    def declare(self, opco_number: str, what: str, payload: dict, *, idempotency_key: str) -> dict:
        """`POST /contrats/{numero}/rupture` or `/annulation`: the OPCO records it (200, the contract's
        new state); the same Idempotency-Key again is answered "duplicate", nothing recorded twice."""
        return self._call(
            "POST",
            f"/contrats/{opco_number}/{what}",
            json=payload,
            headers={"Idempotency-Key": idempotency_key},
        )


def _json(response: httpx.Response) -> dict:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def client_for(connection) -> OpcoClient:
    return OpcoClient(connection.base_url, connection.api_key)
