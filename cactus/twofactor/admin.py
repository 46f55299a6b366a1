from django.contrib import admin

from cactus.twofactor.models import SecondFactorReset


@admin.register(SecondFactorReset)
class SecondFactorResetAdmin(admin.ModelAdmin):
    """Read-only: the trace of the resets is written by `services.reset_second_factor` only."""

    list_display = ["reset_at", "user_email", "reset_by_email", "reason", "sessions_ended"]
    search_fields = ["user_email", "reset_by_email", "reason"]
    date_hierarchy = "reset_at"

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_cfa_admin

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
