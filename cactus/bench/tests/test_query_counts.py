"""The bench's pages make as many SQL queries with 60 dossiers as with 5: none grows with the data."""

import dataclasses

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cactus.bench import data, pages, queries
from cactus.dossiers.views import staff

PAGE_KEYS = ["a", "b", "c", "d", "e", "f"]


def page_named(key: str) -> pages.Page:
    return {page.key: page for page in pages.build_pages(pages.find_scene())}[key]


def queries_of(client, page: pages.Page) -> int:
    if page.user is not None:
        client.force_login(page.user)
    queries.request(client, page)  # the first request of a session also records the RGPD consent
    with CaptureQueriesContext(connection) as captured:
        response = queries.request(client, page)
    assert response.status_code == page.expected_status
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("key", PAGE_KEYS)
def test_the_page_makes_no_more_queries_with_60_dossiers_than_with_5(
    key, client, django_assert_max_num_queries
):
    data.generate(5)
    with_5 = queries_of(client, page_named(key))

    data.generate(60)
    page = page_named(key)
    with django_assert_max_num_queries(with_5):
        response = queries.request(client, page)

    assert response.status_code == page.expected_status


@pytest.mark.django_db
def test_the_busy_contact_sees_50_dossiers_once_there_are_60(client):
    data.generate(5)
    data.generate(60)
    page = page_named("b")
    client.force_login(page.user)

    response = client.get(page.path)

    assert len(response.context["page"].object_list) == 50


@pytest.mark.django_db
def test_the_back_office_without_filters_makes_no_more_queries_with_60_dossiers_than_with_5(
    client, django_assert_max_num_queries, monkeypatch
):
    # Pages of 2 rows: a list that fits on one page is counted by its rows, without a query.
    monkeypatch.setattr(staff, "PAGE_SIZE", 2)
    # Every state on the page, the last ones included (their label reads the employer's row).
    data.generate(5)
    filtered = pages.queue_page(pages.find_scene())
    page = dataclasses.replace(filtered, path=filtered.path.split("?")[0])
    with_5 = queries_of(client, page)

    data.generate(60)
    with django_assert_max_num_queries(with_5):
        response = queries.request(client, page)

    assert response.status_code == 200
