from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "cactus.accounts"
    verbose_name = "Comptes"
