"""Security headers Django 5.2 does not set itself: Content-Security-Policy and Permissions-Policy.

Cactus pages carry no inline script or style (the templates load `cactus.css` and, where needed,
files from /static/), so the policy can forbid inline code outright: an injected `<script>` or
`onclick=` does not run even if an escaping bug lets it into a page. A hand-written middleware of
a few lines is enough here; django-csp would add nonces and report handling we do not use.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def build_policy(directives: dict[str, list[str]]) -> str:
    return "; ".join(f"{name} {' '.join(sources)}".strip() for name, sources in directives.items())


class SecurityHeadersMiddleware:
    """Adds CONTENT_SECURITY_POLICY and PERMISSIONS_POLICY (settings) to responses that lack them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.csp = build_policy(settings.CONTENT_SECURITY_POLICY)
        self.permissions_policy = settings.PERMISSIONS_POLICY

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # A view may set a stricter policy of its own (for example a PDF preview): keep it.
        response.headers.setdefault("Content-Security-Policy", self.csp)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        return response
