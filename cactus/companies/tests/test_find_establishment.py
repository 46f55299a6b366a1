"""The company search client, driven over HTTP against a local fake of recherche-entreprises.api.gouv.fr."""

from datetime import date

import pytest

from cactus.companies.exceptions import (
    CompanyNotFound,
    CompanySearchOffline,
    CompanySearchUnavailable,
)
from cactus.companies.lookup import closed_message, find_establishment

SIEGE = "73282932000017"
SECONDARY = "73282932000025"


def test_a_siege_siret_gives_the_company_name_address_naf_headcount_band_and_idcc(company_search):
    company_search.add(siret=SIEGE, idcc=("843", "1486"))

    found = find_establishment(SIEGE)

    assert found.name == "BOULANGERIE DU PORT"
    assert (found.address_number, found.address_street) == ("12", "BOULEVARD DE LA LIBERATION")
    assert found.address_complement == "BATIMENT B"
    assert (found.postal_code, found.city) == ("13001", "MARSEILLE")
    assert found.naf == "10.71C"
    assert found.headcount_label == "10 à 19 salariés"
    assert found.idcc == ("0843", "1486")  # stored on 4 digits
    assert not found.is_closed


def test_a_secondary_establishment_gives_its_own_address_not_the_siege(company_search):
    company_search.add(siret=SECONDARY, is_siege=False)

    found = find_establishment(SECONDARY)

    assert (found.address_number, found.address_street, found.postal_code) == ("4", "RUE DU PARADIS", "13006")


def test_a_closed_establishment_is_reported_with_its_closing_date(company_search):
    company_search.add(siret=SIEGE, closed_on="2021-03-31")

    found = find_establishment(SIEGE)

    assert found.is_closed
    assert found.closed_on == date(2021, 3, 31)
    assert closed_message(found) == "Cet établissement est fermé depuis le 31/03/2021."


def test_an_unknown_siret_says_so_in_french(company_search):
    with pytest.raises(CompanyNotFound) as error:
        find_establishment(SIEGE)

    assert str(error.value).startswith("Aucun établissement ne correspond à ce SIRET")


def test_a_server_error_says_the_search_is_unavailable(company_search):
    company_search.failing.add(SIEGE)

    with pytest.raises(CompanySearchUnavailable) as error:
        find_establishment(SIEGE)

    assert "erreur (500)" in str(error.value)
    assert "saisissez les informations de l'entreprise" in str(error.value)


def test_a_slow_service_times_out_and_says_so(company_search):
    company_search.add(siret=SIEGE)
    company_search.slow.add(SIEGE)

    with pytest.raises(CompanySearchUnavailable) as error:
        find_establishment(SIEGE)

    assert "le service ne répond pas" in str(error.value)


def test_an_unreachable_service_says_so(settings):
    settings.COMPANY_SEARCH_URL = "http://127.0.0.1:9"  # discard port: connection refused

    with pytest.raises(CompanySearchUnavailable):
        find_establishment(SIEGE)


def test_a_found_establishment_is_asked_once_then_read_from_the_cache(company_search):
    company_search.add(siret=SIEGE)

    find_establishment(SIEGE)
    find_establishment(SIEGE)

    assert company_search.requests == [SIEGE]


def test_a_failure_is_not_cached_so_the_next_try_asks_again(company_search):
    company_search.add(siret=SIEGE)
    company_search.failing.add(SIEGE)
    with pytest.raises(CompanySearchUnavailable):
        find_establishment(SIEGE)
    company_search.failing.clear()

    assert find_establishment(SIEGE).name == "BOULANGERIE DU PORT"


def test_with_no_url_the_search_is_offline(settings):
    settings.COMPANY_SEARCH_URL = ""

    with pytest.raises(CompanySearchOffline):
        find_establishment(SIEGE)


@pytest.mark.parametrize(
    ("legal_category", "employer_type"),
    [
        ("5499", "12"),  # SARL: registered at the RCS
        ("9220", "15"),  # association déclarée
        ("7210", "22"),  # commune
        ("7364", "25"),  # établissement d'hospitalisation
        ("7346", "28"),  # communauté de communes (EPCI)
        ("4110", "30"),  # EPIC
        ("1000", ""),  # entrepreneur individuel: craftsman, trader or liberal profession, who can tell
    ],
)
def test_the_employer_type_is_suggested_from_the_legal_category(
    company_search, legal_category, employer_type
):
    # rules.md: type d'employeur proposed from the catégorie juridique, confirmed by the user.
    company_search.add(siret=SIEGE, nature_juridique=legal_category)

    assert find_establishment(SIEGE).employer_type == employer_type
