"""A CFA administrator connects an OPCO in the admin; the key is never shown again, nor stored in clear."""

import pytest
from django.urls import reverse

from cactus.accounts.tests.factories import UserFactory
from cactus.opco.models import OpcoConnection

pytestmark = pytest.mark.django_db
KEY = "une-cle-tres-secrete-XYZ9"


@pytest.fixture
def administrator(client):
    user = UserFactory(email="admin@cfa.test", cfa_admin=True, is_staff=True)
    client.force_login(user)
    return user


def add(client, **fields):
    data = {"opco": "ATLAS", "mode": "api", "base_url": "https://api.opco.test/v1", "new_api_key": KEY}
    return client.post(reverse("admin:opco_opcoconnection_add"), data | fields)


def test_an_administrator_records_the_api_address_and_key(client, administrator):
    response = add(client, new_webhook_secret="secret-hmac-0042")

    assert response.status_code == 302
    connection = OpcoConnection.objects.get(opco="ATLAS")
    assert connection.uses_api
    assert connection.api_key == KEY
    assert KEY not in connection.api_key_encrypted  # encrypted at rest
    assert connection.api_key_last_four == "XYZ9"
    assert connection.webhook_secret == "secret-hmac-0042"
    assert connection.updated_by == administrator


def test_the_key_is_never_shown_again_only_its_last_four_characters(client, administrator):
    add(client)
    connection = OpcoConnection.objects.get()

    page = client.get(reverse("admin:opco_opcoconnection_change", args=[connection.pk])).content.decode()
    listing = client.get(reverse("admin:opco_opcoconnection_changelist")).content.decode()

    assert KEY not in page and KEY not in listing
    assert "••••XYZ9" in page and "••••XYZ9" in listing
    assert "/opco/notifications/" in page  # the address to give the OPCO for its webhooks


def test_saving_without_typing_a_key_keeps_the_stored_one(client, administrator):
    add(client)
    connection = OpcoConnection.objects.get()

    response = client.post(
        reverse("admin:opco_opcoconnection_change", args=[connection.pk]),
        {"opco": "ATLAS", "mode": "api", "base_url": "https://api2.opco.test/v1", "new_api_key": ""},
    )

    assert response.status_code == 302
    connection.refresh_from_db()
    assert connection.api_key == KEY
    assert connection.base_url == "https://api2.opco.test/v1"


def test_the_api_mode_needs_an_address_and_a_key(client, administrator):
    response = add(client, base_url="", new_api_key="")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Indiquez l&#x27;adresse de l&#x27;API de l&#x27;OPCO" in page
    assert "Saisissez la clé d&#x27;API fournie par l&#x27;OPCO." in page


def test_manual_deposit_needs_nothing_else(client, administrator):
    response = add(client, mode="manual", base_url="", new_api_key="")

    assert response.status_code == 302
    assert OpcoConnection.objects.get().uses_api is False


def test_other_staff_cannot_see_the_opco_connections(client):
    client.force_login(UserFactory(email="staff@cfa.test", is_staff=True, cfa_advisor=True))

    assert client.get(reverse("admin:opco_opcoconnection_changelist")).status_code == 403


def test_the_admin_checks_the_key_against_the_opco(client, administrator, connection):
    response = client.post(
        reverse("admin:opco_opcoconnection_changelist"),
        {"action": "check_keys", "_selected_action": [connection.pk]},
        follow=True,
    )

    connection.refresh_from_db()
    assert (
        f"ATLAS : Clé valide jusqu&#x27;au {connection.key_valid_until:%d/%m/%Y}."
        in response.content.decode()
    )


def test_a_key_that_no_longer_decrypts_reads_as_empty(settings):
    connection = OpcoConnection(opco="AKTO")
    connection.set_api_key(KEY)
    settings.SECRET_KEY = "une-autre-cle-secrete-de-django-assez-longue-pour-le-test"

    assert connection.api_key == ""


def test_an_administrator_retries_a_failed_deposit_from_the_admin(
    client,
    administrator,
    connection,
    sandbox,
    returned_dossier,
    cfa_advisor,
    django_capture_on_commit_callbacks,
):
    from datetime import date, timedelta

    from cactus.opco.models import Deposit
    from cactus.opco.tests.conftest import API_KEY, validate

    valid_until = sandbox.state.api_keys[API_KEY]
    sandbox.state.api_keys[API_KEY] = (date.today() - timedelta(days=1)).isoformat()
    validate(returned_dossier, cfa_advisor, django_capture_on_commit_callbacks)
    deposit = Deposit.objects.get()
    assert deposit.status == Deposit.Status.FAILED
    sandbox.state.api_keys[API_KEY] = valid_until

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:opco_deposit_changelist"),
            {"action": "retry", "_selected_action": [deposit.pk]},
            follow=True,
        )

    assert "relancé" in response.content.decode()
    deposit.refresh_from_db()
    assert deposit.status == Deposit.Status.ACCEPTED


def test_the_api_address_cannot_point_at_the_servers_own_network(client, administrator, settings):
    # SSRF: the deposit (NIR, PDFs) and the OPCO's answers must never go to 127.0.0.1, the LAN or
    # the cloud's metadata service (cactus/core/outbound.py).
    settings.ALLOW_PRIVATE_OUTBOUND_ADDRESSES = False

    for url in ("http://169.254.169.254/latest/meta-data/", "http://127.0.0.1:5432/", "http://localhost/"):
        response = add(client, base_url=url)

        assert response.status_code == 200
        assert "adresse publique" in response.content.decode()
    assert not OpcoConnection.objects.exists()


def test_the_client_refuses_an_address_of_the_servers_own_network_at_the_connection(settings):
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from cactus.opco.client import OpcoClient, OpcoUnreachable

    asked = []

    class Internal(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's hook name
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"secret": "interne"}')

    server = ThreadingHTTPServer(("127.0.0.1", 0), Internal)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.ALLOW_PRIVATE_OUTBOUND_ADDRESSES = False
    try:
        # A name saved earlier, or one that resolved to a public address when it was typed.
        address = f"http://localhost:{server.server_address[1]}/v1"
        with OpcoClient(address, KEY) as opco, pytest.raises(OpcoUnreachable):
            opco.key_info()
    finally:
        server.shutdown()
        server.server_close()
    assert asked == []
