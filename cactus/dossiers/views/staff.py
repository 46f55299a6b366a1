"""Back office for the CFA and the responsables de formation: queues, search, CSV, dossier page,
history, and the validation actions (formation, éléments économiques, documents, closing, reopening)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from cactus.accounts.models import User
from cactus.dossiers import back_office, circuits, keyset, permissions, selectors, tabs, transitions
from cactus.dossiers.action_forms import (
    BackOfficeFilterForm,
    CommentForm,
    RejectDocumentsForm,
    StampedCerfaForm,
    advisor_choices,
)
from cactus.dossiers.exceptions import DossierError
from cactus.dossiers.models import Dossier
from cactus.dossiers.views.lists import status_choices
from cactus.formations.models import Formation

PAGE_SIZE = 50
# Fields of the dossier that are bookkeeping, not data someone entered.
HIDDEN_FIELDS = {
    "id",
    "formation",
    "alternant",
    "employer_contact",
    "created_by",
    "status",
    "version",
    "is_entry_complete",
}


def _visible(request):
    if not permissions.can_use_back_office(request.user):
        raise PermissionDenied
    return back_office.back_office_dossiers(request.user)


def _filtered(request, dossiers=None, *, advisor_choices=None):
    dossiers = _visible(request) if dossiers is None else dossiers
    today = timezone.localdate()
    formations = Formation.objects.all()  # the filter matches the one typed among them
    if not request.user.is_cfa_staff:
        formations = formations.filter(managers=request.user)
    filters = BackOfficeFilterForm(
        request.GET or None,
        formations=formations,
        status_choices=status_choices(),
        queue_choices=list(back_office.queue_labels().items()),
        advisor_choices=advisor_choices,
    )
    filtered = dossiers
    if filters.is_valid():
        filtered = back_office.filter_dossiers(
            dossiers,
            today=today,
            query=filters.cleaned_data["q"].strip(),
            formation=filters.cleaned_data["formation"],
            status=filters.cleaned_data["status"],
            advisor=filters.cleaned_data["advisor"],
            queue=filters.cleaned_data["queue"],
        )
    return dossiers, back_office.sort_dossiers(filtered, _sort(request, filters)), filters, today


def _sort(request, filters) -> str:
    queue = filters.cleaned_data.get("queue", "") if filters.is_bound and filters.is_valid() else ""
    return back_office.sort_key(request.GET.get("sort", ""), queue=queue)


def _sort_headers(request, filters) -> dict[str, dict]:
    """Per sortable column: the link that sorts by it (the reverse when already sorted) and aria-sort."""
    current = _sort(request, filters)
    query = request.GET.copy()
    query.pop("curseur", None)  # another order starts at its first page
    headers = {}
    for key, (label, _) in back_office.sorts().items():
        direction = "ascending" if current == key else "descending" if current == f"-{key}" else ""
        query["sort"] = f"-{key}" if current == key else key
        headers[key] = {"label": label, "aria_sort": direction, "query": query.urlencode()}
    return headers


def _sort_choices() -> list[tuple[str, str]]:
    """The same sorts as the column headers, for phones (where the headers are hidden) and keyboards."""
    return [
        choice
        for key, (label, _) in back_office.sorts().items()
        for choice in ((key, f"{label}, croissant"), (f"-{key}", f"{label}, décroissant"))
    ]


@require_GET
def dossier_queue(request):
    visible = _visible(request)
    # The counts, the estimate, "Inscrire un alternant" and the conseillères: one cache read.
    facts = back_office.page_facts(
        request.user, visible, timezone.localdate(), advisor_choices=advisor_choices
    )
    dossiers, filtered, filters, today = _filtered(request, visible, advisor_choices=facts["advisors"])
    # Keyset pagination: "Page suivante" carries the last row's position (?curseur=), no OFFSET.
    sort = _sort(request, filters)
    ordering = back_office.ordering(sort)
    # The page's ids from the filtered list, then its rows by id with what the worklist shows.
    keys, source = back_office.page_keys(filtered, sort), back_office.worklist_dossiers()
    try:
        page = back_office.keyset_page(keys, ordering, PAGE_SIZE, request.GET.get("curseur"), rows=source)
    except keyset.InvalidCursor:
        page = back_office.keyset_page(keys, ordering, PAGE_SIZE, rows=source)
    narrowed = filters.is_bound and filters.is_valid() and back_office.is_narrowed(filters.cleaned_data)
    columns, rows = back_office.worklist(page.rows, today)
    query = request.GET.copy()
    query.pop("curseur", None)
    return render(
        request,
        "dossiers/back_office.html",
        {
            "queues": facts["queues"],
            "queues_estimated": any(count.kind == "estimate" for _, _, count in facts["queues"]),
            "filters": filters,
            "page": page,
            "count": back_office.list_count(
                filtered,
                narrowed=narrowed,
                everything=request.user.is_cfa_staff,
                page=page,
                estimate=facts["estimate"],
            ),
            "rows": rows,
            "query": query.urlencode(),
            "sorts": (sorts := _sort_headers(request, filters)),
            "current_sort": sort,
            "sort_choices": _sort_choices(),
            # A responsable lands here (core.views.home): "Inscrire un alternant" is here too.
            "can_register": facts["can_register"],
            "deadline_headers": [sorts.get(column.key, {"label": column.label}) for column in columns],
        },
    )


@require_GET
def export_csv(request):
    """The list as filtered, or only the ticked dossiers (?dossier=…) among those the person sees."""
    _, filtered, _, today = _filtered(request)
    if selected := request.GET.getlist("dossier"):
        filtered = back_office.selected_dossiers(filtered, selected)
    response = StreamingHttpResponse(back_office.csv_lines(filtered), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="dossiers-{today:%Y%m%d}.csv"'
    return response


def _staff_dossier(request, pk: int) -> Dossier:
    dossier = selectors.get_dossier_for(request.user, pk)
    if not permissions.can_use_back_office(request.user):
        raise Http404
    return dossier


def _data_rows(dossier: Dossier) -> list[tuple[str, str]]:
    rows = []
    for field in Dossier._meta.concrete_fields:
        if field.name in HIDDEN_FIELDS:
            continue
        value = getattr(dossier, field.name)
        label = back_office.field_label(field.name)
        if field.name == "status":
            value = dossier.status_label  # "Transmis à la DDETS" for a public employer
        elif field.choices:
            value = getattr(dossier, f"get_{field.name}_display")()
        if field.name == "sent_to_opco_at":
            label = f"{circuits.circuit_for(dossier).final_label} le"
        rows.append((label, back_office.display_value(value)))
    return rows


ACTION_FORMS = {
    permissions.REFUSE: lambda data=None: CommentForm(
        data, label="Ce qu'il faut corriger (envoyé au contact)"
    ),
    permissions.REJECT_DOCUMENTS: lambda data=None: RejectDocumentsForm(
        data, label="Motif du refus (envoyé au contact)"
    ),
    permissions.CLOSE: lambda data=None: CommentForm(data, label="Commentaire de clôture", required=False),
    permissions.REOPEN: lambda data=None: CommentForm(data, label="Raison de la réouverture"),
}


@require_GET
def staff_dossier(request, pk: int):
    """The dossier's page in the back office: data read-only, documents, actions, history."""
    return _render_staff_dossier(request, _staff_dossier(request, pk))


def _render_staff_dossier(request, dossier: Dossier, *, bound: dict | None = None):
    actions = permissions.allowed_actions(request.user, dossier)
    bound = bound or {}
    forms = {name: bound.get(name) or make() for name, make in ACTION_FORMS.items() if name in actions}
    if permissions.VALIDATE_DOCUMENTS in actions:
        forms[permissions.VALIDATE_DOCUMENTS] = (
            bound.get(permissions.VALIDATE_DOCUMENTS) or StampedCerfaForm()
        )
    for name, form in forms.items():
        form.auto_id = f"id_{name}_%s"  # several forms have a "comment": one id (and label) each
    context = {
        "dossier": dossier,
        "status_label": dossier.status_label,
        "next_action": circuits.next_action(dossier),
        "circuit": circuits.circuit_for(dossier),
        "actions": actions,
        "forms": forms,
        "has_errors": any(form.errors for form in forms.values()),
        "data_rows": _data_rows(dossier),
        "tabs": [
            tab
            for tab in tabs.visible_tabs(dossier)
            if permissions.can_view_tab(request.user, dossier, tab.key)
        ],
        "documents": dossier.documents.all(),
        "history": back_office.history(dossier, hidden_parts=permissions.hidden_parts(request.user, dossier)),
    }
    return render(request, "dossiers/staff_dossier.html", context)


# The contact's own actions (request, return of documents, "Envoyé à l'OPCO") live in Suivi - Info.
STAFF_ACTIONS = {
    permissions.VALIDATE,
    permissions.REFUSE,
    permissions.VALIDATE_ECONOMIC,
    permissions.VALIDATE_DOCUMENTS,
    permissions.REJECT_DOCUMENTS,
    permissions.CLOSE,
    permissions.REOPEN,
}


@require_POST
def act(request, pk: int, action: str):
    """Run one back-office action on a dossier, if this person may do it in this state."""
    dossier = _staff_dossier(request, pk)
    if action not in STAFF_ACTIONS:
        raise Http404
    if not permissions.can_act(request.user, dossier, action):
        raise PermissionDenied
    by: User = request.user
    form = None
    if action in ACTION_FORMS:
        form = ACTION_FORMS[action](request.POST)
    elif action == permissions.VALIDATE_DOCUMENTS:
        form = StampedCerfaForm(request.POST, request.FILES)
    if form is not None and not form.is_valid():
        return _render_staff_dossier(request, dossier, bound={action: form})
    data = form.cleaned_data if form is not None else {}
    services = {
        permissions.VALIDATE: (
            lambda: transitions.validate_dossier(dossier=dossier, by=by),
            "Dossier validé : le contact alternance est averti par mail.",
        ),
        permissions.REFUSE: (
            lambda: transitions.refuse_dossier(dossier=dossier, by=by, comment=data["comment"]),
            "Dossier renvoyé en saisie : le contact alternance reçoit votre commentaire.",
        ),
        permissions.VALIDATE_ECONOMIC: (
            lambda: transitions.validate_economic_elements(dossier=dossier, by=by),
            "Éléments économiques validés : la convention est disponible.",
        ),
        permissions.VALIDATE_DOCUMENTS: (
            lambda: transitions.validate_documents(
                dossier=dossier, stamped_cerfa=data["stamped_cerfa"], by=by
            ),
            "Documents validés : le CERFA visé et tamponné est envoyé au contact alternance.",
        ),
        permissions.REJECT_DOCUMENTS: (
            lambda: transitions.reject_documents(
                dossier=dossier, by=by, comment=data["comment"], kinds=data["kinds"]
            ),
            "Documents refusés : le contact alternance est averti du motif.",
        ),
        permissions.CLOSE: (
            lambda: transitions.close_dossier(dossier=dossier, by=by, comment=data.get("comment", "")),
            "Dossier clôturé.",
        ),
        permissions.REOPEN: (
            lambda: transitions.reopen_dossier(dossier=dossier, by=by, reason=data["comment"]),
            "Dossier rouvert : les données sont de nouveau modifiables.",
        ),
    }
    run, success = services[action]
    try:
        run()
    except DossierError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect("dossiers:staff_dossier", pk=dossier.pk)
