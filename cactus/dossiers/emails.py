"""The dossiers' e-mails (life-cycle, change of contact alternance, deadline reminders): one
function per message, templates in `templates/emails/`. Services call them; each records the mail
and sends it on commit."""

from django.urls import reverse

from cactus.notifications.emails import absolute_url, make_message
from cactus.notifications.models import OutgoingEmail


def _follow_up_link(dossier) -> str:
    return absolute_url(reverse("dossiers:tab", kwargs={"pk": dossier.pk, "tab": "suivi"}))


def _staff_link(dossier) -> str:
    return absolute_url(reverse("dossiers:staff_dossier", kwargs={"pk": dossier.pk}))


def employer_contact_removed(*, dossier, previous: str, by) -> OutgoingEmail:
    """To the contact alternance someone replaced: they are not left with a silent 404."""
    return make_message(
        "employer_contact_removed",
        previous,
        {"dossier": dossier, "by": by, "advisor": dossier.formation.cfa_advisor},
        dossier=dossier,
    )


def employer_contact_changed(*, dossier, to: str, previous: str, new: str, by) -> OutgoingEmail:
    """To the conseillère: who replaced the contact alternance, and by whom."""
    return make_message(
        "employer_contact_changed",
        to,
        {"dossier": dossier, "by": by, "previous": previous, "new": new, "link": _staff_link(dossier)},
        dossier=dossier,
    )


def validation_requested(*, dossier, manager) -> OutgoingEmail:
    """To a responsable de formation: a dossier waits for their validation."""
    return make_message(
        "validation_requested",
        manager.email,
        {"dossier": dossier, "link": _staff_link(dossier)},
        dossier=dossier,
    )


def dossier_validated(*, dossier) -> OutgoingEmail:
    """To the contact alternance: the formation validated the dossier; documents can be downloaded."""
    return make_message(
        "dossier_validated",
        dossier.employer_contact.email,
        {"dossier": dossier, "link": _follow_up_link(dossier)},
        dossier=dossier,
    )


def validation_refused(*, dossier, comment: str) -> OutgoingEmail:
    return make_message(
        "validation_refused",
        dossier.employer_contact.email,
        {"dossier": dossier, "comment": comment, "link": _follow_up_link(dossier)},
        dossier=dossier,
    )


def documents_returned(*, dossier, to: str) -> OutgoingEmail:
    """To the conseillère CFA: both signed documents are back and wait for her validation."""
    return make_message(
        "documents_returned",
        to,
        {"dossier": dossier, "link": _staff_link(dossier)},
        dossier=dossier,
    )


def documents_rejected(*, dossier, comment: str, kinds: list[str]) -> OutgoingEmail:
    return make_message(
        "documents_rejected",
        dossier.employer_contact.email,
        {"dossier": dossier, "comment": comment, "kinds": kinds, "link": _follow_up_link(dossier)},
        dossier=dossier,
    )


def stamped_cerfa(*, dossier, document, final_label: str, due_date) -> OutgoingEmail:
    """To the contact: the scan of the CERFA "visé et tamponné" by the CFA, attached."""
    return make_message(
        "stamped_cerfa",
        dossier.employer_contact.email,
        {
            "dossier": dossier,
            "final_label": final_label,
            "due_date": due_date,
            "link": _follow_up_link(dossier),
        },
        dossier=dossier,
        attachment_path=document.file.name,
        attachment_name=f"cerfa-vise-dossier-{dossier.pk}.pdf",
    )


def dossier_reopened(*, dossier, reason: str) -> OutgoingEmail:
    return make_message(
        "dossier_reopened",
        dossier.employer_contact.email,
        {"dossier": dossier, "reason": reason, "link": _follow_up_link(dossier)},
        dossier=dossier,
    )


def deadline_reminder(*, dossier, due_date, days_left: int, final_label: str) -> OutgoingEmail:
    """To the contact, before the due date: send the dossier and tick the box."""
    return make_message(
        "deadline_reminder",
        dossier.employer_contact.email,
        {
            "dossier": dossier,
            "due_date": due_date,
            "days_left": days_left,
            "final_label": final_label,
            "link": _follow_up_link(dossier),
        },
        dossier=dossier,
    )


def deadline_passed(*, dossier, due_date, to: str, final_label: str) -> OutgoingEmail:
    """To the conseillère CFA, once the due date has passed without the box ticked."""
    return make_message(
        "deadline_passed",
        to,
        {"dossier": dossier, "due_date": due_date, "final_label": final_label, "link": _staff_link(dossier)},
        dossier=dossier,
    )


def smic_raised(*, dossier, valid_from: str, smic_monthly: str, lines: list[str]) -> OutgoingEmail:
    """To the contact alternance: a new SMIC raises the minimum pay from its date, owed without an
    avenant (R-3.3; `smic.record_smic_change`)."""
    return make_message(
        "smic_raised",
        dossier.employer_contact.email,
        {
            "dossier": dossier,
            "valid_from": valid_from,
            "smic_monthly": smic_monthly,
            "lines": lines,
            "link": _follow_up_link(dossier),
        },
        dossier=dossier,
    )
