"""The freeze: once validation is requested, every write path is refused and the data stays byte-identical.

Guide ("Demande de validation"): after the request "les données ne pourront plus être modifiées".
Only the CFA's logged reopening (back to "Saisie en cours") may unfreeze a dossier.
"""

from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from cactus.accounts.tests.factories import UserFactory
from cactus.core.tests import figures
from cactus.core.tests.hostile_pdfs import good_pdf
from cactus.core.tests.html_forms import HtmlField, HtmlForm, data_form
from cactus.core.tests.snapshots import dossier_snapshot, media_snapshot_without_other_dossiers
from cactus.core.tests.world import make_dossier_in_state
from cactus.documents.models import Document
from cactus.dossiers import permissions, services, tabs
from cactus.dossiers.exceptions import DossierFrozen
from cactus.dossiers.models import Dossier

FROZEN_STATES = sorted(Dossier.FROZEN_STATUSES)
DATA_TABS = [tab for tab in tabs.ALL_TABS if tab.key in permissions.TAB_EDITORS]


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def forged_form(dossier, tab_key: str) -> HtmlForm:
    """The tab's fields with their stored values. A frozen tab shows its values as text, not a form:
    an attacker forges the POST from what the editable page had, which these are."""
    forged = HtmlForm(action="", enctype="")
    for page_form in tabs.page_forms(tab_key, dossier):
        for bound in page_form:
            value = bound.value()
            if isinstance(value, list | tuple):
                value = value[0] if value else ""
            if isinstance(value, bool):
                value = "on" if value else ""
            elif hasattr(value, "isoformat"):
                value = value.isoformat()
            forged.fields[bound.html_name] = HtmlField(
                name=bound.html_name, kind="text", value="" if value is None else str(value)
            )
    return forged


def changed_payload(form: HtmlForm) -> dict:
    """The form as shown (disabled fields included), with every free-text value changed validly."""
    data = {}
    for name, field in form.fields.items():
        if field.kind in ("file", "submit", "button"):
            continue
        value = field.value or (field.options[0] if field.options else "")
        if field.kind in ("text", "textarea") and value.replace(" ", "").isalpha():
            value = value + "e"
        data[name] = value
    return data


@pytest.fixture
def frozen_dossier(request, formation, alternant, employer_contact):
    return make_dossier_in_state(
        request.param, formation=formation, alternant=alternant, employer_contact=employer_contact
    )


@pytest.fixture
def editors(cfa_admin, cfa_advisor, formation_manager, alternant, employer_contact):
    return {
        permissions.CFA_ADMIN: cfa_admin,
        permissions.CFA_ADVISOR: cfa_advisor,
        permissions.FORMATION_MANAGER: formation_manager,
        permissions.ALTERNANT: alternant,
        permissions.EMPLOYER_CONTACT: employer_contact,
    }


@pytest.mark.parametrize("frozen_dossier", FROZEN_STATES, indirect=True)
def test_every_write_path_is_refused_after_the_validation_request(
    frozen_dossier, editors, settings, django_capture_on_commit_callbacks
):
    dossier = frozen_dossier
    before, files_before = dossier_snapshot(dossier), media_snapshot_without_other_dossiers(dossier)
    attempts = 0

    # Each tab's POST, by every role that may edit it while the dossier is in entry.
    for tab in DATA_TABS:
        for role in sorted(permissions.TAB_EDITORS[tab.key]):
            client = logged_in(editors[role])
            url = reverse("dossiers:tab", kwargs={"pk": dossier.pk, "tab": tab.key})
            assert client.get(url).status_code == 200
            response = client.post(url, changed_payload(forged_form(dossier, tab.key)))
            attempts += 1
            assert response.status_code == 403, f"{tab.label} as {role}: {response.status_code}"

    # The contact alternance change (Suivi - Info), by those who may make it in entry.
    for role in (
        permissions.ALTERNANT,
        permissions.FORMATION_MANAGER,
        permissions.CFA_ADVISOR,
        permissions.CFA_ADMIN,
    ):
        response = logged_in(editors[role]).post(
            reverse("dossiers:employer_contact", kwargs={"pk": dossier.pk}),
            {"email": "nouveau@entreprise.test"},
        )
        attempts += 1
        assert response.status_code == 403, f"contact change as {role}: {response.status_code}"

    # The services themselves, called directly (a future view or command cannot bypass the freeze).
    admin = editors[permissions.CFA_ADMIN]
    with pytest.raises(DossierFrozen):
        services.save_base_data(dossier=dossier, data={"alternant_last_name": "Modifié"}, by=admin)
    with pytest.raises(DossierFrozen):
        services.set_employer_contact(dossier=dossier, email="nouveau@entreprise.test", by=admin)
    attempts += 2

    # Uploads and back-office actions that are not this state's step: refused, nothing stored.
    scan = {
        "signed_cerfa": SimpleUploadedFile("cerfa-signe.pdf", good_pdf(1), content_type="application/pdf")
    }
    for role in (permissions.EMPLOYER_CONTACT, permissions.CFA_ADMIN):
        if not permissions.can_act(editors[role], dossier, permissions.RETURN_DOCUMENTS):
            response = logged_in(editors[role]).post(
                reverse("dossiers:return_documents", kwargs={"pk": dossier.pk}), scan
            )
            attempts += 1
            assert response.status_code == 403, f"upload as {role}: {response.status_code}"
    for action in ("validate_economic", "close"):
        response = logged_in(admin).post(
            reverse("dossiers:staff_action", kwargs={"pk": dossier.pk, "action": action})
        )
        attempts += 1
        assert response.status_code == 403, f"{action}: {response.status_code}"
    assert dossier_snapshot(dossier) == before  # not even an event was written
    assert media_snapshot_without_other_dossiers(dossier) == files_before
    figures.record("freeze: write attempts on frozen dossiers", attempts)


def pictures(dossier) -> tuple[str, dict]:
    """The dossier's data (history left out: a reminder or a log line may be added) and its files."""
    return dossier_snapshot(dossier, history=False), media_snapshot_without_other_dossiers(dossier)


def test_the_commands_that_write_leave_every_frozen_dossier_alone(
    formation, alternant, employer_contact, django_capture_on_commit_callbacks
):
    # Management commands that write must leave a frozen dossier's data alone. One dossier in each
    # frozen state, all at once: each command runs once for the eight of them.
    cast = {"formation": formation, "alternant": alternant, "employer_contact": employer_contact}
    dossiers = [make_dossier_in_state(state, **cast) for state in FROZEN_STATES]
    before = {dossier.status: pictures(dossier) for dossier in dossiers}

    # (Their after-commit work runs, as it would outside a test: a signing round drops its superseded files.)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo", verbosity=0)
    call_command("purge", "--apply", stdout=StringIO())  # a dossier within its retention is not touched
    call_command("send_reminders", stdout=StringIO(), stderr=StringIO())  # may log a reminder, no data

    after = {dossier.status: pictures(dossier) for dossier in dossiers}
    assert list(before) == FROZEN_STATES
    for state in FROZEN_STATES:
        assert after[state][0] == before[state][0], f"{state}: data changed"
        assert after[state][1] == before[state][1], f"{state}: files changed"
    figures.record("freeze: write attempts on frozen dossiers", 3 * len(dossiers))


@pytest.mark.parametrize("frozen_dossier", FROZEN_STATES, indirect=True)
def test_frozen_tabs_are_shown_read_only_with_the_reason(frozen_dossier, cfa_admin):
    client = logged_in(cfa_admin)
    for tab in DATA_TABS:
        response = client.get(reverse("dossiers:tab", kwargs={"pk": frozen_dossier.pk, "tab": tab.key}))
        body = response.content.decode()
        form = data_form(body)
        assert "les données sont figées" in body
        assert form is None or not form.editable, (
            f"{tab.label}: editable fields on a frozen dossier: {list(form.editable)}"
        )


def test_a_draft_dossier_accepts_the_same_payload_so_the_freeze_test_can_fail(
    formation, alternant, cfa_admin
):
    # The payload above is valid: in entry it is saved. Without this, a 403 could hide a broken payload.
    dossier = make_dossier_in_state(Dossier.Status.DRAFT, formation=formation, alternant=alternant)
    client = logged_in(cfa_admin)
    url = reverse("dossiers:tab", kwargs={"pk": dossier.pk, "tab": tabs.BASE.key})
    form = data_form(client.get(url).content.decode())
    response = client.post(url, changed_payload(form))
    assert response.status_code == 302
    name = dossier.alternant_last_name
    dossier.refresh_from_db()
    assert dossier.alternant_last_name == name + "e"


@pytest.fixture
def superuser_client():
    return logged_in(UserFactory(is_superuser=True, is_staff=True))


def stored_document(dossier) -> Document:
    document = Document.objects.create(
        dossier=dossier,
        kind=Document.Kind.SIGNED_CERFA,
        source=Document.Source.UPLOADED,
        sha256="0" * 64,
        size=9,
    )
    document.file.save("cerfa-signe.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return document


@pytest.mark.parametrize("frozen_dossier", FROZEN_STATES, indirect=True)
def test_the_django_admin_shows_a_frozen_dossier_read_only_and_refuses_every_write(
    frozen_dossier, superuser_client
):
    # Without an event, an admin edit would change a frozen dossier behind the history's back: the
    # only way back to entry is the CFA's logged reopening.
    dossier = frozen_dossier
    document = stored_document(dossier)
    before, files_before = dossier_snapshot(dossier), media_snapshot_without_other_dossiers(dossier)
    change_url = reverse("admin:dossiers_dossier_change", args=[dossier.pk])

    page = superuser_client.get(change_url)
    assert page.status_code == 200
    form = data_form(page.content.decode())
    assert form is None or not form.editable, f"editable in the admin: {list(form.editable)}"

    refused = [
        superuser_client.post(change_url, {"alternant_last_name": "Modifié", "_save": "Enregistrer"}),
        superuser_client.post(reverse("admin:dossiers_dossier_delete", args=[dossier.pk]), {"post": "yes"}),
        superuser_client.post(
            reverse("admin:documents_document_change", args=[document.pk]), {"kind": "cerfa", "_save": "x"}
        ),
        superuser_client.post(
            reverse("admin:documents_document_delete", args=[document.pk]), {"post": "yes"}
        ),
        superuser_client.post(
            reverse("admin:documents_document_add"), {"dossier": dossier.pk, "kind": "cerfa"}
        ),
    ]
    assert [response.status_code for response in refused] == [403] * 5
    for model in ("dossiers/dossier", "documents/document"):
        superuser_client.post(
            f"/admin/{model}/",
            {"action": "delete_selected", "_selected_action": [document.pk, dossier.pk], "post": "yes"},
        )

    assert dossier_snapshot(dossier) == before
    assert media_snapshot_without_other_dossiers(dossier) == files_before


def test_the_django_admin_still_edits_a_draft_dossier_but_never_its_state(formation, superuser_client):
    # The admin is for superusers fixing data in entry; the state moves only through logged services.
    dossier = make_dossier_in_state(Dossier.Status.DRAFT, formation=formation)
    body = superuser_client.get(reverse("admin:dossiers_dossier_change", args=[dossier.pk])).content.decode()
    editable = data_form(body).editable
    assert "alternant_last_name" in editable
    assert "alternant_details-0-address_number" in editable  # a tab's data, in its inline
    assert not {"status", "validated_at", "sent_to_opco_at", "version"} & set(editable)
