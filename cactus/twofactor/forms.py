from django import forms

from cactus.accounts.forms import PASSWORD_MAX_LENGTH


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


class SetupForm(CodeForm):
    """Enrolment: the password again (a session left open must not bind an attacker's phone)."""

    password = forms.CharField(
        label="Votre mot de passe Cactus",
        strip=False,
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={
            "required": "Saisissez votre mot de passe Cactus pour confirmer qu'il s'agit bien de vous."
        },
    )
    field_order = ["password", "code"]

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.pop("autofocus", None)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                "Mot de passe incorrect : saisissez le mot de passe de votre compte Cactus."
            )
        return password


class ResetForm(forms.Form):
    reason = forms.CharField(
        label="Motif de la réinitialisation",
        max_length=2000,
        help_text="Par exemple : téléphone perdu, volé ou changé. Le motif est conservé avec la réinitialisation.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Indiquez le motif de la réinitialisation (par exemple : téléphone perdu).",
            "max_length": "Le motif compte au plus 2000 caractères.",
        },
    )
