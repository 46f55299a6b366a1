from django import forms

from cactus.core.outbound import PrivateAddress, check_public_url
from cactus.formations.models import Formation

SCOPE_CHOICES = [("all", "Toutes les formations"), ("chosen", "Les formations choisies ci-dessous")]


class FormationChoices(forms.ModelMultipleChoiceField):
    """Refuses a value that is not a database id before asking the database: SQLite cannot even
    compare 10**23 with an id (OverflowError, a 500), and a forged form must get a form error."""

    def _check_values(self, value):
        for item in value:
            text = str(item)
            if not text.isdecimal() or len(text) > 18:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": text}
                )
        return super()._check_values(value)


class ScopeForm(forms.Form):
    """An organisation and what it sees: every formation, or a chosen set."""

    name = forms.CharField(
        label="Organisation",
        max_length=200,
        help_text="Par ex. « Yparéo – service scolarité » ou « Région Sud ».",
    )
    scope = forms.ChoiceField(
        label="Périmètre", choices=SCOPE_CHOICES, initial="all", widget=forms.RadioSelect
    )
    formations = FormationChoices(
        label="Formations",
        queryset=Formation.objects.order_by("title"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("scope") == "chosen" and not cleaned.get("formations"):
            self.add_error(
                "formations", "Cochez au moins une formation, ou choisissez « Toutes les formations »."
            )
        return cleaned

    @property
    def scope_kwargs(self) -> dict:
        all_formations = self.cleaned_data["scope"] == "all"
        return {
            "name": self.cleaned_data["name"],
            "all_formations": all_formations,
            "formations": [] if all_formations else self.cleaned_data["formations"],
        }


class TokenForm(ScopeForm):
    pass


class WebhookForm(ScopeForm):
    url = forms.URLField(
        label="Adresse (URL)",
        max_length=500,
        assume_scheme="https",
        help_text="L'adresse du logiciel qui reçoit les changements d'état des dossiers (POST JSON signé).",
    )
    field_order = ["name", "url", "scope", "formations"]

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        if not url.lower().startswith(("https://", "http://")):
            raise forms.ValidationError("L'adresse doit commencer par https:// (ou http://).")
        try:
            check_public_url(url)
        except PrivateAddress as error:
            raise forms.ValidationError(str(error)) from error
        return url
