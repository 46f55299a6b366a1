"""Find an establishment from its SIRET: the configured service, through the cache.

`COMPANY_SEARCH_URL` empty means offline: the SIRET's checksum is all we check and the employer
types the company's information. A found establishment is cached a day (the register changes
slowly); a failure is never cached, so the next try asks again.
"""

from django.conf import settings
from django.core.cache import cache

from cactus.companies import client
from cactus.companies.client import Establishment
from cactus.companies.exceptions import CompanyNotFound, CompanySearchOffline

CACHE_SECONDS = 24 * 3600
NOT_FOUND = "not-found"


def is_enabled() -> bool:
    return bool(settings.COMPANY_SEARCH_URL)


def find_establishment(siret: str) -> Establishment:
    """The establishment of a checksum-valid SIRET, or a CompanySearchError with a French message."""
    if not is_enabled():
        raise CompanySearchOffline
    key = f"companies:siret:{siret}"
    cached = cache.get(key)
    if cached == NOT_FOUND:
        raise CompanyNotFound
    if cached is not None:
        return cached
    try:
        establishment = client.fetch_establishment(
            siret, base_url=settings.COMPANY_SEARCH_URL, timeout=settings.COMPANY_SEARCH_TIMEOUT
        )
    except CompanyNotFound:
        cache.set(key, NOT_FOUND, 3600)  # a SIRET created today appears within hours
        raise
    cache.set(key, establishment, CACHE_SECONDS)
    return establishment


def closed_message(establishment: Establishment) -> str:
    if establishment.closed_on:
        return f"Cet établissement est fermé depuis le {establishment.closed_on:%d/%m/%Y}."
    return "Cet établissement est fermé."
