from base64 import b32encode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from cactus.core import throttle
from cactus.twofactor import selectors, services
from cactus.twofactor.exceptions import ResetRefused
from cactus.twofactor.forms import CodeForm, ResetForm, SetupForm
from cactus.twofactor.models import SecondFactorReset

SETUP_DEVICE_SESSION_KEY = "twofactor_setup_device"

WRONG_CODE = (
    "Ce code n'est pas le bon, ou il a expiré (un code change toutes les 30 secondes). "
    "Saisissez le code affiché maintenant par votre application."
)

TOO_MANY = "Trop de codes erronés : attendez quelques secondes, puis saisissez le nouveau code affiché."


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return ""


def _require_staff(user) -> None:
    if not user.is_cfa_staff:
        raise PermissionDenied


def _require_admin(user) -> None:
    if not user.is_cfa_admin:
        raise PermissionDenied


def _grouped(secret: str) -> str:
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))


@require_http_methods(["GET", "POST"])
def setup(request):
    """First time: the authenticator app learns the key, then one code proves it works."""
    _require_staff(request.user)
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("twofactor:verify")  # replacing a device goes through a CFA administrator
    # A key of this session only: another session (an intruder with the password) never sees it.
    device = TOTPDevice.objects.filter(
        pk=request.session.get(SETUP_DEVICE_SESSION_KEY), user=request.user, confirmed=False
    ).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=request.user, confirmed=False, name="Application d'authentification"
        )
        request.session[SETUP_DEVICE_SESSION_KEY] = device.pk
    form = SetupForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not device.verify_is_allowed()[0]:
            form.add_error("code", TOO_MANY)
        elif device.verify_token(form.cleaned_data["code"]):
            if not services.confirm_device(user=request.user, device=device):
                messages.error(
                    request,
                    "Une application d'authentification est déjà enregistrée pour ce compte : saisissez son "
                    "code. Pour en changer, demandez à un administrateur du CFA.",
                )
                return redirect("twofactor:verify")
            request.session.pop(SETUP_DEVICE_SESSION_KEY, None)
            otp_login(request, device)
            messages.success(
                request, "Double authentification activée : elle vous sera demandée à chaque connexion."
            )
            return redirect(_next_url(request) or "core:home")
        else:
            form.add_error("code", WRONG_CODE)
    secret = b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "secret": _grouped(secret),
        "config_url": device.config_url,
        "next": _next_url(request),
    }
    return render(request, "twofactor/setup.html", context)


@require_http_methods(["GET", "POST"])
def verify(request):
    """Each session: the code of the moment, after the password."""
    _require_staff(request.user)
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect("twofactor:setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not device.verify_is_allowed()[0]:
            form.add_error("code", TOO_MANY)
        elif device.verify_token(form.cleaned_data["code"]):
            otp_login(request, device)
            return redirect(_next_url(request) or "core:home")
        else:
            form.add_error("code", WRONG_CODE)
    return render(request, "twofactor/verify.html", {"form": form, "next": _next_url(request)})


RECENT_RESETS = 20


def _already_reset(name: str) -> str:
    return (
        f"La double authentification de {name} est déjà réinitialisée : aucune application "
        "d'authentification n'est enregistrée pour ce compte."
    )


@require_GET
def team(request):
    """Équipe du CFA: who has set up the double authentification; the administrators' resets."""
    _require_admin(request.user)
    members = list(selectors.cfa_staff())
    for member in members:
        member.reset_refusal = services.reset_refusal(user=member, by=request.user)
    resets = SecondFactorReset.objects.all()[:RECENT_RESETS]  # the page shows the copied addresses
    return render(request, "twofactor/team_list.html", {"members": members, "resets": resets})


@require_http_methods(["GET", "POST"])
def reset(request, pk: int):
    """Lost or changed phone: the confirmation page (GET), then the reset itself (POST, with a reason)."""
    _require_admin(request.user)
    person = get_object_or_404(selectors.cfa_staff(), pk=pk)
    refusal = services.reset_refusal(user=person, by=request.user)
    if refusal:
        messages.error(request, refusal)
        return redirect("twofactor:team")
    name = person.get_full_name() or person.email
    form = ResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not person.has_device:  # a second click, or another administrator, was first
            messages.info(request, _already_reset(name))
            return redirect("twofactor:team")
        wait = throttle.attempt(
            throttle.Limit(f"twofactor:reset:{request.user.pk}", settings.TWO_FACTOR_RESET_THROTTLE, 3600)
        )
        if wait:
            messages.error(
                request,
                "Trop de réinitialisations en une heure : vous pourrez en faire une nouvelle "
                f"{throttle.available_from(wait)}.",
            )
            return redirect("twofactor:team")
        try:
            done = services.reset_second_factor(
                user=person, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ResetRefused as error:
            messages.error(request, str(error))
        else:
            if done is None:
                messages.info(request, _already_reset(name))
            else:
                messages.success(
                    request,
                    f"Double authentification de {name} réinitialisée : ses sessions sont fermées, un e-mail "
                    "la prévient et elle activera une nouvelle application à sa prochaine connexion.",
                )
        return redirect("twofactor:team")
    return render(request, "twofactor/reset_confirm.html", {"person": person, "name": name, "form": form})
