"""/sante/: what a load balancer polls. It answers "ok" to anyone, behind the whole middleware stack."""

import pytest
from django.urls import reverse


def test_an_anonymous_request_gets_ok(client, db):
    response = client.get(reverse("core:health"))

    assert response.status_code == 200
    assert response.content == b"ok"


def test_a_logged_in_person_gets_ok_too(client, stranger):
    client.force_login(stranger)

    response = client.get(reverse("core:health"))

    assert response.content == b"ok"


@pytest.mark.django_db
def test_only_get_is_answered(client):
    assert client.post(reverse("core:health")).status_code == 405
