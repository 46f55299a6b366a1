from django.contrib import admin

from cactus.formations.models import Formation, FormationModule, FormationPeriod


class FormationPeriodInline(admin.TabularInline):
    model = FormationPeriod
    extra = 0


class FormationModuleInline(admin.TabularInline):
    model = FormationModule
    extra = 0


@admin.register(Formation)
class FormationAdmin(admin.ModelAdmin):
    list_display = ["title", "start_date", "end_date", "validation_mode", "mission_mode", "is_active"]
    filter_horizontal = ["managers"]
    search_fields = ["title", "rncp", "diploma_code"]
    inlines = [FormationPeriodInline, FormationModuleInline]
