import pytest
from django.urls import reverse

from cactus.accounts.tests.factories import UserFactory
from cactus.dossiers.models import Dossier
from cactus.dossiers.tests.factories import DossierFactory
from cactus.formations.tests.factories import FormationFactory

pytestmark = pytest.mark.django_db


def listed_ids(client, user, query=""):
    client.force_login(user)
    response = client.get(reverse("dossiers:list") + query)
    assert response.status_code == 200
    return {dossier.pk for dossier in response.context["page"].object_list}


def test_a_contact_sees_the_dossiers_where_they_are_contact_alternance(client, dossier, employer_contact):
    DossierFactory()

    assert listed_ids(client, employer_contact) == {dossier.pk}


def test_the_list_shows_name_email_formation_state_and_a_modifier_pencil(client, dossier, employer_contact):
    client.force_login(employer_contact)

    content = client.get(reverse("dossiers:list")).content.decode()

    assert dossier.alternant.email in content
    assert dossier.formation.title in content
    assert "Saisie en cours" in content
    assert f'href="/dossiers/{dossier.pk}/base/" aria-label="Modifier"' in content


def test_the_alternant_name_is_blank_until_entered(client, dossier, employer_contact):
    client.force_login(employer_contact)

    row = client.get(reverse("dossiers:list")).content.decode().split("<tbody>")[1].split("</tr>")[0]

    assert '<td data-label="Alternant"></td>' in row


def test_an_alternant_sees_their_own_dossier_only(client, dossier, alternant):
    DossierFactory()

    assert listed_ids(client, alternant) == {dossier.pk}


def test_a_responsable_sees_the_dossiers_of_their_formations(client, dossier, formation_manager):
    DossierFactory(formation=FormationFactory())

    assert listed_ids(client, formation_manager) == {dossier.pk}


def test_cfa_staff_see_all_dossiers_and_can_search_and_filter(client, dossier, cfa_advisor):
    other = DossierFactory(with_base_data=True, alternant_last_name="Lefèvre")

    assert listed_ids(client, cfa_advisor) == {dossier.pk, other.pk}
    assert listed_ids(client, cfa_advisor, "?q=lefèvre") == {other.pk}
    assert listed_ids(client, cfa_advisor, f"?formation={dossier.formation_id}") == {dossier.pk}
    assert listed_ids(client, cfa_advisor, "?status=validated") == set()


def test_saisie_complete_is_a_filter_and_a_state_label(client, dossier, cfa_admin):
    Dossier.objects.filter(pk=dossier.pk).update(is_entry_complete=True)

    assert listed_ids(client, cfa_admin, "?status=complete") == {dossier.pk}
    assert "Saisie complète" in client.get(reverse("dossiers:list")).content.decode()


def test_a_stranger_sees_nothing(client, dossier, stranger):
    assert listed_ids(client, stranger) == set()


def test_a_stranger_gets_404_not_403_on_a_dossier(client, dossier, stranger):
    client.force_login(stranger)

    for url in [
        reverse("dossiers:detail", args=[dossier.pk]),
        reverse("dossiers:tab", args=[dossier.pk, "base"]),
        reverse("dossiers:tab", args=[dossier.pk, "suivi"]),
    ]:
        assert client.get(url).status_code == 404


def test_the_pencil_opens_donnees_de_base_and_shows_suivi_info(client, dossier, employer_contact):
    client.force_login(employer_contact)

    content = client.get(reverse("dossiers:tab", args=[dossier.pk, "base"])).content.decode()

    assert "Données de base" in content
    assert "Suivi - Info" in content


def test_the_list_is_paginated(client, cfa_admin, formation):
    DossierFactory.create_batch(55, formation=formation)
    client.force_login(cfa_admin)

    response = client.get(reverse("dossiers:list"))

    assert len(response.context["page"].object_list) == 50
    assert response.context["page"].paginator.num_pages == 2


def test_the_number_of_queries_does_not_grow_with_the_list(
    client, cfa_admin, formation, django_assert_max_num_queries
):
    DossierFactory.create_batch(3, formation=formation)
    client.force_login(UserFactory(email="other-admin@cfa.test", cfa_admin=True))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("dossiers:list"))
    DossierFactory.create_batch(30, formation=formation)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("dossiers:list"))
