from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device


class StaffTwoFactorMiddleware:
    """When CFA_STAFF_TWO_FACTOR is on, CFA staff reach nothing until they typed a code of the session.

    CFA staff see every dossier of the CFA: a stolen password alone must not open them. Staff
    without an authenticator yet are sent to set one up; the others to type their code.
    Runs after django_otp's OTPMiddleware, which gives `request.user.is_verified()`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.CFA_STAFF_TWO_FACTOR
            and user.is_authenticated
            and user.is_cfa_staff
            and not user.is_verified()
            and not self._is_exempt(request.path)
        ):
            target = "twofactor:verify" if user_has_device(user) else "twofactor:setup"
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)

    @staticmethod
    def _is_exempt(path: str) -> bool:
        exempt = (
            reverse("twofactor:setup"),
            reverse("twofactor:verify"),
            reverse("accounts:logout"),
            reverse("accounts:rgpd"),
            reverse("core:legal"),
            "/static/",
        )
        return path.startswith(exempt)
