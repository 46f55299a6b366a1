import re
from datetime import date

import pytest
from django.urls import reverse

from cactus.dossiers import services, tabs
from cactus.dossiers.models import Dossier, Employer
from cactus.dossiers.tests import tab_data
from cactus.formations.models import Formation

DATA_TABS = ["base", "employer", "alternant", "student_life", "contract", "mission"]
# workflow.md §5: the contact alternance edits base, employer, contract, mission; the alternant
# edits alternant and student_life; the formation and the CFA's advisor read (and may fix the base).
EDITORS = {
    "employer_contact": {"base", "employer", "contract", "mission"},
    "alternant": {"alternant", "student_life"},
    "formation_manager": {"base"},
    "cfa_advisor": {"base"},
    "cfa_admin": set(DATA_TABS),
}
# Vie étudiante holds health data (RGPD art. 9): the contact and the responsable get a stranger's 404.
HEALTH_DATA_NON_READERS = {"employer_contact", "formation_manager"}


def url(dossier, tab):
    return reverse("dossiers:tab", args=[dossier.pk, tab])


@pytest.mark.parametrize("role", list(EDITORS))
@pytest.mark.parametrize("tab", DATA_TABS)
def test_every_party_reads_every_tab_and_only_its_editors_may_post(
    client, started_dossier, role, tab, request
):
    user = request.getfixturevalue(role)
    client.force_login(user)

    page = client.get(url(started_dossier, tab))
    posted = client.post(url(started_dossier, tab), {"version": started_dossier.version})

    if tab == "student_life" and role in HEALTH_DATA_NON_READERS:
        assert (page.status_code, posted.status_code) == (404, 404)
        return
    assert page.status_code == 200
    if tab in EDITORS[role]:
        assert posted.status_code == 200  # the empty page comes back with its anomalies
        assert "La page n'a pas été enregistrée" in posted.content.decode()
    else:
        assert posted.status_code == 403
        assert "Cet onglet est en lecture seule pour vous." in page.content.decode()
        # Values as text, not disabled mandatory fields with "Complétez-le puis cliquez sur « Valider »".
        assert 'class="tab-page read-only"' in page.content.decode()
        assert "disabled" not in page.content.decode()
        assert "Complétez-le puis cliquez" not in page.content.decode()


@pytest.mark.parametrize("tab", DATA_TABS + ["suivi"])
def test_a_stranger_gets_a_404_on_every_tab(client, started_dossier, stranger, tab):
    client.force_login(stranger)
    assert client.get(url(started_dossier, tab)).status_code == 404
    assert client.post(url(started_dossier, tab), {}).status_code == 404


@pytest.mark.parametrize("tab", DATA_TABS)
def test_a_frozen_dossier_is_read_only_and_a_forged_post_is_refused(client, started_dossier, cfa_admin, tab):
    Dossier.objects.filter(pk=started_dossier.pk).update(status=Dossier.Status.VALIDATION_REQUESTED)
    client.force_login(cfa_admin)

    page = client.get(url(started_dossier, tab))
    forged = client.post(
        url(started_dossier, tab), tab_data.mission_values() | {"version": started_dossier.version}
    )

    assert "les données sont figées" in page.content.decode()
    assert 'type="submit" class="primary"' not in page.content.decode()
    assert forged.status_code == 403


def test_until_the_base_data_is_complete_only_it_and_suivi_show(client, dossier, employer_contact):
    client.force_login(employer_contact)
    page = client.get(url(dossier, "base")).content.decode()

    assert "Suivi - Info" in page
    assert "L&#x27;employeur" not in page
    assert client.get(url(dossier, "employer")).status_code == 404


def test_the_other_tabs_appear_in_the_guides_order_once_the_base_data_is_valid(started_dossier):
    labels = [tab.label for tab in tabs.visible_tabs(started_dossier)]
    assert labels == [
        "Données de base",
        "L'employeur",
        "L'alternant",
        "Vie étudiante",
        "Les données du contrat",
        "La mission",
        "Suivi - Info",
    ]


def test_a_simple_entry_has_no_contract_tab_and_a_hidden_mission_is_absent(client, dossier, employer_contact):
    dossier.formation.mission_mode = Formation.MissionMode.HIDDEN
    dossier.formation.save()
    services.submit_page(
        dossier=dossier, key="base", values=tab_data.base_values(entry_mode="simple"), by=employer_contact
    )
    dossier = Dossier.objects.get(pk=dossier.pk)
    client.force_login(employer_contact)

    assert [tab.key for tab in tabs.visible_tabs(dossier)] == [
        "base",
        "employer",
        "alternant",
        "student_life",
        "suivi",
    ]
    assert client.get(url(dossier, "contract")).status_code == 404
    assert client.get(url(dossier, "mission")).status_code == 404


def test_nothing_of_a_page_is_saved_when_one_block_is_wrong(client, started_dossier, employer_contact):
    client.force_login(employer_contact)
    values = tab_data.employer_values() | {
        "mentor1-birth_date": "2012-01-01",
        "version": started_dossier.version,
    }

    response = client.post(url(started_dossier, "employer"), values)

    page = response.content.decode()
    assert response.status_code == 200
    assert not Employer.objects.filter(dossier=started_dossier).exists()
    # R-1.8 (rules.md): the maître d'apprentissage is at least 18 at the start of the contract.
    assert "R-1.8" in page
    assert page.index("La page n'a pas été enregistrée") < page.index('id="block-employer"')
    assert 'id="id_mentor1-birth_date_error"' in page


def test_a_page_edited_by_someone_else_meanwhile_is_refused_with_a_clear_message(
    client, started_dossier, employer_contact
):
    client.force_login(employer_contact)
    values = tab_data.employer_values() | {"version": started_dossier.version - 1}

    response = client.post(url(started_dossier, "employer"), values, follow=True)

    assert "modifié par quelqu&#x27;un d&#x27;autre" in response.content.decode()
    assert not Employer.objects.filter(dossier=started_dossier).exists()


def test_the_idcc_fills_the_convention_branch_and_opco_without_javascript(
    client, started_dossier, employer_contact
):
    client.force_login(employer_contact)
    values = tab_data.employer_values() | {"employer-idcc": "1486", "version": started_dossier.version}

    response = client.post(url(started_dossier, "employer"), values)

    assert response.status_code == 302
    employer = Employer.objects.get(dossier=started_dossier)
    # R-14.2 (rules.md): the IDCC gives the convention's label, its branch and its OPCO.
    assert employer.idcc == "1486"
    assert "Syntec" in employer.idcc_label or "études techniques" in employer.idcc_label
    assert employer.idcc_opco == "ATLAS"


def test_an_unknown_idcc_is_refused_with_a_message(client, started_dossier, employer_contact):
    client.force_login(employer_contact)
    values = tab_data.employer_values() | {"employer-idcc": "0001", "version": started_dossier.version}

    response = client.post(url(started_dossier, "employer"), values)

    assert response.status_code == 200
    assert 'id="id_employer-idcc_error"' in response.content.decode()


def test_mandatory_fields_are_green_and_marked_without_colour(client, started_dossier, employer_contact):
    client.force_login(employer_contact)
    page = client.get(url(started_dossier, "employer")).content.decode()

    assert 'class="field required"' in page
    assert "(obligatoire)</span>" in page


def test_the_billing_block_is_hidden_for_a_private_apprenticeship(client, started_dossier, employer_contact):
    client.force_login(employer_contact)
    page = client.get(url(started_dossier, "employer")).content.decode()
    assert 'id="block-billing" hidden' in page


def test_a_tab_never_validated_says_so(client, started_dossier, employer_contact):
    client.force_login(employer_contact)
    page = client.get(url(started_dossier, "employer")).content.decode()
    assert "Cet onglet n&#x27;a pas encore été validé." in page


def test_a_tab_broken_by_a_later_change_loses_its_check_mark_and_says_why(
    client, started_dossier, employer_contact, alternant
):
    services.submit_page(
        dossier=started_dossier, key="alternant", values=tab_data.alternant_values(), by=alternant
    )
    started_dossier.refresh_from_db()
    assert tabs.tab_states(started_dossier)["alternant"] is True
    # The birth year moves: the NIR no longer agrees with it (R-12.3, rules.md).
    services.submit_page(
        dossier=started_dossier,
        key="base",
        values=tab_data.base_values(alternant_birth_date="2008-03-14"),
        by=employer_contact,
    )
    client.force_login(alternant)

    page = client.get(url(started_dossier, "alternant")).content.decode()

    assert "Cet onglet n&#x27;est pas complet." in page or "Cet onglet n'est pas complet." in page
    assert "R-12.3" in page


def test_an_invalid_field_is_tied_to_its_message_for_screen_readers(
    client, started_dossier, employer_contact
):
    client.force_login(employer_contact)
    response = client.post(url(started_dossier, "employer"), {"version": started_dossier.version})
    page = response.content.decode()
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="id_employer-name_error"' in page


def test_advice_of_the_rules_is_shown_after_saving_without_blocking(client, dossier, employer_contact):
    # R-5.3 (rules.md): 450 h of training are less than 25 % of a two-year contract (803,5 h).
    # A two-year formation, so that the contract fits its dates (R-5.5, checked on Données de base).
    Formation.objects.filter(pk=dossier.formation_id).update(end_date=date(2028, 7, 31))
    dossier.refresh_from_db()
    client.force_login(employer_contact)
    values = tab_data.base_values(contract_end="2028-08-31") | {"version": dossier.version}

    response = client.post(url(dossier, "base"), values, follow=True)

    assert Dossier.objects.get(pk=dossier.pk).contract_end.year == 2028
    assert "À vérifier" in response.content.decode()
    assert "R-5.3" in response.content.decode()


def test_the_alternants_e_mail_is_proposed_from_their_account(client, started_dossier, alternant):
    client.force_login(alternant)
    page = client.get(url(started_dossier, "alternant")).content.decode()
    assert 'value="alternant@etudiant.test"' in page


def test_the_error_summary_links_a_choice_between_buttons_to_its_group(
    client, started_dossier, employer_contact
):
    # Radio buttons have no single label target: the link jumps to their group, which is described by
    # its error message.
    client.force_login(employer_contact)
    response = client.post(url(started_dossier, "base"), {"version": started_dossier.version})
    page = response.content.decode()
    assert 'class="error-summary" role="alert" tabindex="-1" autofocus' in page
    anchors = re.findall(r'<a href="#([^"]*)">', page)
    assert "" not in anchors
    scheme = next(anchor for anchor in anchors if anchor.endswith("scheme"))
    assert f'id="{scheme}"' in page
    assert f'id="{scheme}_error"' in page


def test_a_date_error_of_one_person_does_not_mark_the_date_fields_of_the_next_one_invalid(
    client, started_dossier, employer_contact, cfa_admin
):
    client.force_login(employer_contact)
    values = tab_data.contract_values(started_dossier) | {
        "contract-conclusion_date": "0001-01-01",
        "version": started_dossier.version,
    }
    posted = client.post(url(started_dossier, "contract"), values).content.decode()
    assert re.search(r'<input[^>]*aria-invalid="true"[^>]*id="id_contract-conclusion_date"', posted)

    client.force_login(cfa_admin)
    page = client.get(url(started_dossier, "contract")).content.decode()

    date_inputs = re.findall(r'<input type="date"[^>]*>', page)
    assert date_inputs
    assert not [tag for tag in date_inputs if "aria-invalid" in tag or "_error" in tag]


def test_every_help_text_and_error_a_field_points_to_exists_on_the_page(
    client, started_dossier, employer_contact
):
    client.force_login(employer_contact)
    for tab in ["base", "employer", "contract", "mission"]:
        for page in (
            client.get(url(started_dossier, tab)).content.decode(),
            client.post(url(started_dossier, tab), {"version": started_dossier.version}).content.decode(),
        ):
            ids = set(re.findall(r'\bid="([^"]+)"', page))
            referenced = {
                target
                for attribute in re.findall(r'aria-(?:describedby|labelledby)="([^"]+)"', page)
                for target in attribute.split()
            } | set(re.findall(r'\bfor="([^"]+)"', page))
            assert referenced <= ids, (tab, sorted(referenced - ids))
            assert len(re.findall(r'\bid="([^"]+)"', page)) == len(ids), tab  # no duplicate id


def test_the_page_title_names_the_tab_the_dossier_state_and_an_error(
    client, started_dossier, employer_contact
):
    client.force_login(employer_contact)

    shown = client.get(url(started_dossier, "employer")).content.decode()
    refused = client.post(
        url(started_dossier, "employer"), {"version": started_dossier.version}
    ).content.decode()

    title = re.search(r"<title>(.*?)</title>", shown, re.S).group(1)
    assert title.startswith("L&#x27;employeur – Dossier de ")
    assert f"({started_dossier.status_label})" in title
    assert re.search(r"<title>Erreur – L&#x27;employeur – ", refused)
