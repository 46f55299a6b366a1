import pytest
from django.test import Client

from cactus.api import services


class ApiClient:
    """The test client with a token in the Authorization header."""

    def __init__(self, raw: str | None):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {raw}"} if raw else {}

    def get(self, path: str, data: dict | None = None):
        return self.client.get(path, data or {}, headers=self.headers)


@pytest.fixture
def make_token(cfa_admin):
    def make(name: str = "Yparéo", formations=None):
        token, raw = services.create_token(
            name=name, formations=formations or [], all_formations=formations is None, by=cfa_admin
        )
        return token, raw

    return make


@pytest.fixture
def api(make_token):
    """A client holding a token that sees every formation."""
    return ApiClient(make_token()[1])
