from django import forms


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code à 6 chiffres affiché par votre application",
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={
            "required": "Saisissez le code à 6 chiffres affiché par votre application d'authentification.",
            "min_length": "Le code compte exactement 6 chiffres.",
            "max_length": "Le code compte exactement 6 chiffres.",
        },
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise forms.ValidationError("Le code ne contient que des chiffres (6 chiffres).")
        return code
