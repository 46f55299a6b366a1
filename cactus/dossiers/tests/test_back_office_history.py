"""The back office's dossier page speaks French: labels of the tabs' fields, Oui/Non, JJ/MM/AAAA."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from cactus.dossiers import services
from cactus.dossiers.models import Dossier
from cactus.dossiers.tests import tab_data
from cactus.dossiers.tests.factories import DossierFactory
from cactus.dossiers.tests.states import dossier_in

pytestmark = pytest.mark.django_db


def test_the_history_shows_labels_choices_yes_no_and_french_dates(client, cfa_advisor, employer_contact):
    dossier = DossierFactory(employer_contact=employer_contact)
    services.submit_page(dossier=dossier, key="base", values=tab_data.base_values(), by=employer_contact)
    dossier.refresh_from_db()
    services.submit_page(
        dossier=dossier,
        key="student_life",
        values=tab_data.student_life_values() | {"student_life-has_vehicle": "on"},
        by=dossier.alternant,
    )
    client.force_login(cfa_advisor)

    page = client.get(reverse("dossiers:staff_dossier", args=[dossier.pk])).content.decode()
    history = page[page.index('id="historique"') :]

    assert (
        "vie étudiante : logement pendant la formation : (vide) → Chez mes parents ou ma famille" in history
    )
    assert "vie étudiante : véhiculé : (vide) → Oui" in history
    birth = dossier.alternant_birth_date.strftime("%d/%m/%Y")
    assert f"date de naissance de l&#x27;alternant : (vide) → {birth}" in history
    for leak in ("student_life.", "True", "False", dossier.alternant_birth_date.isoformat()):
        assert leak not in history


def test_the_read_only_data_shows_dates_as_jj_mm_aaaa(client, cfa_advisor):
    dossier = DossierFactory(with_base_data=True)
    client.force_login(cfa_advisor)

    page = client.get(reverse("dossiers:staff_dossier", args=[dossier.pk])).content.decode()
    data = page[page.index('id="donnees"') : page.index('id="docs"')]

    assert f"<dd>{dossier.contract_start:%d/%m/%Y}</dd>" in data
    assert (
        f"<dd>{timezone.localtime(Dossier.objects.get(pk=dossier.pk).created_at):%d/%m/%Y %H:%M}</dd>" in data
    )


def test_each_action_form_of_the_dossier_page_has_its_own_ids_and_labels(client, cfa_admin):
    # Reject, close and reopen each ask for a comment: one id per textarea, each with its own label.
    dossier = dossier_in(Dossier.Status.DOCUMENTS_RETURNED)
    client.force_login(cfa_admin)

    page = client.get(reverse("dossiers:staff_dossier", args=[dossier.pk])).content.decode()

    ids = re.findall(r'<textarea[^>]* id="([^"]+)"', page)
    assert len(ids) >= 2 and len(ids) == len(set(ids))
    for textarea_id in ids:
        assert f'<label for="{textarea_id}">' in page


def test_both_histories_name_the_tab_that_was_saved(client, cfa_advisor, employer_contact):
    dossier = DossierFactory(employer_contact=employer_contact)
    services.submit_page(dossier=dossier, key="base", values=tab_data.base_values(), by=employer_contact)

    client.force_login(employer_contact)
    follow_up = client.get(reverse("dossiers:tab", args=[dossier.pk, "suivi"])).content.decode()
    client.force_login(cfa_advisor)
    staff = client.get(reverse("dossiers:staff_dossier", args=[dossier.pk])).content.decode()

    assert "Onglet enregistré « Données de base » par" in follow_up
    assert "Onglet enregistré « Données de base »</strong>" in staff
