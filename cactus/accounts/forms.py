from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.tokens import default_token_generator
from django.core.validators import MaxLengthValidator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from cactus.accounts import emails
from cactus.accounts.models import User

# Long enough for any passphrase or password manager; a bound on what a login makes the hasher read.
PASSWORD_MAX_LENGTH = 1024


def bounded_password_field(field: forms.CharField) -> forms.CharField:
    """One of Django's own password fields, with our maximum length."""
    field.max_length = PASSWORD_MAX_LENGTH
    field.validators.append(MaxLengthValidator(PASSWORD_MAX_LENGTH))
    return field


class LoginForm(auth_forms.AuthenticationForm):
    error_summary_title = "Connexion impossible."  # nothing is "enregistré" here
    username = forms.EmailField(label="Courriel", widget=forms.EmailInput(attrs={"autofocus": True}))
    password = forms.CharField(
        label="Mot de passe",
        strip=False,
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": "Courriel ou mot de passe incorrect. Vérifiez votre saisie, ou utilisez « Mot de passe oublié ».",
        "inactive": "Ce compte est désactivé. Contactez la personne qui vous a invité.e.",
    }

    def clean_username(self) -> str:
        return User.objects.normalize_email(self.cleaned_data["username"])


class ChoosePasswordForm(auth_forms.SetPasswordForm):
    new_password1 = forms.CharField(
        label="Choisissez votre mot de passe",
        strip=False,
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Au moins 10 caractères, pas uniquement des chiffres, ni trop proche de votre adresse.",
    )
    new_password2 = forms.CharField(
        label="Confirmez le mot de passe",
        strip=False,
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class ForgottenPasswordForm(auth_forms.PasswordResetForm):
    """The guide's "Mot de passe oublié": an invited address gets a link to choose its password."""

    email = forms.EmailField(
        label="Courriel", max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def get_users(self, email):
        # Unlike Django's default, invited people who never set a password are included: this is
        # exactly how the guide tells them to get in when the invitation mail was lost.
        return User.objects.filter(email=User.objects.normalize_email(email), is_active=True)

    def save(self, *args, **kwargs):
        if not self.get_users(self.cleaned_data["email"]).exists():
            self._decoy_mail()
        return super().save(*args, **kwargs)

    def _decoy_mail(self) -> None:
        """For an address without an account, the same token and mail rendering, then dropped:
        the answer's timing must not tell whether the address has an account (no enumeration)."""
        decoy = User(pk=0, email=self.cleaned_data["email"], password="!")
        link = emails.absolute_url(
            reverse(
                "accounts:password_reset_confirm",
                kwargs={
                    "uidb64": urlsafe_base64_encode(force_bytes(0)),
                    "token": default_token_generator.make_token(decoy),
                },
            )
        )
        context = {
            "cfa_name": settings.CFA_NAME,
            "user": decoy,
            "link": link,
            "validity_days": settings.INVITATION_VALIDITY_DAYS,
        }
        for part in ("subject.txt", "body.txt", "body.html"):
            render_to_string(f"emails/password_reset-{part}", context)

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        user = context["user"]
        path = reverse(
            "accounts:password_reset_confirm",
            kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": context["token"]},
        )
        emails.password_reset(user=user, link=emails.absolute_url(path))


class RgpdConsentForm(forms.Form):
    accept = forms.BooleanField(
        label="J'ai lu les clauses relatives à la protection de mes données personnelles et je les accepte.",
        error_messages={
            "required": "Cochez la case pour accepter les clauses RGPD, puis cliquez sur Valider."
        },
    )


class UserCreationAdminForm(auth_forms.BaseUserCreationForm):
    password1, password2 = map(bounded_password_field, auth_forms.SetPasswordMixin.create_password_fields())

    class Meta:
        model = User
        fields = ("email",)
