"""The back office's deadline column "Lien de signature": the days left before the link of the signer
awaited expires (SIGNING_LINK_VALIDITY_DAYS), one subquery for the page."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from cactus.dossiers.models import Dossier
from cactus.dossiers.tests.factories import DossierFactory
from cactus.signatures import hooks, services
from cactus.signatures.tests.helpers import bring_to_signature, checker, online_dossier

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
MONDAY = datetime(2026, 12, 7, 9, 0, tzinfo=PARIS)


@pytest.fixture
def signing(signing_ca, django_capture_on_commit_callbacks):
    with time_machine.travel(MONDAY, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            dossier = online_dossier()
        with django_capture_on_commit_callbacks(execute=True):
            dossier = bring_to_signature(dossier)
    return dossier


def test_the_work_list_shows_the_days_left_on_the_awaited_signer_s_link(client, signing, settings):
    signer = services.current_round(signing).signers.get(position=1)
    assert signer.link_expires_at == MONDAY + timedelta(days=settings.SIGNING_LINK_VALIDITY_DAYS)
    staff = checker()

    with time_machine.travel(MONDAY + timedelta(days=3), tick=False):
        client.force_login(staff)
        response = client.get(reverse("dossiers:back_office"))
    [row] = [row for row in response.context["rows"] if row["dossier"].pk == signing.pk]
    link = dict(row["deadlines"])["Lien de signature"]
    assert link.due == signer.link_expires_at.date()
    assert link.days_left == settings.SIGNING_LINK_VALIDITY_DAYS - 3 and link.unit == "jour"
    assert "Lien de signature" in response.content.decode()


def test_the_column_costs_no_query_per_row_and_is_empty_once_nothing_is_awaited(
    signing, django_assert_num_queries
):
    others = [DossierFactory().pk for _ in range(3)]
    today = MONDAY.date()

    with django_assert_num_queries(1):
        shown = {
            dossier.pk: hooks.LINK_COLUMN.running(dossier, today)
            for dossier in hooks.LINK_COLUMN.prepare(Dossier.objects.all())
        }

    assert shown[signing.pk].days_left == 15
    assert [shown[pk] for pk in others] == [None, None, None]

    services.cancel_rounds(dossier=signing, reason="Passage au papier")
    [cancelled] = hooks.LINK_COLUMN.prepare(Dossier.objects.filter(pk=signing.pk))
    assert hooks.LINK_COLUMN.running(cancelled, today) is None
