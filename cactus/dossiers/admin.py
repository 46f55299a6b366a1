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
    SentReminder,
    StudentLife,
)


class DossierEventInline(admin.TabularInline):
    model = DossierEvent
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "actor", "action", "from_status", "to_status", "changes", "comment"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


def frozen(dossier: Dossier | None) -> bool:
    return dossier is not None and dossier.is_frozen


class TabDataInline:
    """A tab's data in the admin: editable while the dossier is in entry, read-only once it is frozen.

    After the validation request "les données ne pourront plus être modifiées" (guide): not even
    by a superuser here, where no DossierEvent would record it. The only way back is the CFA's
    logged reopening in the back office.
    """

    extra = 0

    def has_add_permission(self, request, obj=None) -> bool:
        return not frozen(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return not frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return not frozen(obj) and super().has_delete_permission(request, obj)


# Superusers fix data here; the tabs are where people enter it (and where the rules are checked).
class EmployerInline(TabDataInline, admin.StackedInline):
    model = Employer


class MentorInline(TabDataInline, admin.StackedInline):
    model = Mentor


class AlternantDetailsInline(TabDataInline, admin.StackedInline):
    model = AlternantDetails


class StudentLifeInline(TabDataInline, admin.StackedInline):
    model = StudentLife


class ContractInline(TabDataInline, admin.StackedInline):
    model = Contract


class RemunerationLineInline(TabDataInline, admin.TabularInline):
    model = RemunerationLine


class MissionInline(TabDataInline, admin.StackedInline):
    model = Mission


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
    # The state and its dates move only through the services, which log a DossierEvent.
    readonly_fields = [
        "status",
        "is_entry_complete",
        "validation_requested_at",
        "validated_at",
        "economic_validated_at",
        "documents_returned_at",
        "documents_validated_at",
        "sent_to_opco_at",
        "version",
    ]

    def has_change_permission(self, request, obj=None) -> bool:
        return not frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return not frozen(obj) and super().has_delete_permission(request, obj)

    def get_actions(self, request):
        # The bulk deletion asks no question per dossier: it would delete frozen ones too.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "dossier", "due_date"]
    list_filter = ["kind"]
    readonly_fields = [field.name for field in SentReminder._meta.fields]
