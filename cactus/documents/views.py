from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from cactus.documents import selectors, services
from cactus.documents.exceptions import DocumentError
from cactus.documents.forms import ConventionTemplateForm, OfficialFormBlankForm
from cactus.documents.renderers import convention
from cactus.dossiers import permissions, tabs
from cactus.dossiers import selectors as dossier_selectors
from cactus.dossiers.permissions import GENERATED_KINDS


@require_GET
def generated(request, pk: int, kind: str):
    """A document produced by Cactus: inline by default, as a download with ?telecharger=1."""
    dossier = dossier_selectors.get_dossier_for(request.user, pk)
    if kind not in GENERATED_KINDS:
        raise Http404
    if not permissions.can_download(request.user, dossier, kind):
        raise PermissionDenied
    try:
        document = services.get_or_generate(dossier=dossier, kind=kind, by=request.user)
    except DocumentError as error:
        messages.error(request, str(error))
        return redirect("dossiers:tab", pk=dossier.pk, tab=tabs.FOLLOW_UP.key)
    return FileResponse(
        document.file.open("rb"),
        content_type="application/pdf",
        as_attachment=request.GET.get("telecharger") == "1",
        filename=services.download_name(dossier, kind),
    )


@require_http_methods(["GET", "POST"])
def convention_template(request):
    """The CFA administrator edits the convention's text; each save is a new version."""
    if not request.user.is_cfa_admin:
        raise PermissionDenied
    form = ConventionTemplateForm(
        request.POST or None, initial={"body": convention.current_convention_template()}
    )
    if request.method == "POST" and form.is_valid():
        template = form.save(commit=False)
        template.created_by = request.user
        template.save()
        messages.success(
            request, "Modèle de convention enregistré : il s'applique aux prochaines conventions produites."
        )
        return redirect("documents:convention_template")
    placeholders = sorted(convention.context({}).keys() | set(convention.AMOUNT_KEYS))
    return render(
        request,
        "documents/convention_template_edit.html",
        {"form": form, "placeholders": placeholders, "default_body": convention.default_template()},
    )


@require_http_methods(["GET", "POST"])
def official_forms(request):
    """The CFA administrator uploads the official blank CERFA; Cactus fills it instead of its own rendition."""
    if not request.user.is_cfa_admin:
        raise PermissionDenied
    form = OfficialFormBlankForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            blank = services.upload_official_blank(uploaded=form.cleaned_data["file"], by=request.user)
        except (ValidationError, DocumentError) as error:
            form.add_error("file", error.messages if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(
                request,
                f"Formulaire CERFA n° {blank.number} reconnu et enregistré : "
                "il sera rempli pour les prochains CERFA produits.",
            )
            return redirect("documents:official_forms")
    return render(
        request,
        "documents/official_forms.html",
        {"form": form, "forms_overview": selectors.official_forms_overview(), "today": timezone.localdate()},
    )
