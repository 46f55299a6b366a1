"""The alternant (or a script with their session) switching the contact alternance back and forth:
each change mails the new contact an invitation, the previous one a notice and the conseillère a
copy. Without a cap, two addresses and the CFA's mailbox were flooded; now a dossier takes
EMPLOYER_CONTACT_INVITATIONS_PER_DAY changes in 24 hours from anyone but the CFA's staff."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cactus.core.tests.test_concurrency import fire_at_once, postgresql_only
from cactus.core.tests.test_throttle import DATABASE_CACHE
from cactus.dossiers.tests.factories import DossierFactory
from cactus.notifications.models import OutgoingEmail

pytestmark = pytest.mark.django_db
THREADS = 20


def change_contact(client, dossier, email):
    return client.post(reverse("dossiers:employer_contact", args=[dossier.pk]), {"email": email}, follow=True)


def test_switching_the_contact_in_a_loop_stops_at_the_daily_cap(client, dossier, alternant, settings):
    client.force_login(alternant)
    now = timezone.localtime()
    with time_machine.travel(now, tick=False) as clock:
        for index in range(30):
            response = change_contact(client, dossier, f"contact{index % 2}@entreprise.test")
            clock.shift(timedelta(minutes=1))

        invitations = OutgoingEmail.objects.filter(to__startswith="contact", to__endswith="@entreprise.test")
        # One invitation per accepted change, plus the notice to the contact it replaced.
        assert invitations.filter(name="invitation").count() == settings.EMPLOYER_CONTACT_INVITATIONS_PER_DAY
        page = response.content.decode()
        assert response.status_code == 200
        assert "déjà été changé ou invité 5 fois en 24 heures" in page
        assert "à partir du " in page or "à partir de " in page

        clock.shift(timedelta(days=1))
        client.force_login(alternant)  # the session of the day before has expired
        change_contact(client, dossier, "contact9@entreprise.test")
    assert OutgoingEmail.objects.filter(to="contact9@entreprise.test", name="invitation").count() == 1


def test_the_cap_is_per_dossier_and_the_cfa_staff_are_not_held_by_it(
    client, dossier, alternant, cfa_admin, formation, settings
):
    settings.EMPLOYER_CONTACT_INVITATIONS_PER_DAY = 1
    client.force_login(alternant)
    change_contact(client, dossier, "premier@entreprise.test")
    change_contact(client, dossier, "second@entreprise.test")
    other = DossierFactory(formation=formation, alternant=alternant, employer_contact=None)
    change_contact(client, other, "autre@entreprise.test")

    client.force_login(cfa_admin)
    change_contact(client, dossier, "corrige@entreprise.test")

    sent = set(OutgoingEmail.objects.filter(name="invitation").values_list("to", flat=True))
    assert sent == {"premier@entreprise.test", "autre@entreprise.test", "corrige@entreprise.test"}


@postgresql_only
def test_changes_sent_at_once_are_capped_exactly(transactional_db, dossier, alternant, settings):
    # The check and the count were apart (the count after the change): every request in flight
    # passed the check, so a script sending 20 at once got 20 changes and their e-mails.
    settings.CACHES = DATABASE_CACHE
    call_command("createcachetable", verbosity=0)
    clients = []
    for _ in range(THREADS):
        client = Client()
        client.force_login(alternant)
        clients.append(client)

    outcomes = fire_at_once(
        THREADS,
        lambda index: change_contact(clients[index], dossier, f"contact{index}@entreprise.test").status_code,
    )

    assert outcomes == {"done": THREADS}
    invitations = OutgoingEmail.objects.filter(name="invitation", to__endswith="@entreprise.test")
    assert invitations.count() == settings.EMPLOYER_CONTACT_INVITATIONS_PER_DAY
