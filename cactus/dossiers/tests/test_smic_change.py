"""A new SMIC is an event: the dossiers it puts below the minimum (rules.md R-3.3).

The minimum pay of an apprentice is a percentage of the SMIC in force (D6222-26): a revaluation
raises it from its date, for every contract running then, without an avenant.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse

from cactus.dossiers import back_office, services, smic, tabs
from cactus.dossiers.models import Dossier, DossierEvent, PayBelowMinimum
from cactus.dossiers.tests import tab_data
from cactus.dossiers.tests.factories import fill_every_tab
from cactus.formations.models import Formation
from cactus.notifications.models import OutgoingEmail
from cactus.referentials.models import SmicRate

JUNE_2026 = date(2026, 6, 1)


def before_june_2026_was_published():
    """The SMIC table as it stood in May 2026: the 01/06/2026 revaluation not yet known."""
    SmicRate.objects.filter(valid_from=JUNE_2026).delete()


def prepare_a_bts(dossier) -> None:
    """The formation prepares a BTS, so the grid of D6222-26 applies as such (a licence
    professionnelle, the factories' default, is paid the 2nd-year rates: D6222-32)."""
    Formation.objects.filter(pk=dossier.formation_id).update(diploma_code="32031309")
    dossier.formation.refresh_from_db()


def june_2026(territory=SmicRate.Territory.METROPOLE) -> SmicRate:
    # rules.md §3: 12,31 €/h, 1 867,02 € (Mayotte 9,56 €/h, 1 449,93 €).
    if territory == SmicRate.Territory.MAYOTTE:
        return SmicRate(
            valid_from=JUNE_2026, territory=territory, hourly=Decimal("9.56"), monthly=Decimal("1449.93")
        )
    return SmicRate(
        valid_from=JUNE_2026, territory=territory, hourly=Decimal("12.31"), monthly=Decimal("1867.02")
    )


@pytest.fixture
def entered_in_may(dossier):
    """A complete dossier (born 14/03/2009, contract from 01/09/2026) entered before the June SMIC
    was known, for a BTS: 27 % of 1 823,03 € = 492,22 € stored for period 1.1, 43 % = 783,91 €
    for 1.2."""
    before_june_2026_was_published()
    prepare_a_bts(dossier)
    complete = fill_every_tab(dossier)
    assert complete.remuneration_lines.get(year=1, period=1).amount == Decimal("492.22")
    return complete


@pytest.mark.django_db
def test_a_dossier_starting_on_7_september_2026_at_19_is_proposed_802_82_euros(
    started_dossier, employer_contact
):
    # D6222-26 (18–20, 1st year: 43 %), rules.md G′: 43 % of 1 867,02 € = 802,8186 → 802,82 €.
    prepare_a_bts(started_dossier)
    services.submit_page(
        dossier=started_dossier,
        key="base",
        values=tab_data.base_values(
            alternant_birth_date="2007-03-01", contract_start="2026-09-07", contract_end="2027-09-06"
        ),
        by=employer_contact,
    )
    dossier = Dossier.objects.get(pk=started_dossier.pk)
    _, remuneration = tabs.page_forms("contract", dossier)
    assert remuneration.fields["hiring_salary"].initial == Decimal("802.82")
    first = remuneration.rows()[0]
    assert (first["line"].legal.rate, first["amount"]) == (Decimal(43), Decimal("802.82"))


@pytest.mark.django_db
def test_a_new_smic_takes_the_check_mark_of_a_draft_below_it_and_says_why(entered_in_may, cfa_admin):
    # from 01/06/2026 the minimum of a minor's 1st year is 27 % of 1 867,02 € = 504,10 €.
    assert tabs.tab_states(entered_in_may)["contract"] is True

    affected = smic.record_smic_change(smic=june_2026(), by=cfa_admin)

    dossier = Dossier.objects.get(pk=entered_in_may.pk)
    assert affected == [dossier]
    # She turns 18 in March 2027: period 1.2 (43 % from 01/04/2027) is below the minimum too.
    problems = " | ".join(tabs.tab_problems(dossier)["contract"])
    assert "Année 1, période 1 (du 01/09/2026 au 31/03/2027)" in problems
    assert "504,10 €" in problems and "492,22 €" in problems and "01/06/2026" in problems
    assert "Année 1, période 2 (du 01/04/2027 au 31/08/2027)" in problems
    assert "802,82 €" in problems and "783,91 €" in problems
    assert dossier.is_entry_complete is False
    event = dossier.events.get(action=DossierEvent.Action.SMIC_CHANGED)
    assert "504,10 €" in event.comment
    assert not PayBelowMinimum.objects.exists()
    assert not OutgoingEmail.objects.filter(name="smic_raised").exists()


@pytest.mark.django_db
def test_validating_the_contract_tab_again_gives_the_check_mark_back(entered_in_may, cfa_admin):
    smic.record_smic_change(smic=june_2026(), by=cfa_admin)
    dossier = Dossier.objects.get(pk=entered_in_may.pk)
    services.submit_page(
        dossier=dossier, key="contract", values=tab_data.contract_values(dossier), by=dossier.employer_contact
    )
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert tabs.tab_states(dossier)["contract"] is True
    assert dossier.remuneration_lines.get(year=1, period=1).amount == Decimal("504.10")


@pytest.mark.django_db
def test_recording_the_same_smic_twice_changes_nothing_more(entered_in_may, cfa_admin):
    rate = june_2026()
    smic.record_smic_change(smic=rate, by=cfa_admin)
    assert smic.record_smic_change(smic=rate, by=cfa_admin) == []
    assert entered_in_may.events.filter(action=DossierEvent.Action.SMIC_CHANGED).count() == 1


@pytest.mark.django_db
def test_a_validated_dossier_is_queued_and_its_contact_told_once(entered_in_may, cfa_admin):
    # a signed contract owes the new minimum from the SMIC's date, without an avenant.
    Dossier.objects.filter(pk=entered_in_may.pk).update(status=Dossier.Status.VALIDATED)

    rate = june_2026()
    smic.record_smic_change(smic=rate, by=cfa_admin)
    smic.record_smic_change(smic=rate, by=cfa_admin)

    [row] = PayBelowMinimum.objects.all()
    assert (row.dossier_id, row.starts_on, row.agreed, row.minimum) == (
        entered_in_may.pk,
        date(2026, 9, 1),
        Decimal("492.22"),
        Decimal("504.10"),
    )
    queued = back_office.filter_dossiers(Dossier.objects.all(), today=date(2026, 12, 1), queue="smic")
    assert list(queued) == [entered_in_may]
    [email] = OutgoingEmail.objects.filter(name="smic_raised")
    assert email.to == entered_in_may.employer_contact.email
    assert "01/06/2026" in email.subject
    assert "1 867,02 €" in email.body and "504,10 €" in email.body and "sans avenant" in email.body
    assert entered_in_may.events.filter(action=DossierEvent.Action.SMIC_CHANGED).count() == 1


@pytest.mark.django_db
def test_a_contract_running_when_the_smic_rises_owes_the_new_minimum_from_its_date(dossier, cfa_admin):
    # D6222-26 + R-3.3: year 1 from 01/09/2026 at 27 % of 1 867,02 € (504,10 €); a SMIC of
    # 1 895,83 € (12,50 €/h) from 01/01/2027 raises it to 511,8741 → 511,88 € from that date.
    prepare_a_bts(dossier)
    validated = fill_every_tab(dossier)
    Dossier.objects.filter(pk=validated.pk).update(status=Dossier.Status.SENT_TO_OPCO)
    later = SmicRate(valid_from=date(2027, 1, 1), hourly=Decimal("12.50"), monthly=Decimal("1895.83"))

    smic.record_smic_change(smic=later, by=cfa_admin)

    [row] = PayBelowMinimum.objects.all()
    assert (row.starts_on, row.agreed, row.minimum) == (
        date(2027, 1, 1),
        Decimal("504.10"),
        Decimal("511.88"),
    )


@pytest.mark.django_db
def test_pay_already_above_the_new_minimum_is_left_alone(dossier, cfa_admin):
    # 40 % and 50 % of 1 823,03 € (729,22 € and 911,52 €) are above 27 % and 43 % of
    # 1 867,02 € (504,10 € and 802,82 €).
    before_june_2026_was_published()
    prepare_a_bts(dossier)
    complete = fill_every_tab(dossier)
    services.submit_page(
        dossier=complete,
        key="contract",
        values=tab_data.contract_values(complete, rates={"rate_1_1": "40", "rate_1_2": "50"}),
        by=complete.employer_contact,
    )
    assert smic.record_smic_change(smic=june_2026(), by=cfa_admin) == []


@pytest.mark.django_db
def test_the_mayotte_smic_does_not_touch_a_dossier_in_marseille(entered_in_may, cfa_admin):
    # Mayotte (976) has its own SMIC.
    Dossier.objects.filter(pk=entered_in_may.pk).update(status=Dossier.Status.VALIDATED)
    assert smic.record_smic_change(smic=june_2026(SmicRate.Territory.MAYOTTE), by=cfa_admin) == []


@pytest.mark.django_db
def test_the_back_office_lists_the_queue(client, entered_in_may, cfa_admin, cfa_advisor):
    Dossier.objects.filter(pk=entered_in_may.pk).update(status=Dossier.Status.VALIDATED)
    smic.record_smic_change(smic=june_2026(), by=cfa_admin)
    client.force_login(cfa_advisor)
    response = client.get(reverse("dossiers:back_office"), {"queue": "smic"})
    page = response.content.decode()
    assert "Rémunération sous le nouveau minimum" in page
    assert "BENOÎT" in page.upper()


@pytest.mark.django_db(transaction=True)
def test_a_cfa_administrator_adds_the_smic_in_the_admin_and_the_contact_gets_a_real_email(
    client, smtp_sink, dossier
):
    # the day the SMIC is published, the CFA adds it; the contact of a validated dossier is told.
    from cactus.accounts.tests.factories import UserFactory

    before_june_2026_was_published()
    prepare_a_bts(dossier)
    complete = fill_every_tab(dossier)
    Dossier.objects.filter(pk=complete.pk).update(status=Dossier.Status.VALIDATED)
    administrator = UserFactory(email="admin-smic@cfa.test", cfa_admin=True, is_staff=True)

    response = add_smic_in_the_admin(client, administrator, follow=False)

    assert response.status_code == 302
    [body] = smtp_sink.bodies_to(complete.employer_contact.email)
    assert "à partir du 01/06/2026" in body and "504,10 €" in body and "sans avenant" in body
    assert PayBelowMinimum.objects.filter(dossier=complete).exists()


@pytest.mark.django_db
def test_the_contract_tab_shows_the_amount_from_each_smic_change_inside_a_period(
    client, started_dossier, employer_contact
):
    # D6222-26 + R-3.3: a contract from 01/03/2026 at 18 (43 %): 783,91 € on 1 823,03 €, then
    # 802,82 € from 01/06/2026 (SMIC 1 867,02 €).
    prepare_a_bts(started_dossier)
    # A one-year cycle from March 2026 (R-6.2, R-6.4: the CFA training and the exams within the contract).
    Formation.objects.filter(pk=started_dossier.formation_id).update(
        start_date=date(2026, 3, 2), end_date=date(2027, 2, 26)
    )
    started_dossier.formation.refresh_from_db()
    services.submit_page(
        dossier=started_dossier,
        key="base",
        values=tab_data.base_values(
            alternant_birth_date="2007-03-01", contract_start="2026-03-02", contract_end="2027-03-01"
        ),
        by=employer_contact,
    )
    client.force_login(employer_contact)
    page = client.get(
        reverse("dossiers:tab", kwargs={"pk": started_dossier.pk, "tab": "contract"})
    ).content.decode()
    assert "783,91 €" in page
    assert "puis 802,82 € à partir du 01/06/2026" in page


@pytest.mark.django_db
def test_a_licence_pro_is_checked_against_the_new_second_year_minimum(dossier, cfa_admin):
    # D6222-32 (licence professionnelle: 2nd-year rates) + R-3.3: 39 % of 1 823,03 € = 710,99 €
    # stored in May; from 01/06/2026 the minimum is 39 % of 1 867,02 € = 728,14 €.
    before_june_2026_was_published()
    complete = fill_every_tab(dossier)
    assert complete.remuneration_lines.get(year=1, period=1).amount == Decimal("710.99")
    smic.record_smic_change(smic=june_2026(), by=cfa_admin)
    problems = " | ".join(tabs.tab_problems(Dossier.objects.get(pk=complete.pk))["contract"])
    assert "728,14 €" in problems and "710,99 €" in problems


def add_smic_in_the_admin(client, administrator, *, follow=True):
    """The CFA administrator adds the SMIC of 1 June 2026 in the admin."""
    client.force_login(administrator)
    return client.post(
        reverse("admin:referentials_smicrate_add"),
        {
            "valid_from": "2026-06-01",
            "territory": "metropole",
            "hourly": "12.31",
            "monthly": "1867.02",
            "source": "décret",
        },
        follow=follow,
    )


# Transactional: the task is queued, and the message given, once the admin's transaction commits.
@pytest.mark.django_db(transaction=True)
def test_the_admin_saves_the_smic_and_queues_the_check_of_the_dossiers(client, entered_in_may, settings):
    # At 10^6 dossiers the check takes minutes: the admin request only saves the value and queues it.
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    from cactus.accounts.tests.factories import UserFactory

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    Dossier.objects.filter(pk=entered_in_may.pk).update(status=Dossier.Status.VALIDATED)
    administrator = UserFactory(email="admin-smic@cfa.test", cfa_admin=True, is_staff=True)

    response = add_smic_in_the_admin(client, administrator)

    assert response.status_code == 200
    assert "Vérification des dossiers en cours, en arrière-plan" in response.content.decode()
    rate = SmicRate.objects.get(valid_from=JUNE_2026, territory=SmicRate.Territory.METROPOLE)
    [queued] = DBTaskResult.objects.all()
    assert queued.task_path.endswith("apply_smic_change_task")
    assert queued.args_kwargs["args"] == [rate.pk, administrator.pk]
    assert not PayBelowMinimum.objects.exists()
    assert not DossierEvent.objects.filter(action=DossierEvent.Action.SMIC_CHANGED).exists()

    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    queued.refresh_from_db()
    assert queued.return_value == 1
    [row] = PayBelowMinimum.objects.all()
    assert (row.dossier_id, row.smic_id) == (entered_in_may.pk, rate.pk)
    assert entered_in_may.events.get(action=DossierEvent.Action.SMIC_CHANGED).actor == administrator
    assert OutgoingEmail.objects.filter(name="smic_raised").count() == 1


# Transactional: the task is queued, and the message given, once the admin's transaction commits.
@pytest.mark.django_db(transaction=True)
def test_with_the_immediate_backend_the_admin_says_how_many_dossiers_it_affected(client, entered_in_may):
    from cactus.accounts.tests.factories import UserFactory

    administrator = UserFactory(email="admin-smic@cfa.test", cfa_admin=True, is_staff=True)

    response = add_smic_in_the_admin(client, administrator)

    assert "les dossiers vérifiés : 1 dossier(s) ont une rémunération sous le nouveau minimum" in (
        response.content.decode()
    )
    assert entered_in_may.events.filter(action=DossierEvent.Action.SMIC_CHANGED).count() == 1


@pytest.mark.django_db
def test_checking_the_dossiers_by_batches_of_2_affects_the_same_ones_as_at_once(entered_in_may, cfa_admin):
    from cactus.dossiers.tests.factories import DossierFactory

    dossiers = [entered_in_may] + [
        fill_every_tab(DossierFactory(formation=entered_in_may.formation)) for _ in range(4)
    ]
    # A dossier above the new minimum between them (R-2.10: 40 % and 50 % are above 27 % and 43 %).
    above = fill_every_tab(DossierFactory(formation=entered_in_may.formation))
    services.submit_page(
        dossier=above,
        key="contract",
        values=tab_data.contract_values(above, rates={"rate_1_1": "40", "rate_1_2": "50"}),
        by=above.employer_contact,
    )
    dossiers.append(fill_every_tab(DossierFactory(formation=entered_in_may.formation)))
    Dossier.objects.filter(pk__in=[dossiers[1].pk, dossiers[4].pk]).update(status=Dossier.Status.VALIDATED)

    def affected_and_logged(batch_size):
        affected = smic.record_smic_change(smic=june_2026(), by=cfa_admin, batch_size=batch_size)
        logged = DossierEvent.objects.filter(action=DossierEvent.Action.SMIC_CHANGED)
        return (
            [dossier.pk for dossier in affected],
            sorted(logged.values_list("dossier_id", "comment")),
            sorted(PayBelowMinimum.objects.values_list("dossier_id", "starts_on", "minimum", "agreed")),
            OutgoingEmail.objects.filter(name="smic_raised").count(),
        )

    with transaction.atomic():
        at_once = affected_and_logged(batch_size=1000)
        transaction.set_rollback(True)
    by_two = affected_and_logged(batch_size=2)

    assert at_once[0] == [dossier.pk for dossier in dossiers if dossier.pk != above.pk]
    assert len(at_once[0]) == 6 and at_once[3] == 2
    assert by_two == at_once
    # Run again (a retried task): nothing more.
    assert (
        smic.apply_smic_change(
            smic=SmicRate.objects.get(valid_from=JUNE_2026, territory="metropole"),
            by=cfa_admin,
            batch_size=2,
            count_only=True,
        )
        == 0
    )
