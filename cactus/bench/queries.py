"""How many SQL queries each page makes, measured with Django's test client in the bench process."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cactus.bench.pages import Page


def request(client: Client, page: Page):
    if page.method == "POST":
        return client.post(page.path, page.form, headers=page.headers)
    return client.get(page.path, headers=page.headers)


def count_queries(page: Page) -> int:
    """Queries of one request once the session is warm (the first one also records the RGPD consent)."""
    client = Client()
    if page.user is not None:
        client.force_login(page.user)
    request(client, page)
    with CaptureQueriesContext(connection) as queries:
        response = request(client, page)
    if response.status_code != page.expected_status:
        raise RuntimeError(
            f"({page.key}) {page.method} {page.path} answered {response.status_code}, not {page.expected_status}."
        )
    return len(queries)
