from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_save


class DossiersConfig(AppConfig):
    name = "cactus.dossiers"
    verbose_name = "Dossiers"

    def ready(self) -> None:
        from cactus.dossiers.models import DossierEvent
        from cactus.dossiers.search import register_sqlite_functions
        from cactus.dossiers.signals import event_recorded

        post_save.connect(event_recorded, sender=DossierEvent, dispatch_uid="dossiers.event_recorded")
        connection_created.connect(register_sqlite_functions, dispatch_uid="dossiers.sqlite_search_functions")
