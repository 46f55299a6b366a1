from django.contrib import admin

from cactus.dossiers.models import Dossier, DossierEvent


class DossierEventInline(admin.TabularInline):
    model = DossierEvent
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "actor", "action", "from_status", "to_status", "changes", "comment"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    list_display = ["pk", "alternant_last_name", "alternant_first_name", "formation", "status"]
    list_filter = ["status", "formation"]
    search_fields = ["alternant_last_name", "alternant__email", "employer_contact__email", "siret"]
    raw_id_fields = ["alternant", "employer_contact", "created_by"]
    inlines = [DossierEventInline]
