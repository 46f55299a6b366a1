"""Read the fields of the POST forms of a page, as a browser would submit them (tests only).

The freeze and fuzz tests post to every tab without knowing each tab's form class: they read the
page, take what the browser would send, and change it.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class HtmlField:
    name: str
    kind: (
        str  # input type ("text", "date", "radio", "checkbox", "hidden", "file", ...), "select" or "textarea"
    )
    value: str = ""
    options: list[str] = field(default_factory=list)  # radio values or select options
    checked: bool = False
    disabled: bool = False


@dataclass
class HtmlForm:
    action: str
    enctype: str
    fields: dict[str, HtmlField] = field(default_factory=dict)

    def payload(self) -> dict[str, str | list[str]]:
        """What a browser sends for the form as it is (disabled fields are not sent)."""
        data: dict[str, str | list[str]] = {}
        for html_field in self.fields.values():
            if html_field.disabled or html_field.kind in ("file", "submit", "button"):
                continue
            if html_field.kind == "select" and not html_field.value and html_field.options:
                data[html_field.name] = html_field.options[0]  # a browser submits the first option
            elif html_field.kind in ("radio", "checkbox", "select"):
                if html_field.value:
                    data[html_field.name] = html_field.value
            else:
                data[html_field.name] = html_field.value
        return data

    @property
    def editable(self) -> dict[str, HtmlField]:
        return {
            name: html_field
            for name, html_field in self.fields.items()
            if not html_field.disabled
            and html_field.kind not in ("hidden", "submit", "button")
            and name != "csrfmiddlewaretoken"
        }


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[HtmlForm] = []
        self._select: HtmlField | None = None
        self._textarea: HtmlField | None = None
        self._option_value: str | None = None
        self._option_selected = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and attributes.get("method", "get").lower() == "post":
            self.forms.append(HtmlForm(attributes.get("action") or "", attributes.get("enctype") or ""))
            return
        if not self.forms:
            return
        form = self.forms[-1]
        name = attributes.get("name")
        disabled = "disabled" in attributes
        if tag == "input" and name:
            kind = (attributes.get("type") or "text").lower()
            value = attributes.get("value") or ""
            checked = "checked" in attributes
            existing = form.fields.get(name)
            if kind in ("radio", "checkbox"):
                if existing is None:
                    existing = form.fields[name] = HtmlField(name, kind, disabled=disabled)
                existing.options.append(value or "on")
                if checked:
                    existing.value, existing.checked = value or "on", True
            else:
                form.fields[name] = HtmlField(name, kind, value, disabled=disabled)
        elif tag == "select" and name:
            self._select = form.fields[name] = HtmlField(name, "select", disabled=disabled)
        elif tag == "option" and self._select is not None:
            self._option_value = attributes.get("value")
            self._option_selected = "selected" in attributes
            if self._option_value is not None:
                self._register_option(self._option_value)
        elif tag == "textarea" and name:
            self._textarea = form.fields[name] = HtmlField(name, "textarea", disabled=disabled)

    def _register_option(self, value: str) -> None:
        self._select.options.append(value)
        if self._option_selected:
            self._select.value = value

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data
        elif self._select is not None and self._option_value is None and data.strip():
            # <option>label</option> without a value attribute submits its text.
            self._option_value = data.strip()
            self._register_option(self._option_value)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "option":
            self._option_value = None
        elif tag == "textarea":
            if self._textarea is not None and self._textarea.value.startswith("\n"):
                self._textarea.value = self._textarea.value[1:]
            self._textarea = None


def post_forms(html: str) -> list[HtmlForm]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def data_form(html: str) -> HtmlForm | None:
    """The page's main data form: the POST form with the most editable fields (not logout, not contact)."""
    forms = [form for form in post_forms(html) if len(form.fields) > 1]
    return max(forms, key=lambda form: len(form.fields), default=None)
