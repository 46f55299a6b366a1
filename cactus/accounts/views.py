from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from cactus.accounts import forms, services
from cactus.accounts.exceptions import InvitationError
from cactus.accounts.middleware import SESSION_KEY
from cactus.accounts.models import User
from cactus.core import throttle
from cactus.core.security import client_ip

AUTH_BACKEND = "django.contrib.auth.backends.ModelBackend"


class LoginView(auth_views.LoginView):
    form_class = forms.LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@login_not_required
@require_http_methods(["GET", "POST"])
def accept_invitation(request, token: str):
    """The invitation link: the invitee chooses a password, is logged in, then sees the RGPD clauses."""
    try:
        invitation = services.get_usable_invitation(token)
    except InvitationError as error:
        return render(request, "accounts/invitation_invalid.html", {"error": str(error)}, status=410)
    form = forms.ChoosePasswordForm(invitation.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation(token=token, password=form.cleaned_data["new_password1"])
        except InvitationError as error:
            return render(request, "accounts/invitation_invalid.html", {"error": str(error)}, status=410)
        login(request, user, backend=AUTH_BACKEND)
        messages.success(request, "Votre mot de passe est enregistré. Bienvenue sur Cactus.")
        return redirect("core:home")
    return render(request, "accounts/invitation_accept.html", {"form": form, "invited": invitation.user})


@require_http_methods(["GET", "POST"])
def rgpd(request):
    form = forms.RgpdConsentForm(request.POST if request.method == "POST" else None)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    if request.method == "POST" and form.is_valid():
        services.record_rgpd_consent(user=request.user)
        request.session[SESSION_KEY] = settings.RGPD_VERSION
        return redirect(next_url or "core:home")
    return render(
        request, "accounts/rgpd.html", {"form": form, "next": next_url, "version": settings.RGPD_VERSION}
    )


class ForgottenPasswordView(auth_views.PasswordResetView):
    form_class = forms.ForgottenPasswordForm
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        # Throttle per account (no mail-bombing) and per client address (the proxy's entry when
        # BEHIND_TLS_PROXY, never the proxy itself); the answer on screen is the same either way.
        email = User.objects.normalize_email(form.cleaned_data["email"])
        over = throttle.attempt(
            throttle.Limit(f"pwreset:email:{email}", settings.PASSWORD_RESET_THROTTLE, 3600),
            throttle.Limit(
                f"pwreset:ip:{client_ip(self.request)}", settings.PASSWORD_RESET_THROTTLE_PER_ADDRESS, 3600
            ),
        )
        if over:
            messages.error(
                self.request,
                "Trop de demandes « Mot de passe oublié » en peu de temps. Si un compte existe pour cette "
                "adresse, un lien lui a déjà été envoyé : utilisez celui du dernier e-mail reçu (pensez aux "
                "courriers indésirables), ou réessayez dans une heure.",
            )
            return redirect("accounts:password_reset")
        return super().form_valid(form)


class ForgottenPasswordDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class ChoosePasswordView(auth_views.PasswordResetConfirmView):
    form_class = forms.ChoosePasswordForm
    template_name = "accounts/password_reset_confirm.html"
    post_reset_login = True
    post_reset_login_backend = AUTH_BACKEND
    success_url = reverse_lazy("core:home")

    def form_valid(self, form):
        response = super().form_valid(form)  # saves the password (which kills this link) and logs in
        services.record_password_chosen(user=form.user)
        messages.success(self.request, "Votre mot de passe est enregistré.")
        return response
