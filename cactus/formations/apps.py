from django.apps import AppConfig


class FormationsConfig(AppConfig):
    name = "cactus.formations"
    verbose_name = "Formations"
