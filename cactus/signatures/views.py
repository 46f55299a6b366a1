"""The signing page (reached by a personal link + a one-time code, not by login), its PDFs, the mode choices."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cactus.core.security import client_ip
from cactus.dossiers import tabs
from cactus.dossiers.selectors import get_dossier_for
from cactus.formations.models import Formation
from cactus.signatures import rules, services
from cactus.signatures.models import SigningMode
from cactus.signatures.services import SigningError

DOCUMENT_TITLES = {rules.CERFA: "CERFA du contrat", rules.CONVENTION: "Convention de formation"}


def _invalid(request, error: SigningError):
    return render(request, "signatures/link_invalid.html", {"error": str(error)}, status=410)


@login_not_required
@require_http_methods(["GET", "POST"])
def sign(request, token: str):
    """GET shows the documents and the consent; POST: "code" sends a code, "sign" signs, "refuse" refuses."""
    try:
        signer = services.signer_for_token(token)
    except SigningError as error:
        return _invalid(request, error)
    if request.method == "GET":
        services.record_opening(signer=signer)
    code_sent = bool(signer.code_sent_at)
    failed = False  # the page comes back with an error: its title says "Erreur" (RGAA 8.6)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "code":
                services.send_code(signer=signer)
                messages.success(request, f"Un code à 6 chiffres vient d'être envoyé à {signer.email}.")
                return redirect("signatures:sign", token=token)
            if action == "sign":
                signer = services.sign(
                    token=token,
                    code=request.POST.get("code", ""),
                    consent=request.POST.get("consent") == "on",
                    ip=client_ip(request),
                    user_agent=request.headers.get("User-Agent", ""),
                )
                return render(request, "signatures/signed.html", {"signer": signer})
            if action == "refuse":
                signer = services.refuse(
                    token=token,
                    comment=request.POST.get("comment", ""),
                    ip=client_ip(request),
                    user_agent=request.headers.get("User-Agent", ""),
                )
                return render(request, "signatures/refused.html", {"signer": signer})
            messages.error(request, "Action inconnue : utilisez les boutons de la page.")
            failed = True
        except SigningError as error:
            try:
                signer = services.signer_for_token(token)
            except SigningError as final:
                return _invalid(request, final)
            messages.error(request, str(error))
            failed = True
            code_sent = bool(signer.code_sent_at)
    documents = [
        (kind, DOCUMENT_TITLES[kind], range(1, services.page_count(signer, kind) + 1))
        for kind in signer.documents
    ]
    return render(
        request,
        "signatures/sign.html",
        {
            "signer": signer,
            "dossier": signer.round.dossier,
            "documents": documents,
            "token": token,
            "consent_text": services.CONSENT_TEXT,
            "code_sent": code_sent,
            "failed": failed,
        },
    )


@login_not_required
@require_GET
@xframe_options_sameorigin  # shown in the signing page's <iframe>, never in another site's
def document(request, token: str, kind: str):
    """The PDF the link's signer is asked to sign: only the documents of that link's own round."""
    try:
        signer = services.signer_for_token(token)
        content = services.document_bytes(signer, kind)
    except SigningError as error:
        return _invalid(request, error)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{kind}-a-signer.pdf"'
    response["Content-Security-Policy"] = "frame-ancestors 'self'"
    return response


@login_not_required
@require_GET
def page_image(request, token: str, kind: str, number: int):
    """One page of the document as a PNG, so every page shows inline whatever the browser's PDF viewer."""
    try:
        signer = services.signer_for_token(token)
        image = services.page_image(signer, kind, number)
    except SigningError as error:
        return _invalid(request, error)
    return HttpResponse(image, content_type="image/png")


def _may_choose(user, dossier) -> bool:
    return user.pk == dossier.employer_contact_id or user.is_cfa_staff


@require_POST
def choose_mode(request, pk: int):
    """ "Signature en ligne" / "Signature papier" on Suivi - Info: the contact or the CFA."""
    dossier = get_dossier_for(request.user, pk)
    if not _may_choose(request.user, dossier):
        raise PermissionDenied
    try:
        mode = services.choose_mode(dossier=dossier, mode=request.POST.get("mode", ""), by=request.user)
        messages.success(request, f"Mode de signature enregistré : {SigningMode(mode).label}.")
    except SigningError as error:
        messages.error(request, str(error))
    return redirect("dossiers:tab", pk=dossier.pk, tab=tabs.FOLLOW_UP.key)


@require_POST
def resend_link(request, pk: int):
    """CFA staff: a new link to the signer whose turn it is (expired or locked link)."""
    dossier = get_dossier_for(request.user, pk)
    if not request.user.is_cfa_staff:
        raise PermissionDenied
    try:
        signer = services.resend_link(dossier=dossier, by=request.user)
        messages.success(
            request, f"Un nouveau lien de signature a été envoyé à {signer.name} ({signer.email})."
        )
    except SigningError as error:
        messages.error(request, str(error))
    return redirect("dossiers:tab", pk=dossier.pk, tab=tabs.FOLLOW_UP.key)


@require_http_methods(["GET", "POST"])
def formation_default(request, pk: int):
    """The CFA administrator chooses a formation's default signing mode."""
    if not request.user.is_cfa_admin:
        raise PermissionDenied
    formation = get_object_or_404(Formation, pk=pk)
    if request.method == "POST":
        mode = request.POST.get("mode", "")
        if mode not in SigningMode.values:
            messages.error(request, "Choisissez la signature en ligne ou la signature papier.")
        else:
            services.set_formation_default(formation=formation, mode=mode, by=request.user)
            messages.success(request, f"Signature par défaut de la formation : {SigningMode(mode).label}.")
            return redirect("signatures:formation_default", pk=formation.pk)
    current = getattr(formation, "signing_default", None)
    return render(
        request,
        "signatures/formation_default.html",
        {
            "formation": formation,
            "current": current.mode if current else SigningMode.PAPER,
            "modes": SigningMode.choices,
        },
    )
