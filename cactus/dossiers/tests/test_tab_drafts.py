"""Brouillons: what was typed on a tab and not validated is kept for its author, and is never data."""

import pytest
from django.urls import reverse

from cactus.dossiers import services, tabs, transitions
from cactus.dossiers.exceptions import DossierFrozen
from cactus.dossiers.export import dossier_data
from cactus.dossiers.models import Dossier, TabDraft
from cactus.dossiers.tests import tab_data

pytestmark = pytest.mark.django_db

DRAFT_NAME = "Brouillon Industries"


def draft_url(dossier, tab="employer"):
    return reverse("dossiers:tab_draft", args=[dossier.pk, tab])


def tab_url(dossier, tab="employer"):
    return reverse("dossiers:tab", args=[dossier.pk, tab])


def test_a_draft_keeps_the_pages_own_fields_only(client, started_dossier, employer_contact):
    client.force_login(employer_contact)

    response = client.post(
        draft_url(started_dossier),
        {"employer-name": DRAFT_NAME, "employer-siret": "x", "version": "1", "is_admin": "on"},
    )

    assert response.status_code == 200
    assert "saved_at" in response.json()
    draft = TabDraft.objects.get(dossier=started_dossier, tab="employer", author=employer_contact)
    assert draft.values == {"employer-name": DRAFT_NAME}


def test_a_draft_comes_back_with_its_notice_and_is_not_judged(client, started_dossier, employer_contact):
    client.force_login(employer_contact)
    client.post(draft_url(started_dossier), {"employer-name": DRAFT_NAME, "employer-phone": "pas un numéro"})

    page = client.get(tab_url(started_dossier)).content.decode()

    assert f'value="{DRAFT_NAME}"' in page
    assert "Brouillon non validé du " in page
    assert ": cliquez sur « Valider »" in page
    assert "La page n'a pas été enregistrée" not in page  # errors come with "Valider"


def test_a_draft_belongs_to_its_author(client, started_dossier, employer_contact, cfa_admin):
    client.force_login(employer_contact)
    client.post(draft_url(started_dossier), {"employer-name": DRAFT_NAME})

    client.force_login(cfa_admin)  # may edit L'employeur too, but did not type this
    page = client.get(tab_url(started_dossier)).content.decode()

    assert DRAFT_NAME not in page
    assert "Brouillon non validé" not in page


def test_an_invalid_valider_keeps_what_was_typed_as_a_draft(client, started_dossier, employer_contact):
    client.force_login(employer_contact)

    response = client.post(
        tab_url(started_dossier), {"employer-name": DRAFT_NAME, "version": started_dossier.version}
    )

    assert "La page n'a pas été enregistrée" in response.content.decode()
    assert TabDraft.objects.get(dossier=started_dossier, author=employer_contact).values["employer-name"] == (
        DRAFT_NAME
    )
    assert DRAFT_NAME in client.get(tab_url(started_dossier)).content.decode()


def test_a_valid_valider_replaces_the_draft_by_data(client, started_dossier, employer_contact):
    client.force_login(employer_contact)
    client.post(draft_url(started_dossier), {"employer-name": DRAFT_NAME})

    values = tab_data.employer_values() | {"version": started_dossier.version}
    response = client.post(tab_url(started_dossier), values)

    assert response.status_code == 302
    assert not TabDraft.objects.filter(dossier=started_dossier).exists()
    assert "Brouillon non validé" not in client.get(tab_url(started_dossier)).content.decode()


def test_a_draft_is_not_data_no_check_mark_no_export(started_dossier, employer_contact):
    services.save_draft(
        dossier=started_dossier,
        tab="employer",
        values={"employer-name": DRAFT_NAME, "employer-siret": "73282932000074"},
        by=employer_contact,
    )

    dossier = Dossier.objects.get(pk=started_dossier.pk)
    assert tabs.problems_of("employer", dossier) == [tabs.NEVER_VALIDATED]
    assert not tabs.tab_states(dossier)["employer"]
    assert DRAFT_NAME not in str(dossier_data(dossier))


def test_a_frozen_dossier_refuses_drafts(complete_dossier, employer_contact):
    frozen = transitions.request_validation(dossier=complete_dossier, by=employer_contact)

    with pytest.raises(DossierFrozen):
        services.save_draft(
            dossier=frozen, tab="employer", values={"employer-name": "x"}, by=employer_contact
        )


def test_the_demande_de_validation_deletes_every_draft(complete_dossier, employer_contact, alternant):
    services.save_draft(
        dossier=complete_dossier, tab="employer", values={"employer-name": "x"}, by=employer_contact
    )
    services.save_draft(
        dossier=complete_dossier, tab="alternant", values={"alternant-phone": "0"}, by=alternant
    )

    transitions.request_validation(dossier=complete_dossier, by=employer_contact)

    assert not TabDraft.objects.filter(dossier=complete_dossier).exists()


def test_a_frozen_dossiers_draft_url_answers_403(client, complete_dossier, employer_contact):
    transitions.request_validation(dossier=complete_dossier, by=employer_contact)
    client.force_login(employer_contact)

    assert client.post(draft_url(complete_dossier), {"employer-name": "x"}).status_code == 403
    assert not TabDraft.objects.exists()


def test_only_the_tabs_editors_keep_a_draft(client, started_dossier, alternant, formation_manager):
    client.force_login(alternant)
    assert client.post(draft_url(started_dossier), {"employer-name": "x"}).status_code == 403
    client.force_login(formation_manager)
    assert client.post(draft_url(started_dossier, "alternant"), {"alternant-phone": "0"}).status_code == 403
    assert not TabDraft.objects.exists()


def test_a_stranger_gets_a_404_on_the_draft_url(client, started_dossier, stranger):
    client.force_login(stranger)
    assert client.post(draft_url(started_dossier), {"employer-name": "x"}).status_code == 404
    assert client.get(draft_url(started_dossier)).status_code == 405
