from django.apps import AppConfig


class CompaniesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cactus.companies"
    verbose_name = "Recherche d'entreprises"
