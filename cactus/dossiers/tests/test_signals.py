"""status_changed: sent once per committed move, not for a rolled-back one, not for other events."""

import pytest
from django.db import transaction

from cactus.dossiers import transitions
from cactus.dossiers.models import Dossier, DossierEvent
from cactus.dossiers.signals import status_changed
from cactus.dossiers.tests.factories import complete_dossier


@pytest.fixture
def received():
    calls = []

    def receiver(sender, *, dossier, event, **kwargs):
        calls.append((dossier.pk, event.from_status, event.to_status))

    status_changed.connect(receiver)
    yield calls
    status_changed.disconnect(receiver)


@pytest.mark.django_db(transaction=True)
def test_a_committed_move_is_announced_once(received, employer_contact):
    dossier = complete_dossier(employer_contact=employer_contact)

    transitions.request_validation(dossier=dossier, by=employer_contact)

    assert received == [(dossier.pk, Dossier.Status.DRAFT, Dossier.Status.VALIDATION_REQUESTED)]


@pytest.mark.django_db(transaction=True)
def test_a_move_rolled_back_is_not_announced(received, employer_contact):
    dossier = complete_dossier(employer_contact=employer_contact)

    with pytest.raises(RuntimeError), transaction.atomic():
        transitions.request_validation(dossier=dossier, by=employer_contact)
        raise RuntimeError

    assert received == []


@pytest.mark.django_db(transaction=True)
def test_an_event_without_a_state_is_not_announced(received, employer_contact):
    dossier = complete_dossier(employer_contact=employer_contact)

    DossierEvent.objects.create(dossier=dossier, actor=employer_contact, action=DossierEvent.Action.TAB_SAVED)

    assert received == []


# --- extensions: queues and Suivi - Info panels added by the apps above


@pytest.fixture
def clean_extensions():
    from cactus.dossiers import extensions

    queues, panels = dict(extensions._queues), list(extensions._panels)
    yield extensions
    extensions._queues.clear()
    extensions._queues.update(queues)
    extensions._panels[:] = panels


@pytest.mark.django_db
def test_a_queue_added_by_an_upper_app_is_counted_and_filters(clean_extensions, cfa_advisor):
    import datetime

    from django.db.models import Q

    from cactus.dossiers import back_office

    kept = complete_dossier()
    complete_dossier()
    clean_extensions.add_queue("mine", "Ma file", lambda today: Q(pk=kept.pk))
    today = datetime.date(2026, 12, 7)

    counts = back_office.queue_counts(back_office.back_office_dossiers(cfa_advisor), today, scope="test")
    assert ("mine", "Ma file", 1) in counts
    listed = back_office.filter_dossiers(
        back_office.back_office_dossiers(cfa_advisor), today=today, queue="mine"
    )
    assert list(listed) == [kept]


@pytest.mark.django_db
def test_a_follow_up_panel_added_by_an_upper_app_is_shown(
    clean_extensions, client, employer_contact, tmp_path, settings
):
    dossier = complete_dossier(employer_contact=employer_contact)
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], tmp_path]}]  # a new list: engines reset
    (tmp_path / "panel-test.html").write_text('<section id="panneau">{{ panel.text }}</section>')
    clean_extensions.add_follow_up_panel(
        lambda request, d: ("panel-test.html", {"text": f"Dossier {d.pk}"}) if d.pk == dossier.pk else None
    )
    client.force_login(employer_contact)

    page = client.get(f"/dossiers/{dossier.pk}/suivi/").content.decode()

    assert f'<section id="panneau">Dossier {dossier.pk}</section>' in page
