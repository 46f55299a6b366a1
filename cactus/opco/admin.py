"""Where a CFA administrator connects Cactus to each OPCO, and follows the deposits.

The API key and the notification secret are typed in password fields that never show a value
back; the page shows their last four characters only. Leaving the field empty keeps the stored one.
"""

from django import forms
from django.contrib import admin, messages

from cactus.core.outbound import PrivateAddress, check_public_url
from cactus.opco import secrets, services
from cactus.opco.models import Declaration, Deposit, OpcoConnection, OpcoStateChange
from cactus.referentials.admin import CfaAdministratorsOnly
from cactus.referentials.models import CollectiveAgreement


def opco_choices() -> list[tuple[str, str]]:
    names = CollectiveAgreement.objects.exclude(opco="").values_list("opco", flat=True).distinct()
    return [(name, name) for name in sorted(set(names))]


class OpcoConnectionForm(forms.ModelForm):
    opco = forms.ChoiceField(label="OPCO", choices=opco_choices)
    base_url = forms.URLField(
        label="Adresse de l'API",
        required=False,
        max_length=200,  # OpcoConnection.base_url
        assume_scheme="https",
        help_text="Fournie par l'OPCO, par exemple https://api.opco.fr/cfa/v1",
    )
    new_api_key = forms.CharField(
        label="Clé d'API (X-API-KEY)",
        required=False,
        max_length=500,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text="Fournie par l'OPCO pour le SIREN du CFA. Laissez vide pour garder la clé enregistrée.",
    )
    new_webhook_secret = forms.CharField(
        label="Secret des notifications (HMAC)",
        required=False,
        max_length=500,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text="Laissez vide pour garder le secret enregistré.",
    )

    class Meta:
        model = OpcoConnection
        fields = ["opco", "mode", "base_url"]

    def clean_base_url(self) -> str:
        url = self.cleaned_data["base_url"]
        if url:
            try:
                check_public_url(url)
            except PrivateAddress as error:
                raise forms.ValidationError(str(error)) from error
        return url

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("mode") == OpcoConnection.Mode.API:
            if not cleaned.get("base_url"):
                self.add_error(
                    "base_url", "Indiquez l'adresse de l'API de l'OPCO, ou choisissez le dépôt manuel."
                )
            has_key = cleaned.get("new_api_key") or (self.instance and self.instance.api_key_encrypted)
            if not has_key:
                self.add_error("new_api_key", "Saisissez la clé d'API fournie par l'OPCO.")
        return cleaned

    def save(self, commit=True):
        connection = super().save(commit=False)
        if self.cleaned_data.get("new_api_key"):
            connection.set_api_key(self.cleaned_data["new_api_key"])
            connection.key_valid_until = connection.key_checked_at = None
        if self.cleaned_data.get("new_webhook_secret"):
            connection.set_webhook_secret(self.cleaned_data["new_webhook_secret"])
        if commit:
            connection.save()
        return connection


@admin.register(OpcoConnection)
class OpcoConnectionAdmin(CfaAdministratorsOnly):
    form = OpcoConnectionForm
    list_display = ["opco", "mode", "base_url", "masked_key", "key_valid_until", "updated_at"]
    readonly_fields = ["masked_key", "masked_secret", "key_valid_until", "key_checked_at", "notification_url"]
    fields = [
        "opco",
        "mode",
        "base_url",
        "masked_key",
        "new_api_key",
        "key_valid_until",
        "key_checked_at",
        "masked_secret",
        "new_webhook_secret",
        "notification_url",
    ]
    actions = ["check_keys"]

    @admin.display(description="clé d'API enregistrée")
    def masked_key(self, obj):
        return secrets.masked(obj.api_key_last_four) or "aucune"

    @admin.display(description="secret enregistré")
    def masked_secret(self, obj):
        return secrets.masked(obj.webhook_secret_last_four) or "aucun"

    @admin.display(description="adresse des notifications à donner à l'OPCO")
    def notification_url(self, obj):
        from django.urls import reverse

        from cactus.notifications.emails import absolute_url

        return (
            absolute_url(reverse("opco:notification", args=[obj.pk])) if obj.pk else "après l'enregistrement"
        )

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description="Vérifier la clé d'API auprès de l'OPCO (cfakeyinfo)")
    def check_keys(self, request, queryset):
        for connection in queryset:
            if not connection.uses_api:
                self.message_user(request, f"{connection.opco} : dépôt manuel, rien à vérifier.")
                continue
            self.message_user(request, f"{connection.opco} : {services.check_key(connection)}")


class StateChangeInline(admin.TabularInline):
    model = OpcoStateChange
    extra = 0
    can_delete = False
    readonly_fields = ["state", "occurred_at", "source", "details", "recorded_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Deposit)
class DepositAdmin(CfaAdministratorsOnly):
    list_display = ["dossier", "opco", "status", "opco_state", "deca_number", "attempts", "created_at"]
    list_filter = ["status", "opco_state", "opco"]
    search_fields = ["opco_number", "deca_number", "dossier__alternant_last_name"]
    readonly_fields = [field.name for field in Deposit._meta.fields]
    inlines = [StateChangeInline]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Relancer le dépôt (même version du dossier)")
    def retry(self, request, queryset):
        for deposit in queryset.select_related("dossier"):
            if deposit.status != Deposit.Status.FAILED:
                self.message_user(
                    request, f"{deposit} : seul un envoi en échec se relance.", messages.WARNING
                )
                continue
            services.request_deposit(dossier=deposit.dossier, by=request.user)
            deposit.refresh_from_db()
            self.message_user(request, f"{deposit} : relancé.")


@admin.register(Declaration)
class DeclarationAdmin(CfaAdministratorsOnly):
    """Read only: a failed declaration is sent again from the dossier's Suivi - Info."""

    list_display = ["dossier", "opco", "kind", "status", "attempts", "sent_at"]
    list_filter = ["kind", "status", "opco"]
    readonly_fields = [field.name for field in Declaration._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
