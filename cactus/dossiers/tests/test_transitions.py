import pytest

from cactus.core.uploads import CheckedPdf
from cactus.documents.models import Document
from cactus.documents.tests.pdfs import pdf_bytes
from cactus.dossiers import services, transitions
from cactus.dossiers.exceptions import DossierError, DossierFrozen, DossierIncomplete, InvalidTransition
from cactus.dossiers.models import Dossier, DossierEvent, Employer
from cactus.dossiers.tests.factories import complete_dossier
from cactus.dossiers.tests.states import dossier_in
from cactus.formations.models import Formation
from cactus.notifications.models import OutgoingEmail

Status = Dossier.Status
pytestmark = pytest.mark.django_db


def pdf(name="scan.pdf") -> CheckedPdf:
    return CheckedPdf(data=pdf_bytes(name), original_name=name)


@pytest.fixture
def complete(formation, alternant, employer_contact):
    return complete_dossier(formation=formation, alternant=alternant, employer_contact=employer_contact)


def test_requesting_validation_freezes_the_dossier_and_mails_the_responsable(
    complete, employer_contact, formation_manager, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        transitions.request_validation(dossier=complete, by=employer_contact)

    complete.refresh_from_db()
    assert complete.status == Status.VALIDATION_REQUESTED
    assert complete.is_frozen
    assert complete.validation_requested_at is not None
    event = complete.events.get(action=DossierEvent.Action.STATUS_CHANGED)
    assert (event.actor, event.from_status, event.to_status) == (
        employer_contact,
        "draft",
        "validation_requested",
    )
    assert [message.to for message in mailoutbox] == [[formation_manager.email]]


def test_requesting_validation_of_an_incomplete_dossier_names_the_missing_tabs(dossier, employer_contact):
    with pytest.raises(DossierIncomplete) as error:
        transitions.request_validation(dossier=dossier, by=employer_contact)

    assert "Données de base" in str(error.value)
    dossier.refresh_from_db()
    assert dossier.status == Status.DRAFT


def test_a_tab_that_lost_its_check_mark_since_its_last_save_blocks_the_request(complete, employer_contact):
    # The stored "Saisie complète" flag serves the lists; the request checks the tabs themselves.
    Employer.objects.filter(dossier=complete).update(phone="")
    assert Dossier.objects.get(pk=complete.pk).is_entry_complete

    with pytest.raises(DossierIncomplete) as error:
        transitions.request_validation(dossier=complete, by=employer_contact)

    assert error.value.missing == ["L'employeur"]
    assert "Onglets à compléter : L'employeur." in str(error.value)
    complete.refresh_from_db()
    assert complete.status == Status.DRAFT
    assert not complete.events.filter(action=DossierEvent.Action.STATUS_CHANGED).exists()


def test_a_second_request_changes_nothing(complete, employer_contact):
    transitions.request_validation(dossier=complete, by=employer_contact)

    with pytest.raises(InvalidTransition):
        transitions.request_validation(dossier=complete, by=employer_contact)

    assert complete.events.filter(to_status=Status.VALIDATION_REQUESTED).count() == 1
    assert OutgoingEmail.objects.filter(name="validation_requested").count() == 1


def test_a_formation_in_automatic_mode_validates_at_once(complete, employer_contact, formation):
    formation.validation_mode = Formation.ValidationMode.AUTOMATIC
    formation.save()

    transitions.request_validation(dossier=complete, by=employer_contact)

    complete.refresh_from_db()
    assert complete.status == Status.VALIDATED
    assert complete.validated_at is not None
    moves = complete.events.filter(action=DossierEvent.Action.STATUS_CHANGED).order_by("pk")
    assert list(moves.values_list("to_status", flat=True)) == ["validation_requested", "validated"]
    assert list(OutgoingEmail.objects.values_list("name", "to")) == [
        ("dossier_validated", employer_contact.email)
    ]


def test_no_data_can_be_saved_once_validation_is_requested(complete, employer_contact):
    transitions.request_validation(dossier=complete, by=employer_contact)

    with pytest.raises(DossierFrozen):
        services.save_base_data(dossier=complete, data={"alternant_last_name": "Autre"}, by=employer_contact)
    with pytest.raises(DossierFrozen):
        services.set_employer_contact(dossier=complete, email="autre@entreprise.test", by=employer_contact)


def test_validation_by_the_formation_mails_the_contact(formation_manager):
    dossier = dossier_in(Status.VALIDATION_REQUESTED)

    transitions.validate_dossier(dossier=dossier, by=formation_manager)

    dossier.refresh_from_db()
    assert dossier.status == Status.VALIDATED
    assert OutgoingEmail.objects.get().to == dossier.employer_contact.email


def test_refusing_needs_a_comment(formation_manager):
    dossier = dossier_in(Status.VALIDATION_REQUESTED)

    with pytest.raises(DossierError, match="commentaire est obligatoire"):
        transitions.refuse_dossier(dossier=dossier, by=formation_manager, comment="  ")

    dossier.refresh_from_db()
    assert dossier.status == Status.VALIDATION_REQUESTED


def test_refusing_sends_the_dossier_back_to_entry_with_the_comment(formation_manager):
    dossier = dossier_in(Status.VALIDATION_REQUESTED)

    transitions.refuse_dossier(dossier=dossier, by=formation_manager, comment="Le SIRET est celui du siège.")

    dossier.refresh_from_db()
    assert dossier.status == Status.DRAFT and not dossier.is_frozen
    assert dossier.events.get(to_status=Status.DRAFT).comment == "Le SIRET est celui du siège."
    email = OutgoingEmail.objects.get(name="validation_refused")
    assert "Le SIRET est celui du siège." in email.body


def test_economic_validation_unlocks_the_convention(cfa_advisor):
    dossier = dossier_in(Status.VALIDATED, economic=False)

    transitions.validate_economic_elements(dossier=dossier, by=cfa_advisor)

    dossier.refresh_from_db()
    assert dossier.economic_validated_at is not None
    assert dossier.events.filter(action=DossierEvent.Action.ECONOMIC_VALIDATED, actor=cfa_advisor).exists()
    with pytest.raises(DossierError, match="déjà validés"):
        transitions.validate_economic_elements(dossier=dossier, by=cfa_advisor)


def test_one_signed_document_keeps_the_dossier_waiting_for_the_other(employer_contact):
    dossier = dossier_in(Status.VALIDATED, employer_contact=employer_contact)

    transitions.return_signed_documents(dossier=dossier, files={"signed_cerfa": pdf()}, by=employer_contact)

    dossier.refresh_from_db()
    assert dossier.status == Status.VALIDATED
    assert dossier.documents.get().kind == "signed_cerfa"


def test_both_signed_documents_move_the_dossier_on_and_tell_the_advisor(employer_contact, cfa_advisor):
    dossier = dossier_in(Status.VALIDATED, employer_contact=employer_contact)
    dossier.formation.cfa_advisor = cfa_advisor
    dossier.formation.save()

    transitions.return_signed_documents(dossier=dossier, files={"signed_cerfa": pdf()}, by=employer_contact)
    transitions.return_signed_documents(
        dossier=dossier, files={"signed_convention": pdf()}, by=employer_contact
    )

    dossier.refresh_from_db()
    assert dossier.status == Status.DOCUMENTS_RETURNED
    assert dossier.documents_returned_at is not None
    assert list(OutgoingEmail.objects.values_list("name", "to")) == [
        ("documents_returned", cfa_advisor.email)
    ]


def test_the_signed_convention_waits_for_the_economic_validation(employer_contact):
    dossier = dossier_in(Status.VALIDATED, economic=False, employer_contact=employer_contact)

    with pytest.raises(DossierError, match="éléments économiques"):
        transitions.return_signed_documents(
            dossier=dossier, files={"signed_convention": pdf()}, by=employer_contact
        )

    assert not Document.objects.exists()


def test_every_uploaded_version_is_kept(employer_contact):
    dossier = dossier_in(Status.VALIDATED, employer_contact=employer_contact)

    transitions.return_signed_documents(
        dossier=dossier, files={"signed_cerfa": pdf("v1.pdf")}, by=employer_contact
    )
    transitions.return_signed_documents(
        dossier=dossier, files={"signed_cerfa": pdf("v2.pdf")}, by=employer_contact
    )

    names = list(dossier.documents.order_by("pk").values_list("original_name", flat=True))
    assert names == ["v1.pdf", "v2.pdf"]
    files = set(dossier.documents.values_list("file", flat=True))
    assert len(files) == 2


def test_signed_scans_stop_at_the_quota_per_dossier_with_a_french_message(employer_contact, settings):
    # Every version is kept (W-5): without a cap, one contact could fill the disk through one dossier.
    settings.UPLOAD_MAX_SIGNED_VERSIONS = 3
    dossier = dossier_in(Status.VALIDATED, employer_contact=employer_contact)
    for version in range(3):
        transitions.return_signed_documents(
            dossier=dossier, files={"signed_cerfa": pdf(f"v{version}.pdf")}, by=employer_contact
        )
    events = DossierEvent.objects.filter(dossier=dossier).count()

    with pytest.raises(DossierError, match="déjà 3 documents signés déposés, le maximum est 3"):
        transitions.return_signed_documents(
            dossier=dossier, files={"signed_cerfa": pdf("v4.pdf")}, by=employer_contact
        )

    assert dossier.documents.count() == 3
    assert DossierEvent.objects.filter(dossier=dossier).count() == events


def test_the_quota_counts_both_files_of_one_return(employer_contact, settings):
    settings.UPLOAD_MAX_SIGNED_VERSIONS = 1
    dossier = dossier_in(Status.VALIDATED, employer_contact=employer_contact)

    with pytest.raises(DossierError, match="le maximum"):
        transitions.return_signed_documents(
            dossier=dossier, files={"signed_cerfa": pdf(), "signed_convention": pdf()}, by=employer_contact
        )

    assert not dossier.documents.exists()


def test_validating_documents_mails_the_stamped_cerfa_as_attachment(
    cfa_advisor, smtp_sink, django_capture_on_commit_callbacks
):
    dossier = dossier_in(Status.DOCUMENTS_RETURNED)

    with django_capture_on_commit_callbacks(execute=True):
        transitions.validate_documents(dossier=dossier, stamped_cerfa=pdf("tampon.pdf"), by=cfa_advisor)

    dossier.refresh_from_db()
    assert dossier.status == Status.DOCUMENTS_VALIDATED
    assert dossier.documents.get().kind == "stamped_cerfa"
    [message] = smtp_sink.messages
    assert message["To"] == dossier.employer_contact.email
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content().startswith(b"%PDF")


def test_rejecting_documents_sends_the_contact_back_with_the_reason(cfa_advisor, employer_contact):
    dossier = dossier_in(Status.VALIDATED, employer_contact=employer_contact)
    transitions.return_signed_documents(
        dossier=dossier, files={"signed_cerfa": pdf(), "signed_convention": pdf()}, by=employer_contact
    )

    transitions.reject_documents(
        dossier=dossier,
        by=cfa_advisor,
        comment="La convention n'est pas signée.",
        kinds=["signed_convention"],
    )

    dossier.refresh_from_db()
    assert dossier.status == Status.VALIDATED
    assert "La convention n'est pas signée." in OutgoingEmail.objects.get(name="documents_rejected").body
    # Only the rejected convention must come back: the CERFA still counts.
    transitions.return_signed_documents(
        dossier=dossier, files={"signed_convention": pdf()}, by=employer_contact
    )
    dossier.refresh_from_db()
    assert dossier.status == Status.DOCUMENTS_RETURNED


def test_sent_to_opco_records_the_date(employer_contact):
    dossier = dossier_in(Status.DOCUMENTS_VALIDATED, employer_contact=employer_contact)

    transitions.mark_sent_to_opco(dossier=dossier, by=employer_contact)

    dossier.refresh_from_db()
    assert dossier.status == Status.SENT_TO_OPCO
    assert dossier.sent_to_opco_at is not None


def test_sent_to_opco_before_the_documents_are_validated_is_refused(employer_contact):
    dossier = dossier_in(Status.DOCUMENTS_RETURNED, employer_contact=employer_contact)

    with pytest.raises(InvalidTransition):
        transitions.mark_sent_to_opco(dossier=dossier, by=employer_contact)


def test_reopening_needs_a_reason_and_is_logged(cfa_advisor):
    dossier = dossier_in(Status.VALIDATED)

    with pytest.raises(DossierError):
        transitions.reopen_dossier(dossier=dossier, by=cfa_advisor, reason="")
    transitions.reopen_dossier(dossier=dossier, by=cfa_advisor, reason="Mauvaise date de début.")

    dossier.refresh_from_db()
    assert dossier.status == Status.DRAFT
    assert dossier.validated_at is None and dossier.economic_validated_at is None
    event = dossier.events.get(action=DossierEvent.Action.REOPENED)
    assert (event.actor, event.comment, event.from_status) == (
        cfa_advisor,
        "Mauvaise date de début.",
        "validated",
    )
    assert "validated_at" in event.changes["cleared"]


def test_changes_after_a_reopening_are_recorded_as_a_diff(cfa_advisor, employer_contact):
    dossier = dossier_in(Status.VALIDATED, employer_contact=employer_contact)
    transitions.reopen_dossier(dossier=dossier, by=cfa_advisor, reason="Nom mal orthographié.")

    services.save_base_data(dossier=dossier, data={"alternant_last_name": "Dupond"}, by=employer_contact)

    event = dossier.events.get(action=DossierEvent.Action.TAB_SAVED)
    assert event.changes["alternant_last_name"] == ["Dupont", "Dupond"]


def test_a_dossier_already_sent_cannot_be_reopened(cfa_advisor):
    dossier = dossier_in(Status.SENT_TO_OPCO)

    with pytest.raises(InvalidTransition):
        transitions.reopen_dossier(dossier=dossier, by=cfa_advisor, reason="Erreur")


def test_a_failing_transition_sends_no_mail(
    formation_manager, django_capture_on_commit_callbacks, mailoutbox
):
    dossier = dossier_in(Status.DRAFT)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(InvalidTransition):
        transitions.validate_dossier(dossier=dossier, by=formation_manager)

    assert mailoutbox == [] and not OutgoingEmail.objects.exists()


def test_a_validated_dossier_cannot_be_refused_any_more(formation_manager):
    dossier = dossier_in(Status.VALIDATED)

    with pytest.raises(InvalidTransition):
        transitions.refuse_dossier(dossier=dossier, by=formation_manager, comment="Trop tard")

    dossier.refresh_from_db()
    assert dossier.status == Status.VALIDATED


@pytest.mark.parametrize(
    ("status", "verb"),
    [
        # Each verb is one edge: reaching the same state from elsewhere is refused.
        (Status.DOCUMENTS_RETURNED, "validate"),
        (Status.VALIDATION_REQUESTED, "reject_documents"),
        (Status.VALIDATED, "refuse"),
        (Status.DOCUMENTS_VALIDATED, "refuse"),
    ],
)
def test_a_verb_only_moves_from_its_own_state(status, verb, cfa_admin):
    dossier = dossier_in(status)
    calls = {
        "validate": lambda: transitions.validate_dossier(dossier=dossier, by=cfa_admin),
        "reject_documents": lambda: transitions.reject_documents(
            dossier=dossier, by=cfa_admin, comment="Non", kinds=["signed_cerfa"]
        ),
        "refuse": lambda: transitions.refuse_dossier(dossier=dossier, by=cfa_admin, comment="Non"),
    }

    with pytest.raises(InvalidTransition):
        calls[verb]()

    dossier.refresh_from_db()
    assert dossier.status == status
