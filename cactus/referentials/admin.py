from django.contrib import admin

from cactus.referentials.models import CollectiveAgreement, SmicRate


@admin.register(SmicRate)
class SmicRateAdmin(admin.ModelAdmin):
    list_display = ["valid_from", "territory", "hourly", "monthly", "source"]
    list_filter = ["territory"]
    date_hierarchy = "valid_from"


@admin.register(CollectiveAgreement)
class CollectiveAgreementAdmin(admin.ModelAdmin):
    list_display = ["idcc", "label", "opco", "is_active", "updated_at"]
    list_filter = ["is_active", "opco"]
    search_fields = ["idcc", "label", "branch"]
