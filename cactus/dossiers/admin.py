from django.contrib import admin

from cactus.dossiers.models import (
    AlternantDetails,
    Contract,
    Dossier,
    DossierEvent,
    Employer,
    Mentor,
    Mission,
    RemunerationLine,
    StudentLife,
)


class DossierEventInline(admin.TabularInline):
    model = DossierEvent
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "actor", "action", "from_status", "to_status", "changes", "comment"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


# Superusers fix data here; the tabs are where people enter it (and where the rules are checked).
class EmployerInline(admin.StackedInline):
    model = Employer
    extra = 0


class MentorInline(admin.StackedInline):
    model = Mentor
    extra = 0


class AlternantDetailsInline(admin.StackedInline):
    model = AlternantDetails
    extra = 0


class StudentLifeInline(admin.StackedInline):
    model = StudentLife
    extra = 0


class ContractInline(admin.StackedInline):
    model = Contract
    extra = 0


class RemunerationLineInline(admin.TabularInline):
    model = RemunerationLine
    extra = 0


class MissionInline(admin.StackedInline):
    model = Mission
    extra = 0


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    list_display = ["pk", "alternant_last_name", "alternant_first_name", "formation", "status"]
    list_filter = ["status", "formation"]
    search_fields = ["alternant_last_name", "alternant__email", "employer_contact__email", "siret"]
    raw_id_fields = ["alternant", "employer_contact", "created_by"]
    inlines = [
        EmployerInline,
        MentorInline,
        AlternantDetailsInline,
        StudentLifeInline,
        ContractInline,
        RemunerationLineInline,
        MissionInline,
        DossierEventInline,
    ]
