from django.apps import AppConfig


class SignaturesConfig(AppConfig):
    name = "cactus.signatures"
    verbose_name = "Signature en ligne"

    def ready(self) -> None:
        from cactus.signatures import hooks

        hooks.connect()
