"""manage.py generate_dossiers: believable bench data, grown to N without duplicates."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count

from cactus.bench import data
from cactus.dossiers.models import ContractScheme, Dossier, EntryMode


def generate(*args) -> str:
    out = StringIO()
    call_command("generate_dossiers", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_it_creates_the_dossiers_and_says_its_rate():
    output = generate("--count", "120")

    assert data.generated_dossiers().count() == 120
    assert "120 dossiers créés" in output
    assert "dossiers/s" in output


@pytest.mark.django_db
def test_running_it_again_with_the_same_count_creates_nothing():
    generate("--count", "80")

    output = generate("--count", "80")

    assert data.generated_dossiers().count() == 80
    assert "rien à créer" in output


@pytest.mark.django_db
def test_reset_starts_again_from_nothing():
    generate("--count", "80")

    generate("--count", "70", "--reset")

    assert data.generated_dossiers().count() == 70


@pytest.mark.django_db
def test_the_data_spreads_over_states_schemes_entry_modes_and_contacts():
    generate("--count", "600")
    dossiers = data.generated_dossiers()

    assert set(dossiers.values_list("status", flat=True)) == set(Dossier.Status.values)
    assert set(dossiers.values_list("scheme", flat=True)) >= set(ContractScheme.values)
    assert set(dossiers.values_list("entry_mode", flat=True)) >= set(EntryMode.values)
    per_contact = dossiers.exclude(employer_contact=None).values("employer_contact").annotate(n=Count("pk"))
    sizes = {row["n"] for row in per_contact}
    assert min(sizes) == 1
    assert max(sizes) == data.BUSY_CONTACT_DOSSIERS
    assert dossiers.values("formation").distinct().count() == data.formation_count(600)


@pytest.mark.django_db
def test_past_the_draft_every_dossier_has_its_base_data_and_the_date_of_each_step():
    generate("--count", "300")

    sent = data.generated_dossiers().filter(status=Dossier.Status.SENT_TO_OPCO)

    assert sent.exists()
    assert not sent.filter(siret="").exists()
    assert not sent.filter(validation_requested_at=None).exists()
    assert not sent.filter(sent_to_opco_at=None).exists()


@pytest.mark.django_db
def test_a_count_below_one_is_refused():
    with pytest.raises(CommandError):
        generate("--count", "0")


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the SQL copy is PostgreSQL's")
def test_beyond_the_seed_postgresql_copies_the_dossiers_as_new_people(monkeypatch):
    from stdnum.fr import siret

    from cactus.accounts.models import User
    from cactus.bench import replicate
    from cactus.dossiers.models import DossierEvent

    monkeypatch.setattr(replicate, "SEED", 70)
    monkeypatch.setattr(replicate, "DROP_INDEXES_FROM", 100)  # and the indexes rebuilt after
    # Inside the test's transaction, no deferred check may be pending when an index is built.
    connection.cursor().execute("SET CONSTRAINTS ALL IMMEDIATE")
    generate("--count", "70")
    events_per_dossier = DossierEvent.objects.count() / 70
    indexes = set(connection.introspection.get_constraints(connection.cursor(), "dossiers_dossier"))

    generate("--count", "200")
    dossiers = data.generated_dossiers()

    assert dossiers.count() == 200
    emails = list(User.objects.filter(email__endswith=data.ALTERNANT_DOMAIN).values_list("email", flat=True))
    assert sorted(emails) == [f"alternant-{number:07d}@{data.ALTERNANT_DOMAIN}" for number in range(200)]
    assert dossiers.values("alternant").distinct().count() == 200
    sirets = [value for value in dossiers.values_list("siret", flat=True) if value]
    assert all(siret.is_valid(value) for value in sirets)
    assert len(set(sirets)) > len(set(sirets[:70]))  # copies move to other establishments
    assert Dossier.objects.filter(employer_contact__email=data.BUSY_CONTACT_EMAIL).count() == 50
    assert DossierEvent.objects.count() == pytest.approx(events_per_dossier * 200, rel=0.2)
    assert dossiers.values("formation").distinct().count() == data.formation_count(200)
    assert set(connection.introspection.get_constraints(connection.cursor(), "dossiers_dossier")) == indexes
    assert "dossier_name_trgm" in indexes
