from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cactus.core"
    verbose_name = "Outils communs"
