import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from cactus.accounts.models import User
from cactus.core.tests.reference_data import ensure_reference_data
from cactus.core.validators import validate_siret
from cactus.documents import services as documents
from cactus.dossiers import circuits, permissions, tabs
from cactus.dossiers.models import ContractScheme, Dossier, DossierEvent, EntryMode
from cactus.formations.models import Formation
from cactus.law.identity import validate_code_diplome, validate_rncp, validate_uai

pytestmark = pytest.mark.django_db
Status = Dossier.Status


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="module")
def _demo_data(django_db_setup, django_db_blocker, demo_media):
    """The demo loaded once for the module's tests that only read it (what `demo` prints), in a
    transaction rolled back at the end. Its settings are those of the root conftest's _test_settings,
    its files in one media directory for the module."""
    test_settings = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        MEDIA_ROOT=demo_media,
        CACTUS_BASE_URL="http://testserver",
        COMPANY_SEARCH_URL="",
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "demo"}},
    )
    with test_settings, django_db_blocker.unblock(), transaction.atomic():
        ensure_reference_data()  # a flush by an earlier transactional test may have removed them
        output = io.StringIO()
        call_command("demo", password="Demo-password-2026", stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_data, _test_settings, settings, demo_media):
    """What the demo printed; its data in the database and its files in MEDIA_ROOT for this test."""
    settings.MEDIA_ROOT = demo_media
    return _demo_data


def test_the_demo_says_where_e_mails_go_and_prints_the_accounts_last(capsys, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

    call_command("demo", password="Demo-password-2026")
    lines = capsys.readouterr().out.splitlines()

    assert any(line.startswith("E-mails : affichés dans ce terminal") for line in lines)
    accounts = lines.index("Comptes (mot de passe : Demo-password-2026) :")
    assert len(lines[accounts + 1 :]) == 5
    assert lines[-1].split() == ["alternant@etudiant.test", "alternante"]


def test_the_demo_loads_a_believable_cfa_and_can_run_twice(demo):
    counts = (
        User.objects.count(),
        Formation.objects.count(),
        Dossier.objects.count(),
        DossierEvent.objects.count(),
    )
    call_command("demo", password="Demo-password-2026")

    assert (
        User.objects.count(),
        Formation.objects.count(),
        Dossier.objects.count(),
        DossierEvent.objects.count(),
    ) == counts
    contact = User.objects.get(email="contact@entreprise.test")
    assert contact.check_password("Demo-password-2026")
    assert Dossier.objects.filter(employer_contact=contact).count() >= 3
    assert User.objects.get(email="admin@cfa.test").is_cfa_admin
    assert User.objects.get(email="conseillere@cfa.test").is_cfa_advisor
    modes = set(Formation.objects.values_list("validation_mode", "mission_mode"))
    assert {("manual", "required"), ("automatic", "hidden")} <= modes
    assert "admin@cfa.test" in demo and "Demo-password-2026" in demo


def test_the_demo_shows_every_state_both_schemes_and_both_entry_modes(demo):
    dossiers = Dossier.objects.all()

    assert set(dossiers.values_list("status", flat=True)) == set(Status)
    assert dossiers.filter(status=Status.DRAFT, is_entry_complete=True).exists()  # Saisie complète
    assert dossiers.filter(status=Status.DRAFT, is_entry_complete=False).exists()  # Saisie en cours
    assert set(dossiers.values_list("scheme", flat=True)) >= set(ContractScheme)
    assert set(dossiers.values_list("entry_mode", flat=True)) >= set(EntryMode)
    assert dossiers.filter(scheme=ContractScheme.PROFESSIONALISATION).exclude(status=Status.DRAFT).exists()
    assert dossiers.filter(economic_validated_at__isnull=False, status=Status.VALIDATED).exists()


def test_the_demo_shows_the_variants_of_the_end_of_the_process(demo):
    # R-7.2 (rules.md): a public employer's dossier is "Transmis à la DDETS".
    [public] = Dossier.objects.filter(employer__employer_type="22", status=Status.SENT_TO_OPCO)
    assert public.status_label == "Transmis à la DDETS"
    [closed] = Dossier.objects.filter(status=Status.CLOSED)
    assert closed.employer.is_monegasque
    assert circuits.circuit_for(closed) is circuits.CLOSED_BY_CFA


def test_every_demo_dossier_past_saisie_en_cours_is_really_complete_and_renders_its_cerfa(demo):
    entered = Dossier.objects.exclude(status=Status.DRAFT, is_entry_complete=False)

    for dossier in entered:
        # Each tab checked through its forms, even for a frozen dossier (whose check marks are kept).
        assert {tab.key: tabs.problems_of(tab.key, dossier) for tab in tabs.data_tabs(dossier)} == {
            tab.key: [] for tab in tabs.data_tabs(dossier)
        }, dossier
        if dossier.entry_mode == EntryMode.FULL and dossier.status != Status.DRAFT:
            assert documents.render_bytes(dossier=dossier, kind="cerfa").startswith(b"%PDF"), dossier


def test_the_demo_formations_offer_their_calendar_and_programme(demo):
    validated = Dossier.objects.filter(status=Status.VALIDATED)

    assert validated.exists()
    for dossier in validated:
        assert {"cerfa", "calendar", "programme"} <= set(permissions.available_documents(dossier))
        assert not permissions.missing_formation_documents(dossier)


def test_the_demo_formations_pass_the_formation_pages_checks(demo):
    # R-11.2 (SIRET key), R-13.1 (UAI letter), R-13.2, R-13.3: the demo's data are valid data.
    for formation in Formation.objects.all():
        assert validate_siret(formation.site_siret) == formation.site_siret
        assert validate_uai(formation.site_uai) == formation.site_uai
        assert validate_rncp(formation.rncp) == formation.rncp
        assert validate_code_diplome(formation.diploma_code) == formation.diploma_code
        formation.full_clean()
