"""Admin pages where CFA administrators maintain the referentials (they need `is_staff` to sign in
to the admin site); other staff may not see them."""

from django.contrib import admin

from cactus.referentials.models import CollectiveAgreement, SmicRate


class CfaAdministratorsOnly(admin.ModelAdmin):
    """Every permission on these pages follows `is_cfa_admin` (superusers included)."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_cfa_admin

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.has_module_permission(request)


@admin.register(SmicRate)
class SmicRateAdmin(CfaAdministratorsOnly):
    list_display = ["valid_from", "territory", "hourly", "monthly", "source"]
    list_filter = ["territory"]
    date_hierarchy = "valid_from"


@admin.register(CollectiveAgreement)
class CollectiveAgreementAdmin(CfaAdministratorsOnly):
    list_display = ["idcc", "label", "branch", "opco", "is_active", "updated_at"]
    list_filter = ["is_active", "opco"]
    search_fields = ["idcc", "label", "branch"]
