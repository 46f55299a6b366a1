"""In chromium: the API's documentation page (Swagger UI) works under Cactus's strict CSP, with its
scripts served from our static files (no CDN), and lists the endpoints of the OpenAPI document."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_docs_page_shows_the_endpoints_without_any_csp_violation(live_server, page):
    violations, outside = [], []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith(live_server.url) and not request.url.startswith("data:")
            else None
        ),
    )

    response = page.goto(f"{live_server.url}/api/v1/docs")

    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    expect(page.get_by_text("/api/v1/dossiers/{dossier_id}")).to_be_visible()
    expect(page.locator(".info .title")).to_contain_text("API Cactus")
    assert violations == []
    assert outside == []
