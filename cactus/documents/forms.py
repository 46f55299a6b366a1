from django import forms

from cactus.documents.exceptions import DocumentError
from cactus.documents.models import ConventionTemplate
from cactus.documents.renderers import convention


class ConventionTemplateForm(forms.ModelForm):
    class Meta:
        model = ConventionTemplate
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 30, "spellcheck": "true"})}

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        try:
            convention.check_template(body)
        except DocumentError as error:
            raise forms.ValidationError(str(error)) from error
        return body


class OfficialFormBlankForm(forms.Form):
    file = forms.FileField(
        label="Formulaire CERFA officiel vierge (PDF)",
        help_text="Le formulaire à remplir téléchargé sur le site de l'État, sans rien y saisir.",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
