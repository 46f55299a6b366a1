"""The client of the State's company search (recherche-entreprises.api.gouv.fr): one GET, no key.

`fetch_establishment` asks `GET {base_url}/search?q=<siret>` and reads the establishment whose SIRET
was typed: among `matching_etablissements`, else the `siege`. It knows no dossier: it returns what
the register says, and raises `CompanySearchError` subclasses with a French message.
"""

from dataclasses import dataclass
from datetime import date

import httpx

from cactus.companies import employer_types
from cactus.companies.exceptions import CompanyNotFound, CompanySearchUnavailable

# INSEE's tranches d'effectif salarié (Sirene): the register gives a band, never the exact number.
HEADCOUNT_BANDS = {
    "NN": "Unité non employeuse",
    "00": "0 salarié",
    "01": "1 ou 2 salariés",
    "02": "3 à 5 salariés",
    "03": "6 à 9 salariés",
    "11": "10 à 19 salariés",
    "12": "20 à 49 salariés",
    "21": "50 à 99 salariés",
    "22": "100 à 199 salariés",
    "31": "200 à 249 salariés",
    "32": "250 à 499 salariés",
    "41": "500 à 999 salariés",
    "42": "1 000 à 1 999 salariés",
    "51": "2 000 à 4 999 salariés",
    "52": "5 000 à 9 999 salariés",
    "53": "10 000 salariés et plus",
}


@dataclass(frozen=True)
class Establishment:
    """An establishment as the register describes it; empty strings where it says nothing."""

    siret: str
    name: str
    address_number: str
    address_repetition: str
    address_street: str
    address_complement: str
    postal_code: str
    city: str
    naf: str
    headcount_band: str
    legal_category: str
    employer_type: str  # suggested from the legal category; "" when it cannot be told
    idcc: tuple[str, ...]
    closed_on: date | None
    is_closed: bool

    @property
    def headcount_label(self) -> str:
        return HEADCOUNT_BANDS.get(self.headcount_band, "")

    def as_json(self) -> dict:
        return {
            "siret": self.siret,
            "name": self.name,
            "address_number": self.address_number,
            "address_repetition": self.address_repetition,
            "address_street": self.address_street,
            "address_complement": self.address_complement,
            "postal_code": self.postal_code,
            "city": self.city,
            "naf": self.naf,
            "headcount_band": self.headcount_band,
            "headcount_label": self.headcount_label,
            "legal_category": self.legal_category,
            "employer_type": self.employer_type,
            "idcc": list(self.idcc),
            "is_closed": self.is_closed,
            "closed_on": self.closed_on.isoformat() if self.closed_on else None,
        }


def fetch_establishment(siret: str, *, base_url: str, timeout: float) -> Establishment:
    """The establishment of a (checksum-valid) SIRET; CompanyNotFound or CompanySearchUnavailable."""
    try:
        response = httpx.get(
            f"{base_url.rstrip('/')}/search",
            params={"q": siret},
            timeout=timeout,
            headers={"Accept": "application/json"},
        )
    except httpx.TimeoutException as error:
        raise CompanySearchUnavailable("le service ne répond pas") from error
    except httpx.HTTPError as error:
        raise CompanySearchUnavailable("le service est injoignable") from error
    if response.status_code == 429:
        raise CompanySearchUnavailable("trop de demandes, réessayez dans une minute")
    if response.status_code != 200:
        raise CompanySearchUnavailable(f"le service a répondu par une erreur ({response.status_code})")
    try:
        payload = response.json()
    except ValueError as error:
        raise CompanySearchUnavailable("le service a répondu de façon illisible") from error
    return parse_search(payload, siret)


def parse_search(payload: dict, siret: str) -> Establishment:
    for unit in payload.get("results") or []:
        siege = unit.get("siege") or {}
        matching = [item for item in unit.get("matching_etablissements") or [] if item.get("siret") == siret]
        if siege.get("siret") == siret:
            return _establishment(unit, siege, siret)
        if matching:
            return _establishment(unit, matching[0], siret)
    raise CompanyNotFound


def _establishment(unit: dict, place: dict, siret: str) -> Establishment:
    complements = unit.get("complements") or {}
    number, repetition, street, complement = _address(place)
    closed_on = _date(place.get("date_fermeture"))
    legal_category = str(unit.get("nature_juridique") or "")
    idcc = place.get("liste_idcc") or complements.get("liste_idcc") or []
    return Establishment(
        siret=siret,
        name=_text(unit.get("nom_raison_sociale") or unit.get("nom_complet")),
        address_number=number,
        address_repetition=repetition,
        address_street=street,
        address_complement=complement,
        postal_code=_text(place.get("code_postal")),
        city=_text(place.get("libelle_commune")),
        naf=_text(place.get("activite_principale") or unit.get("activite_principale")),
        headcount_band=_text(unit.get("tranche_effectif_salarie")),
        legal_category=legal_category,
        employer_type=employer_types.suggested_employer_type(legal_category),
        idcc=tuple(sorted({code.zfill(4) for code in idcc if str(code).isdigit()})),
        closed_on=closed_on,
        is_closed=place.get("etat_administratif") == "F",
    )


def _address(place: dict) -> tuple[str, str, str, str]:
    """Number, repetition index, street and complement. The siège comes with them apart; another
    establishment only with its whole `adresse` ("12 RUE X 13001 MARSEILLE"), cut before the postal code."""
    if place.get("libelle_voie"):
        street = " ".join(_text(place.get(name)) for name in ("type_voie", "libelle_voie")).strip()
        return (
            _text(place.get("numero_voie")),
            _text(place.get("indice_repetition")),
            _street_type_in_full(street),
            _text(place.get("complement_adresse")),
        )
    whole = _text(place.get("adresse"))
    postal_code = _text(place.get("code_postal"))
    if postal_code and postal_code in whole:
        whole = whole[: whole.index(postal_code)].strip()
    number, _, rest = whole.partition(" ")
    if number.isdigit():
        return number, "", rest, ""
    return "", "", whole, ""


# Sirene abbreviates street types (RUE, AV, BD...): the CERFA wants the street as people write it.
STREET_TYPES = {
    "AV": "AVENUE",
    "BD": "BOULEVARD",
    "PL": "PLACE",
    "CHE": "CHEMIN",
    "RTE": "ROUTE",
    "ALL": "ALLEE",
}


def _street_type_in_full(street: str) -> str:
    first, _, rest = street.partition(" ")
    return f"{STREET_TYPES.get(first, first)} {rest}".strip()


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _date(value) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
