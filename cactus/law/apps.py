from django.apps import AppConfig


class LawConfig(AppConfig):
    name = "cactus.law"
    verbose_name = "Règles du droit"
