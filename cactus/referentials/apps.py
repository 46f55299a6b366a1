from django.apps import AppConfig


class ReferentialsConfig(AppConfig):
    name = "cactus.referentials"
    verbose_name = "Référentiels"
