from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "cactus.notifications"
    verbose_name = "Notifications"
