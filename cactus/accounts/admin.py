from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from cactus.accounts.forms import UserCreationAdminForm
from cactus.accounts.models import Invitation, RgpdConsent, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    add_form = UserCreationAdminForm
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Identité", {"fields": ["first_name", "last_name", "phone"]}),
        ("Droits", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["user", "invited_by", "created_at", "expires_at", "used_at", "revoked_at"]
    readonly_fields = ["token_hash"]
    search_fields = ["user__email"]


@admin.register(RgpdConsent)
class RgpdConsentAdmin(admin.ModelAdmin):
    list_display = ["user", "version", "accepted_at"]
    search_fields = ["user__email"]
