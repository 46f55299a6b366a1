from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "cactus.workspace"
    verbose_name = "Tableau de bord du CFA"
