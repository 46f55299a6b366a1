""" "Suivi - Info": where the dossier stands, what to do next, who to call, the documents, the
return of the signed documents, the OPCO deadline, and the contact's life-cycle actions."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cactus.core import throttle
from cactus.dossiers import (
    back_office,
    circuits,
    deadlines,
    extensions,
    files,
    forms,
    permissions,
    selectors,
    services,
    tabs,
    transitions,
)
from cactus.dossiers.action_forms import ReturnDocumentsForm, SentForm
from cactus.dossiers.exceptions import DossierError
from cactus.dossiers.models import Dossier

Status = Dossier.Status


def tab_context(
    request, dossier: Dossier, current: str, problems: dict[str, list[str]] | None = None
) -> dict:
    """The tab bar; `problems` is `tabs.tab_problems(dossier)` when the view computed it already."""
    return {
        "dossier": dossier,
        "tabs": [
            tab
            for tab in tabs.visible_tabs(dossier)
            if permissions.can_view_tab(request.user, dossier, tab.key)
        ],
        "tab_states": tabs.tab_states(dossier, problems),
        "current_tab": current,
    }


def generated_document_url(dossier: Dossier, kind: str) -> str:
    """Where a generated document is downloaded (the documents app's view)."""
    try:
        return reverse("documents:generated", args=[dossier.pk, kind])
    except NoReverseMatch:
        # Until the documents app's URLs are installed, the path it will serve.
        return f"/dossiers/{dossier.pk}/documents/{kind}/"


def deadline_context(dossier: Dossier) -> dict:
    """Due date and countdown in jours ouvrables, from the formation's validation to the last step."""
    if not dossier.has_reached(Status.VALIDATED) or dossier.status in (Status.SENT_TO_OPCO, Status.CLOSED):
        return {}
    due = deadlines.dossier_due_date(dossier)
    if not due:
        return {}
    days_left = deadlines.working_days_between(timezone.localdate(), due)
    return {"due_date": due, "days_left": days_left, "days_late": -days_left}


def follow_up(request, dossier: Dossier, *, return_form=None, sent_form=None):
    user = request.user
    contact_form = None
    if permissions.can_change_employer_contact(user, dossier):
        initial = {"email": dossier.employer_contact.email} if dossier.employer_contact else {}
        contact_form = forms.EmployerContactForm(initial=initial)
    actions = permissions.allowed_actions(user, dossier)
    if permissions.MARK_SENT in actions and extensions.manual_send_refusal(dossier):
        actions.discard(permissions.MARK_SENT)  # the OPCO's API deposit records it itself
    circuit = circuits.circuit_for(dossier)
    kind_labels = files.store().kind_labels
    documents = [
        {"kind": kind, "label": kind_labels[kind], "url": generated_document_url(dossier, kind)}
        for kind in permissions.available_documents(dossier)
    ]
    signed = files.store().current_signed_documents(dossier) if dossier.has_reached(Status.VALIDATED) else {}
    stamped = dossier.documents.filter(kind=files.STAMPED_CERFA).first()
    if permissions.RETURN_DOCUMENTS in actions and return_form is None:
        return_form = ReturnDocumentsForm()
    if permissions.MARK_SENT in actions and sent_form is None:
        sent_form = SentForm(final_label=circuit.final_label)
    problems = tabs.tab_problems(dossier)  # once a request: it validates every tab's stored data
    context = tab_context(request, dossier, tabs.FOLLOW_UP.key, problems) | {
        "status_label": dossier.status_label,
        "incomplete_tabs": selectors.incomplete_tabs_with_fillers(dossier, problems),
        "next_action": circuits.next_action(dossier),
        "circuit": circuit,
        "actions": actions,
        "contact_form": contact_form,
        "events": logged_events(dossier),
        "advisor": dossier.formation.cfa_advisor,
        "documents": documents,
        "missing_formation_documents": [
            kind_labels[k] for k in permissions.missing_formation_documents(dossier)
        ],
        "signed": [(kind_labels[kind], document) for kind, document in signed.items()],
        "stamped": stamped if stamped and permissions.can_download(user, dossier, stamped.kind) else None,
        "can_see_uploads": permissions.can_download(user, dossier, files.SIGNED_CERFA),
        "return_form": return_form,
        "sent_form": sent_form,
        "return_comment": back_office.last_return_comment(dossier),
        "can_use_back_office": permissions.can_use_back_office(user),
        "show_documents": dossier.has_reached(Status.VALIDATED) and dossier.status != Status.CLOSED,
        "upload_limit": f"{settings.UPLOAD_MAX_BYTES // (1024 * 1024)} Mo",
        **deadline_context(dossier),
        "extension_panels": extensions.follow_up_panels(request, dossier),
    }
    return render(request, "dossiers/follow_up.html", context)


def _back_to_follow_up(dossier: Dossier):
    return redirect("dossiers:tab", pk=dossier.pk, tab=tabs.FOLLOW_UP.key)


def _contact_invitations(dossier: Dossier) -> throttle.Limit:
    """Each change mails the new contact, the previous one and the conseillères: bounded per dossier."""
    return throttle.Limit(
        f"employer-contact:{dossier.pk}", settings.EMPLOYER_CONTACT_INVITATIONS_PER_DAY, 24 * 3600
    )


@require_POST
def change_employer_contact(request, pk: int):
    dossier = selectors.get_dossier_for(request.user, pk)
    if not permissions.can_change_employer_contact(request.user, dossier):
        raise PermissionDenied
    form = forms.EmployerContactForm(request.POST)
    if form.is_valid():
        capped = not request.user.is_cfa_staff
        # The check and the count under the dossier's row lock: requests sent at once for one
        # dossier take turns, so the cap is exact and only a change that succeeds is counted.
        with transaction.atomic():
            Dossier.objects.select_for_update().values_list("pk", flat=True).get(pk=dossier.pk)
            wait = throttle.wait_seconds(_contact_invitations(dossier)) if capped else 0
            if wait:
                messages.error(
                    request,
                    f"Le contact alternance de ce dossier a déjà été changé ou invité "
                    f"{settings.EMPLOYER_CONTACT_INVITATIONS_PER_DAY} fois en 24 heures : c'est le maximum, "
                    f"chaque changement envoyant des courriels. Vous pourrez le changer de nouveau "
                    f"{throttle.available_from(wait)}, ou demandez au CFA de le faire.",
                )
                return _back_to_follow_up(dossier)
            try:
                services.set_employer_contact(
                    dossier=dossier, email=form.cleaned_data["email"], by=request.user
                )
            except DossierError as error:
                messages.error(request, str(error))
            else:
                if capped:
                    throttle.record(_contact_invitations(dossier))
                messages.success(
                    request, f"Invitation envoyée au contact alternance {form.cleaned_data['email']}."
                )
    else:
        messages.error(request, "Saisissez une adresse e-mail valide pour le contact alternance.")
    return _back_to_follow_up(dossier)


@require_http_methods(["GET", "POST"])
def request_validation(request, pk: int):
    """ "Demande de validation": a last warning, then "Faire la demande"."""
    dossier = selectors.get_dossier_for(request.user, pk)
    if request.method == "POST":
        if not permissions.can_act(request.user, dossier, permissions.REQUEST_VALIDATION):
            if permissions.can_act(request.user, dossier, permissions.REQUEST_VALIDATION, ignore_state=True):
                messages.info(request, "La demande de validation est déjà faite.")
                return _back_to_follow_up(dossier)
            raise PermissionDenied
        try:
            dossier = transitions.request_validation(dossier=dossier, by=request.user)
        except DossierError as error:
            dossier.refresh_from_db()
            if dossier.has_reached(Status.VALIDATION_REQUESTED):
                messages.info(request, "La demande de validation est déjà faite.")
            else:
                messages.error(request, str(error))
        else:
            if dossier.status == Status.VALIDATED:
                messages.success(
                    request, "Votre dossier est validé : les documents sont disponibles ci-dessous."
                )
            else:
                messages.success(
                    request,
                    "Votre demande de validation est envoyée à la formation. Vous serez averti par mail.",
                )
        return _back_to_follow_up(dossier)
    if not permissions.can_act(request.user, dossier, permissions.REQUEST_VALIDATION):
        if permissions.can_act(request.user, dossier, permissions.REQUEST_VALIDATION, ignore_state=True):
            messages.info(request, "La demande de validation est déjà faite.")
            return _back_to_follow_up(dossier)
        raise PermissionDenied
    problems = tabs.tab_problems(dossier)  # once a request: it validates every tab's stored data
    context = tab_context(request, dossier, tabs.FOLLOW_UP.key, problems) | {
        "missing": selectors.incomplete_tabs(dossier, problems),
        "review": review_of(request.user, dossier),
    }
    return render(request, "dossiers/request_validation.html", context)


def review_of(user, dossier: Dossier) -> list[dict]:
    """ "Vérifiez avant d'envoyer": every data tab's stored values as text, the tabs this person may read."""
    return [
        {"tab": tab, "blocks": tabs.read_only_blocks(tabs.page_forms(tab.key, dossier))}
        for tab in tabs.data_tabs(dossier)
        if permissions.can_view_tab(user, dossier, tab.key)  # Vie étudiante: health data
    ]


@require_POST
def return_documents(request, pk: int):
    """ "Retour des documents": validate the screen after each upload."""
    dossier = selectors.get_dossier_for(request.user, pk)
    if not permissions.can_act(request.user, dossier, permissions.RETURN_DOCUMENTS):
        raise PermissionDenied
    form = ReturnDocumentsForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            dossier = transitions.return_signed_documents(
                dossier=dossier, files=form.files_by_kind(), by=request.user
            )
        except DossierError as error:
            messages.error(request, str(error))
        else:
            if dossier.status == Status.DOCUMENTS_RETURNED:
                messages.success(request, "Les deux documents sont déposés : le CFA va les valider.")
            else:
                messages.success(request, "Document déposé. Déposez l'autre document puis validez.")
            return _back_to_follow_up(dossier)
    return follow_up(request, dossier, return_form=form)


@require_POST
def mark_sent(request, pk: int):
    dossier = selectors.get_dossier_for(request.user, pk)
    if not permissions.can_act(request.user, dossier, permissions.MARK_SENT):
        raise PermissionDenied
    if refusal := extensions.manual_send_refusal(dossier):
        messages.error(request, refusal)  # a form shown before the deposit started, or a forged POST
        return _back_to_follow_up(dossier)
    circuit = circuits.circuit_for(dossier)
    form = SentForm(request.POST, final_label=circuit.final_label)
    if form.is_valid():
        try:
            transitions.mark_sent_to_opco(dossier=dossier, by=request.user)
        except DossierError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"« {circuit.final_label} » est enregistré : le dossier est terminé.")
        return _back_to_follow_up(dossier)
    return follow_up(request, dossier, sent_form=form)


@require_GET
def uploaded_document(request, pk: int, document_id: int):
    """Download a signed scan or the stamped CERFA (one version)."""
    dossier = selectors.get_dossier_for(request.user, pk)
    document = files.store().uploaded_document(dossier, document_id)
    if document is None:
        raise Http404
    if not permissions.can_download(request.user, dossier, document.kind):
        raise Http404
    filename = f"{document.kind}-dossier-{dossier.pk}-{document.created_at:%Y%m%d-%H%M}.pdf"
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf"
    )


def logged_events(dossier) -> list:
    """The last 50 events, each with the state it led to as the history names it (`to_label`)."""
    events = list(dossier.events.select_related("actor")[:50])
    for event in events:
        event.to_label = circuits.logged_status_label(event.to_status, event.changes)
    return events
