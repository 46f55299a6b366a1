from django.contrib import admin

from cactus.documents.models import ConventionTemplate, Document


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["dossier", "kind", "source", "data_version", "created_by", "created_at"]
    list_filter = ["kind", "source"]
    readonly_fields = ["sha256", "size", "input_sha256", "data_version", "created_at"]


@admin.register(ConventionTemplate)
class ConventionTemplateAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_by"]
