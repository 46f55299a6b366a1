from django.contrib import admin

from cactus.formations.models import Formation


@admin.register(Formation)
class FormationAdmin(admin.ModelAdmin):
    list_display = ["title", "start_date", "end_date", "validation_mode", "mission_mode", "is_active"]
    filter_horizontal = ["managers"]
    search_fields = ["title", "rncp", "diploma_code"]
