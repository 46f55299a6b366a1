from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate


def create_cache_table(*, using: str = "default", **kwargs) -> None:
    """`migrate` also creates the database cache's table, where the throttling counters live.

    Without it, a database migrated by hand (without `createcachetable`) answers "Mot de passe
    oublié" with an error. `createcachetable` skips a table that exists.
    """
    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "cactus.core"
    verbose_name = "Outils communs"

    def ready(self) -> None:
        # Sent once per app with models: hooked on the sessions app, which also keeps shared state in the database.
        post_migrate.connect(create_cache_table, sender=self.apps.get_app_config("sessions"))
