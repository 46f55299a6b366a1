"""Forms of the life-cycle actions (Suivi - Info and the back office). Input checks only."""

import re

from django import forms
from django.db.models import Q

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


class FetchedChoiceIterator(forms.models.ModelChoiceIterator):
    """The options from one plain query: Django's iterator opens a server-side cursor on PostgreSQL
    (DECLARE, FETCH, CLOSE: three round trips for the five conseillères of a page)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for instance in self.queryset.all():
            yield self.choice(instance)


FORMATION_SUGGESTIONS = 5  # the formations named in the message when several match


# "n° 12", "N°12", "no 12", "#12"; and a title shown back with its number, "BTS MCO (n° 12)".
FORMATION_NUMBER = re.compile(r"(?:n\s*°|no\.?|#)\s*(\d{1,18})", re.IGNORECASE)
TITLE_AND_NUMBER = re.compile(r"(.+?)\s*\(n\s*°\s*(\d{1,18})\)", re.IGNORECASE)


class FormationSearchField(forms.Field):
    """A formation typed, not picked among every formation: its number (a link's ?formation=12,
    "n° 12"), its code diplôme, its code RNCP, or its title or a part of it, matched on the server.

    A `<select>` of every formation the person sees was 4,000 options (450 KB) at 10^6 dossiers on
    every back-office page and dashboard. Cleans to the one Formation of `queryset` that matches:
    an exact number, code or title first, else a part of the title (not for a number: an id or a
    code); several matches ask for more, naming a few with what tells them apart (two formations
    may share a title, even a code: then their number, which is accepted); none says so. The chosen
    formation is shown back by its title, with its number when another of `queryset` has that title.
    """

    widget = forms.TextInput

    def __init__(self, *, queryset=None, **kwargs):
        kwargs.setdefault(
            "help_text", "Code diplôme, code RNCP, intitulé (ou une partie) ou n° de la formation"
        )
        super().__init__(**kwargs)
        self.queryset = queryset if queryset is not None else Formation.objects.none()
        self.chosen: Formation | None = None

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "maxlength": "255", "autocomplete": "off"}

    def to_python(self, value):
        text = " ".join(str(value or "").split())
        self.chosen = self._match(text) if text else None
        return self.chosen

    def _match(self, text: str) -> Formation:
        formations = self.queryset.only("pk", "title", "diploma_code", "rncp").order_by("title", "pk")
        number = FORMATION_NUMBER.fullmatch(text)
        if number is not None:  # "n° 12"
            found = formations.filter(pk=int(number.group(1))).first()
            if found is not None:
                return found
        shown = TITLE_AND_NUMBER.fullmatch(text)
        if shown is not None:  # "BTS MCO (n° 12)", as shown back: the number and the title agree
            found = formations.filter(pk=int(shown.group(2)), title__iexact=shown.group(1)).first()
            if found is not None:
                return found
        if text.isdecimal() and len(text) < 19:  # an id, from a link (a code diplôme is tried next)
            found = formations.filter(pk=int(text)).first()
            if found is not None:
                return found
        exact = list(
            formations.filter(Q(diploma_code__iexact=text) | Q(rncp__iexact=text) | Q(title__iexact=text))[
                : FORMATION_SUGGESTIONS + 1
            ]
        )
        if len(exact) == 1:
            return exact[0]
        # A number is an id or a code, never a part of a title: another formation's id (a forged
        # or outdated link) must not match a title that happens to contain its digits.
        parts = formations.none() if text.isdecimal() else formations.filter(title__icontains=text)
        found = exact or list(parts[: FORMATION_SUGGESTIONS + 1])
        if len(found) == 1:
            return found[0]
        if not found:
            raise forms.ValidationError(
                f"Aucune formation ne correspond à « {text} » : tapez son code diplôme, son code RNCP, "
                "une partie de son intitulé ou son numéro.",
                code="invalid_choice",
            )
        shown = found[:FORMATION_SUGGESTIONS]
        names = " ; ".join(_told_apart(formation, shown) for formation in shown)
        more = " ; …" if len(found) > FORMATION_SUGGESTIONS else ""
        raise forms.ValidationError(
            f"Plusieurs formations correspondent à « {text} » ({names}{more}) : précisez.",
            code="ambiguous",
        )

    def prepare_value(self, value):
        # Shown back by its title once matched: a link's ?formation=12 reads "BTS MCO", not "12";
        # "BTS MCO (n° 12)" when another formation of the person has that title, so that sending
        # the form again (another filter, another sort) finds the same one.
        formation = value if isinstance(value, Formation) else self.chosen
        if formation is None:
            return value
        if self.queryset.filter(title__iexact=formation.title).exclude(pk=formation.pk).exists():
            return f"{formation.title} (n° {formation.pk})"
        return formation.title


def _told_apart(formation: Formation, matches: list[Formation]) -> str:
    """Its title, and when another match has the same: its number, its code diplôme or RNCP if they differ."""
    twins = [other for other in matches if other.title.casefold() == formation.title.casefold()]
    if len(twins) < 2:
        return formation.title
    details = [f"n° {formation.pk}"]
    if len({twin.diploma_code for twin in twins}) > 1 and formation.diploma_code:
        details.append(f"code diplôme {formation.diploma_code}")
    if len({twin.rncp for twin in twins}) > 1 and formation.rncp:
        details.append(formation.rncp)
    return f"{formation.title} ({', '.join(details)})"


class BackOfficeFilterForm(forms.Form):
    q = forms.CharField(label="Recherche", required=False, max_length=200, help_text="Nom, e-mail ou SIRET")
    formation = FormationSearchField(required=False, label="Formation")
    status = forms.ChoiceField(required=False, label="État", widget=LongSelect)
    advisor = forms.ModelChoiceField(
        queryset=User.objects.filter(groups__name=CFA_ADVISOR_GROUP),
        required=False,
        label="Conseillère CFA",
        widget=LongSelect,
    )
    queue = forms.ChoiceField(required=False, label="File", widget=LongSelect)

    def __init__(self, *args, formations, status_choices, queue_choices, advisor_choices=None, **kwargs):
        """`advisor_choices`: the conseillères' (id, name) as `advisor_choices()` gave them (cached
        by the page); else read from the database. A chosen one is always checked in the database."""
        super().__init__(*args, **kwargs)
        self.fields["formation"].queryset = formations
        self.fields["advisor"].iterator = FetchedChoiceIterator
        self.fields["advisor"].queryset = self.fields["advisor"].queryset  # sets the widget's choices again
        if advisor_choices is not None:
            self.fields["advisor"].choices = [("", self.fields["advisor"].empty_label), *advisor_choices]
        self.fields["status"].choices = [("", "Tous")] + status_choices
        self.fields["queue"].choices = [("", "Toutes")] + queue_choices


def advisor_choices() -> list[tuple[int, str]]:
    """The back office's conseillères as (id, name), in the filter's order: a value to cache."""
    field = BackOfficeFilterForm.base_fields["advisor"]
    return [(user.pk, field.label_from_instance(user)) for user in field.queryset.all()]
