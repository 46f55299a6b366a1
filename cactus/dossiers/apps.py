from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "cactus.dossiers"
    verbose_name = "Dossiers"
