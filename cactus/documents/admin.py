from django.contrib import admin

from cactus.documents.models import ConventionTemplate, Document


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["dossier", "kind", "source", "data_version", "created_by", "created_at"]
    list_filter = ["kind", "source"]
    readonly_fields = ["sha256", "size", "input_sha256", "data_version", "created_at"]

    # Versions come from the services (generation, uploads), which log a DossierEvent: none is added here.
    def has_add_permission(self, request) -> bool:
        return False

    # A frozen dossier's files (generated from its data, or signed and returned) are evidence:
    # the admin may show them, not replace or delete them without a DossierEvent.
    def has_change_permission(self, request, obj=None) -> bool:
        return not (obj and obj.dossier.is_frozen) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return not (obj and obj.dossier.is_frozen) and super().has_delete_permission(request, obj)

    def get_actions(self, request):
        # The bulk deletion asks no question per document: it would delete a frozen dossier's too.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


@admin.register(ConventionTemplate)
class ConventionTemplateAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_by"]
