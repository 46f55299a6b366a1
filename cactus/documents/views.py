from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from cactus.documents import services
from cactus.documents.exceptions import DocumentError
from cactus.documents.forms import ConventionTemplateForm
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
