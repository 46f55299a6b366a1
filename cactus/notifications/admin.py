from django.contrib import admin

from cactus.notifications.models import OutgoingEmail


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "name", "to", "status", "sent_at"]
    list_filter = ["name", "status"]
    search_fields = ["to", "subject"]
    # The personal link waiting to be sent is never shown (it opens an account).
    exclude = ["secret_link"]
    readonly_fields = [field.name for field in OutgoingEmail._meta.fields if field.name != "secret_link"]
