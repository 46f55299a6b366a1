"""The pages the bench measures, found in the database the way a person would reach them.

Shared by the load runs, the query counts and the query-count tests, so all three look at the
same requests.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode

from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from cactus.accounts.models import User
from cactus.api import cursors
from cactus.api import services as api_services
from cactus.api.models import ApiToken
from cactus.bench import data
from cactus.dossiers.models import Dossier


@dataclass
class Page:
    key: str
    label: str
    path: str
    user: User | None
    method: str = "GET"
    form: dict[str, str] = field(default_factory=dict)
    expected_status: int = 200
    headers: dict[str, str] = field(default_factory=dict)  # sent as they are (the API's bearer token)

    @property
    def body(self) -> str:
        return urlencode(self.form, doseq=True)


@dataclass
class Scene:
    """Who the bench logs in as, and which dossier it opens."""

    contact: User
    advisor: User
    dossier: Dossier


def find_scene() -> Scene:
    contact = User.objects.get(email=data.BUSY_CONTACT_EMAIL)
    advisor = User.objects.get(email=data.ADVISOR_EMAIL)
    dossier = (
        Dossier.objects.filter(employer_contact=contact, status=Dossier.Status.DRAFT)
        .exclude(entry_mode="")
        .order_by("pk")
        .first()
    )
    if dossier is None:
        raise RuntimeError(f"{contact.email} has no draft dossier with base data: regenerate the bench data.")
    return Scene(contact=contact, advisor=advisor, dossier=dossier)


def build_pages(scene: Scene) -> list[Page]:
    """Pages (a) to (e); raises nothing for a missing feature, see `queue_page`."""
    dossier = scene.dossier
    tab_path = reverse("dossiers:tab", kwargs={"pk": dossier.pk, "tab": "base"})
    return [
        Page("a", "/sante/ (trivial view)", reverse("core:health"), scene.contact),
        Page("b", "Vos dossiers (contact, 50 dossiers)", reverse("dossiers:list"), scene.contact),
        Page("c", "Données de base GET", tab_path, scene.contact),
        Page(
            "d",
            "Données de base POST (valid, unchanged)",
            tab_path,
            scene.contact,
            method="POST",
            form=resubmitted_form(scene.contact, tab_path),
            expected_status=302,
        ),
        queue_page(scene),
        api_page(),
    ]


def api_page() -> Page:
    """The API's dossier list, 50 full dossiers in the export_dossier shape, from the middle of the
    keyset (a cursor at the median id, as a client paging through every dossier reaches it), with a
    token that sees every formation. A new token each run: only its hash is stored."""
    token, raw = api_services.create_token(name="[bench] ERP", by=None)
    # A token in use, as an ERP's is: its first call's write of last_used_at is not what is measured.
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    ids = Dossier.objects.order_by("pk").values_list("pk", flat=True)
    middle = ids[ids.count() // 2] if ids.exists() else 0
    path = f"{reverse('api_v1:dossiers')}?{urlencode({'limite': 50, 'curseur': cursors.encode(middle)})}"
    return Page(
        "f", "API: dossiers, 50 per page (mid-cursor)", path, None, headers={"Authorization": f"Bearer {raw}"}
    )


def queue_page(scene: Scene) -> Page:
    """The back office's queue of dossiers waiting for the CFA, filtered by formation and state."""
    filters = urlencode(
        {"formation": scene.dossier.formation_id, "status": Dossier.Status.VALIDATION_REQUESTED}
    )
    try:
        path = reverse("dossiers:back_office")
        label = "back-office queue (formation + state)"
    except NoReverseMatch:
        # Until the back office lands, CFA staff filter "Vos dossiers", which lists every dossier.
        path = reverse("dossiers:list")
        label = "Vos dossiers as CFA staff (formation + state)"
    return Page("e", label, f"{path}?{filters}", scene.advisor)


def resubmitted_form(user: User, path: str) -> dict[str, str]:
    """What the browser would send on "Valider" without changing anything: the form as the page shows it."""
    client = Client()
    client.force_login(user)
    response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"GET {path} answered {response.status_code}, not 200.")
    parser = FormParser()
    parser.feed(response.content.decode())
    # The page's own form, not the header's "Se déconnecter".
    for form in parser.forms:
        if "version" in form:
            return {name: value for name, value in form.items() if name != "csrfmiddlewaretoken"}
    raise RuntimeError(f"No form of {path} carries a version field.")


class FormParser(HTMLParser):
    """The values a browser submits for each <form method="post"> of a page."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict[str, str]] = []
        self.values: dict[str, str] = {}
        self._in_form = False
        self._select: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and (attributes.get("method") or "").lower() == "post":
            self._in_form = True
            self.values = {}
            self.forms.append(self.values)
        if not self._in_form:
            return
        name = attributes.get("name")
        if tag == "input" and name and "disabled" not in attributes:
            kind = (attributes.get("type") or "text").lower()
            if kind in ("radio", "checkbox") and "checked" not in attributes:
                return
            if kind not in ("submit", "button", "file"):
                self.values[name] = attributes.get("value") or ""
        elif tag == "select" and name and "disabled" not in attributes:
            self._select, self._first_option = name, None
        elif tag == "option" and self._select:
            value = attributes.get("value") or ""
            if self._first_option is None:
                self._first_option = value
            if "selected" in attributes:
                self.values[self._select] = value
        elif tag == "textarea" and name and "disabled" not in attributes:
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            self.values.setdefault(self._select, self._first_option or "")
            self._select = None
        elif tag == "textarea" and self._textarea:
            # Browsers drop the newline that follows <textarea>, as Django's widget writes one.
            self.values[self._textarea] = self.values[self._textarea].removeprefix("\n")
            self._textarea = None
        elif tag == "form":
            self._in_form = False

    def handle_data(self, text):
        if self._textarea:
            self.values[self._textarea] += text
