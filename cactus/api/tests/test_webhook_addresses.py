"""A webhook never reaches the server's own network: an administrator (or whoever holds their session)
cannot make Cactus POST to 127.0.0.1, the database, the cloud's metadata service or the LAN and read
the answer in the delivery log (SSRF). Production refuses such addresses when the URL is typed and
again at each connection (a name may resolve elsewhere later); ALLOW_PRIVATE_OUTBOUND_ADDRESSES
(on by default with DEBUG) lets the local receivers of the demo and the tests through."""

import pytest

from cactus.api import services
from cactus.api.models import WebhookDelivery
from cactus.api.tests.receiver import Receiver
from cactus.api.webhooks import deliver_webhook
from cactus.dossiers import transitions
from cactus.dossiers.tests.factories import complete_dossier

pytestmark = pytest.mark.django_db


@pytest.fixture
def production(settings):
    settings.ALLOW_PRIVATE_OUTBOUND_ADDRESSES = False


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:5432/",
        "http://localhost:8000/admin/",
        "http://169.254.169.254/latest/meta-data/iam/",
        "http://10.0.0.12/interne",
        "http://[::1]:6379/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0:8000/",
        "http://100.64.0.1/",  # shared address space (a provider's internal network)
        "http://[fd00::1]/",
    ],
)
def test_the_form_refuses_an_address_of_the_servers_own_network(production, client, cfa_admin, url):
    client.force_login(cfa_admin)

    response = client.post("/acces-api/webhooks/nouveau/", {"name": "Yparéo", "url": url, "scope": "all"})

    assert response.status_code == 200
    assert "adresse publique" in response.content.decode()
    assert not services.WebhookEndpoint.objects.exists()


def test_a_name_that_resolves_to_the_server_itself_is_not_posted_to(
    production, formation, django_capture_on_commit_callbacks
):
    with Receiver() as receiver:
        # Typed when the name was public (or by the admin shell): refused at the connection itself.
        services.create_webhook_endpoint(
            name="Yparéo", url=receiver.url.replace("127.0.0.1", "localhost"), by=None
        )
        dossier = complete_dossier(formation=formation)
        with django_capture_on_commit_callbacks(execute=True):
            transitions.request_validation(dossier=dossier, by=dossier.employer_contact)

    assert receiver.received == []
    [attempt] = WebhookDelivery.objects.get().attempt_log.all()
    assert attempt.status_code is None and "adresse publique" in attempt.error


def test_the_local_receiver_of_the_tests_and_the_demo_is_allowed_when_the_setting_says_so(
    settings, formation, django_capture_on_commit_callbacks
):
    settings.ALLOW_PRIVATE_OUTBOUND_ADDRESSES = True
    with Receiver() as receiver:
        endpoint = services.create_webhook_endpoint(name="Yparéo", url=receiver.url, by=None)
        receiver.secret = endpoint.secret
        dossier = complete_dossier(formation=formation)
        with django_capture_on_commit_callbacks(execute=True):
            transitions.request_validation(dossier=dossier, by=dossier.employer_contact)
        deliver_webhook.call(WebhookDelivery.objects.get().pk)

    assert len(receiver.received) == 1
