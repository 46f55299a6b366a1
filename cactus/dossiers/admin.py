from django.contrib import admin, messages
from django_tasks import TaskResultStatus

from cactus.dossiers import smic
from cactus.dossiers.models import (
    AlternantDetails,
    Contract,
    Dossier,
    DossierEvent,
    Employer,
    Mentor,
    Mission,
    PayBelowMinimum,
    RemunerationLine,
    SentReminder,
    StudentLife,
)
from cactus.referentials.admin import CfaAdministratorsOnly
from cactus.referentials.admin import SmicRateAdmin as ReferentialSmicRateAdmin
from cactus.referentials.models import SmicRate


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


# The SMIC page of the referentials, where a CFA administrator adds a new SMIC value the day it is
# published. Saving it is an event for the dossiers (`smic.record_smic_change`), which the
# referentials, below the dossiers, cannot know: the page is registered again here.
admin.site.unregister(SmicRate)


@admin.register(SmicRate)
class SmicRateAdmin(ReferentialSmicRateAdmin):
    def save_model(self, request, obj, form, change):
        # The dossiers are checked by a task, queued once the value is committed (`db_worker` in
        # production; the immediate backend runs it at once, in batches of its own transactions).
        smic.save_smic_change_and_enqueue(
            smic=obj, by=request.user, then=lambda result: self._report(request, result)
        )

    def _report(self, request, result) -> None:
        if result.status == TaskResultStatus.FAILED:
            self.message_user(
                request,
                "La valeur du SMIC est enregistrée, mais la vérification des dossiers a échoué : elle est à "
                "relancer.",
                messages.ERROR,
            )
        elif not result.is_finished:
            self.message_user(
                request,
                "La valeur du SMIC est enregistrée. Vérification des dossiers en cours, en arrière-plan : "
                "ceux dont la rémunération passe sous le nouveau minimum perdront leur coche sur « Les données "
                "du contrat » (en saisie) ou rejoindront la file « Rémunération sous le nouveau minimum » du "
                "back-office, et leur contact alternance sera prévenu.",
                messages.INFO,
            )
        elif result.return_value:
            self.message_user(
                request,
                f"La valeur du SMIC est enregistrée et les dossiers vérifiés : {result.return_value} dossier(s) "
                "ont une rémunération sous le nouveau minimum : les dossiers en saisie perdent leur coche sur "
                "« Les données du contrat », les autres sont dans la file « Rémunération sous le nouveau "
                "minimum » du back-office et leur contact alternance est prévenu.",
                messages.WARNING,
            )
        else:
            self.message_user(
                request,
                "La valeur du SMIC est enregistrée et les dossiers vérifiés : aucune rémunération n'est sous "
                "le nouveau minimum.",
                messages.INFO,
            )


@admin.register(PayBelowMinimum)
class PayBelowMinimumAdmin(CfaAdministratorsOnly):
    """The CFA marks a dossier of the queue "Rémunération sous le nouveau minimum" as handled."""

    list_display = ["dossier", "smic", "starts_on", "agreed", "minimum", "created_at", "handled_at"]
    list_filter = ["handled_at"]
    readonly_fields = ["dossier", "smic", "starts_on", "agreed", "minimum", "created_at"]

    def has_add_permission(self, request):
        return False
