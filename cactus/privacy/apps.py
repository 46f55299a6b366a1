from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "cactus.privacy"
    verbose_name = "Données personnelles (RGPD)"
