"""Forms of the life-cycle actions (Suivi - Info and the back office). Input checks only."""

from django import forms
from django.core.cache import cache
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from cactus.accounts.models import CFA_ADVISOR_GROUP, User
from cactus.core.uploads import read_valid_pdf
from cactus.core.widgets import LongSelect
from cactus.dossiers import files
from cactus.formations.models import Formation

PDF_WIDGET = forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"})


class PdfField(forms.FileField):
    """A PDF checked by content (`core.uploads.read_valid_pdf`, the check of every upload form); cleans to a `CheckedPdf`."""

    widget = PDF_WIDGET

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        return read_valid_pdf(uploaded) if uploaded else None


class ReturnDocumentsForm(forms.Form):
    """ "Retour des documents": one file or both; the screen is validated after each upload."""

    signed_cerfa = PdfField(label="CERFA signé (PDF)", required=False)
    signed_convention = PdfField(label="Convention signée (PDF)", required=False)

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("signed_cerfa") and not cleaned.get("signed_convention"):
            raise forms.ValidationError(
                "Choisissez le CERFA signé ou la convention signée (PDF) avant de valider."
            )
        return cleaned

    def files_by_kind(self) -> dict:
        return {kind: self.cleaned_data[kind] for kind in files.RETURNED_KINDS if self.cleaned_data.get(kind)}


class SentForm(forms.Form):
    confirmed = forms.BooleanField(label="Envoyé à l'OPCO")

    def __init__(self, *args, final_label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirmed"].label = final_label
        self.fields["confirmed"].error_messages["required"] = (
            f"Cochez la case « {final_label} » avant de valider."
        )


COMMENT_MAX_LENGTH = 2000  # DossierEvent.comment: a reason sent by e-mail, not a document


class CommentForm(forms.Form):
    comment = forms.CharField(
        label="Commentaire", max_length=COMMENT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, label: str = "Commentaire", required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].label = label
        self.fields["comment"].required = required
        self.fields["comment"].error_messages["required"] = f"{label} : ce champ est obligatoire."


class RejectDocumentsForm(CommentForm):
    kinds = forms.MultipleChoiceField(
        label="Documents à déposer de nouveau",
        choices=files.returned_kind_choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Cochez le ou les documents à déposer de nouveau."},
    )
    field_order = ["kinds", "comment"]


class StampedCerfaForm(forms.Form):
    stamped_cerfa = PdfField(label="CERFA visé et tamponné (PDF)")


class TitleChoiceIterator(forms.models.ModelChoiceIterator):
    """The formations' options as (id, title) rows: no model instance per option (4,000 at 10^6 dossiers)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list("pk", "title")


class FetchedChoiceIterator(forms.models.ModelChoiceIterator):
    """The options from one plain query: Django's iterator opens a server-side cursor on PostgreSQL
    (DECLARE, FETCH, CLOSE: three round trips for the five conseillères of a page)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for instance in self.queryset.all():
            yield self.choice(instance)


OPTIONS_SECONDS = 60


class CachedOptionsSelect(LongSelect):
    """A LongSelect whose options' HTML is kept OPTIONS_SECONDS in the cache under `cache_key`.

    The back office's formation filter lists every formation the person sees: 4,000 at 10^6
    dossiers, half of the page's time to render. Like the queue counts (back_office.py), the list
    may lag a new formation by up to a minute; the selected option is marked on the cached HTML.
    """

    cache_key: str | None = None

    def render(self, name, value, attrs=None, renderer=None):
        if not self.cache_key or self.allow_multiple_selected:
            return super().render(name, value, attrs, renderer)
        options = cache.get(self.cache_key)
        if options is None:
            options = "\n".join(
                f'  <option value="{conditional_escape("" if key is None else str(key))}">'
                f"{conditional_escape(label)}</option>"
                for key, label in self.choices
            )
            cache.set(self.cache_key, options, OPTIONS_SECONDS)
        for wanted in self.format_value(value)[:1]:
            option = f'<option value="{conditional_escape(wanted)}">'
            options = options.replace(option, option.removesuffix(">") + " selected>", 1)
        return format_html(
            '<select name="{}"{}>\n{}\n</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            mark_safe(options),  # each part escaped when cached
        )


class BackOfficeFilterForm(forms.Form):
    q = forms.CharField(label="Recherche", required=False, max_length=200, help_text="Nom, e-mail ou SIRET")
    formation = forms.ModelChoiceField(
        queryset=Formation.objects.all(), required=False, label="Formation", widget=CachedOptionsSelect
    )
    status = forms.ChoiceField(required=False, label="État", widget=LongSelect)
    advisor = forms.ModelChoiceField(
        queryset=User.objects.filter(groups__name=CFA_ADVISOR_GROUP),
        required=False,
        label="Conseillère CFA",
        widget=LongSelect,
    )
    queue = forms.ChoiceField(required=False, label="File", widget=LongSelect)

    def __init__(self, *args, formations, status_choices, queue_choices, options_scope=None, **kwargs):
        super().__init__(*args, **kwargs)
        if options_scope:  # back_office.counts_scope: whose formations these are
            self.fields["formation"].widget.cache_key = f"back_office:formation_options:{options_scope}"
        self.fields[
            "formation"
        ].iterator = TitleChoiceIterator  # before the queryset: it sets the widget's choices
        self.fields["formation"].queryset = formations
        self.fields["advisor"].iterator = FetchedChoiceIterator
        self.fields["advisor"].queryset = self.fields["advisor"].queryset  # sets the widget's choices again
        self.fields["status"].choices = [("", "Tous")] + status_choices
        self.fields["queue"].choices = [("", "Toutes")] + queue_choices
