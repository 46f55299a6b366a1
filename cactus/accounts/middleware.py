from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from cactus.accounts.services import has_current_consent

SESSION_KEY = "rgpd_version"


class RgpdConsentMiddleware:
    """Until a logged-in person has accepted the current RGPD clauses, nothing else is reachable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not self._has_consented(request) and not self._is_exempt(request.path):
            return redirect(f"{reverse('accounts:rgpd')}?next={request.get_full_path()}")
        return self.get_response(request)

    @staticmethod
    def _has_consented(request) -> bool:
        # The session remembers the accepted version, so this costs no query on later requests.
        if request.session.get(SESSION_KEY) == settings.RGPD_VERSION:
            return True
        if has_current_consent(request.user):
            request.session[SESSION_KEY] = settings.RGPD_VERSION
            return True
        return False

    @staticmethod
    def _is_exempt(path: str) -> bool:
        exempt = (reverse("accounts:rgpd"), reverse("accounts:logout"), reverse("core:legal"), "/static/")
        return path.startswith(exempt)
