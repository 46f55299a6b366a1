"""What next: progress and who acts in Vos dossiers, the tabs to complete in Suivi - Info, "Continuer",
read-only tabs as text, the review before "Faire la demande", and the formation's dates."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from cactus.dossiers import tabs
from cactus.dossiers.tests import tab_data
from cactus.dossiers.tests.factories import DossierFactory

pytestmark = pytest.mark.django_db


def get(client, user, name, *args):
    client.force_login(user)
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


def test_vos_dossiers_shows_each_dossiers_progress_next_action_and_who_acts(
    client, started_dossier, employer_contact
):
    page = get(client, employer_contact, "dossiers:list")

    assert "1 sur 6 complet" in page  # Données de base of six tabs (the mission is required)
    assert (
        escape("À compléter : L'employeur, L'alternant, Vie étudiante, Les données du contrat, La mission")
        in page
    )
    assert "Compléter la saisie des onglets" in page
    assert escape("Par : Le contact alternance ; l'alternant") in page


def test_a_complete_dossier_waits_for_the_contacts_demande_de_validation(
    client, complete_dossier, employer_contact
):
    page = get(client, employer_contact, "dossiers:list")

    assert "Demande de validation" in page
    assert "Par : Le contact alternance" in page


def test_vos_dossiers_offers_search_and_sort_beyond_a_few_dossiers(client, employer_contact, formation):
    DossierFactory.create_batch(3, formation=formation, employer_contact=employer_contact)
    assert 'name="q"' not in get(client, employer_contact, "dossiers:list")

    DossierFactory.create_batch(3, formation=formation, employer_contact=employer_contact)
    page = get(client, employer_contact, "dossiers:list")

    assert 'name="q"' in page
    assert 'name="sort"' in page
    assert 'name="formation"' not in page  # a contact does not pick among every formation


def test_vos_dossiers_sorts_by_the_alternants_name(client, cfa_admin, formation):
    for name in ["Zola", "Aubert", "Martin"]:
        DossierFactory(formation=formation, alternant_last_name=name)
    client.force_login(cfa_admin)

    response = client.get(reverse("dossiers:list") + "?sort=nom")

    names = [dossier.alternant_last_name for dossier in response.context["page"].object_list]
    assert names[:3] == ["Aubert", "Martin", "Zola"]


def test_suivi_info_names_the_tabs_to_complete_and_who_fills_each(client, started_dossier, employer_contact):
    page = get(client, employer_contact, "dossiers:tab", started_dossier.pk, "suivi")

    assert "Onglets à compléter" in page
    assert escape("L'employeur : à compléter par le contact alternance") in page
    assert escape("Vie étudiante : à compléter par l'alternant") in page


def test_a_complete_tab_offers_to_continue_with_the_next_tab_this_person_fills(
    client, started_dossier, employer_contact
):
    client.force_login(employer_contact)
    values = tab_data.employer_values() | {"version": started_dossier.version}

    page = client.post(reverse("dossiers:tab", args=[started_dossier.pk, "employer"]), values, follow=True)

    # L'alternant and Vie étudiante are the alternant's: the contact goes on to the contract.
    assert "Continuer : Les données du contrat" in page.content.decode()


def test_a_read_only_tab_shows_values_as_text(client, started_dossier, alternant):
    page = get(client, alternant, "dossiers:tab", started_dossier.pk, "base")

    assert "<dt>" + escape("Nom de l'alternant") + "</dt><dd>Benoît</dd>" in page
    assert "<dt>" + escape("Dispositif d'alternance") + "</dt><dd>Apprentissage</dd>" in page
    assert "<input" not in page.split('class="tab-page read-only"')[1]
    assert "Complétez-le puis cliquez" not in page


def test_the_review_shows_every_tab_before_faire_la_demande(client, complete_dossier, employer_contact):
    page = get(client, employer_contact, "dossiers:request_validation", complete_dossier.pk)

    assert "Vérifiez avant d'envoyer" in page
    assert "Société Méditerranéenne d&#x27;Études" in page
    assert 'media="print"' in page
    assert page.index("Vérifiez avant d'envoyer") < page.index("Faire la demande")


def test_the_review_hides_vie_etudiante_from_the_contact(
    client, complete_dossier, employer_contact, cfa_admin
):
    # Vie étudiante is health data (RGPD art. 9): the alternant and the CFA's staff only.
    contact_page = get(client, employer_contact, "dossiers:request_validation", complete_dossier.pk)
    admin_page = get(client, cfa_admin, "dossiers:request_validation", complete_dossier.pk)

    emergency = tab_data.student_life_values()["student_life-emergency_contact_name"]
    assert 'id="verification-student_life"' not in contact_page
    assert emergency not in contact_page
    assert 'id="verification-student_life"' in admin_page
    assert emergency in admin_page


def test_the_contract_date_pages_show_the_formations_dates(client, started_dossier, employer_contact):
    for tab in ("base", "contract"):
        page = get(client, employer_contact, "dossiers:tab", started_dossier.pk, tab)
        assert "Dates de la formation" in page
        assert "début le 07/09/2026, fin (fin des épreuves) le 31/08/2027" in page


def test_donnees_de_base_refuses_a_contract_that_does_not_fit_the_formation(dossier, employer_contact):
    # R-6.2 (C. trav. L6222-12): the formation starts at most 3 months before or after the contract;
    # the exams end within the contract. The same rule Les données du contrat applies.
    values = tab_data.base_values(contract_start="2030-09-01", contract_end="2031-08-31")
    forms = tabs.page_forms("base", dossier, data=values)

    assert not forms[0].is_valid()
    assert "R-6.2" in str(forms[0].errors["contract_start"])
    assert "R-6.4" in str(forms[0].errors["contract_end"])
