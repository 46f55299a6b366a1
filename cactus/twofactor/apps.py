from django.apps import AppConfig


class TwoFactorConfig(AppConfig):
    name = "cactus.twofactor"
    verbose_name = "Double authentification (équipe du CFA)"
