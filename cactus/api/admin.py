"""For superusers fixing data; CFA administrators use the "Accès API" page. Nothing here shows a token or a secret."""

from django.contrib import admin

from cactus.api.models import ApiToken, WebhookAttempt, WebhookDelivery, WebhookEndpoint


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "all_formations", "created_at", "last_used_at", "revoked_at"]
    fields = [
        "name",
        "prefix",
        "all_formations",
        "formations",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
        "revoked_by",
    ]
    readonly_fields = ["prefix", "created_by", "created_at", "last_used_at", "revoked_by"]
    filter_horizontal = ["formations"]

    def has_add_permission(self, request) -> bool:
        return False  # a token is made on "Accès API", which shows its value once


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "is_active", "all_formations", "created_at"]
    exclude = ["secret_encrypted"]
    filter_horizontal = ["formations"]

    def has_add_permission(self, request) -> bool:
        return False  # made on "Accès API", which generates and shows the secret


class WebhookAttemptInline(admin.TabularInline):
    model = WebhookAttempt
    extra = 0
    can_delete = False
    readonly_fields = ["number", "status_code", "response_excerpt", "error", "next_retry_at", "created_at"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "event_id",
        "event",
        "endpoint",
        "dossier_id",
        "state",
        "attempts",
        "next_retry_at",
        "created_at",
    ]
    list_filter = ["state", "endpoint"]
    readonly_fields = ["endpoint", "event_id", "event", "dossier_id", "body", "attempts", "created_at"]
    inlines = [WebhookAttemptInline]
