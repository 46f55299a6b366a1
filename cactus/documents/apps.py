from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "cactus.documents"
    verbose_name = "Documents"
