from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "cactus.api"
    label = "api"
    verbose_name = "API et webhooks"

    def ready(self) -> None:
        from cactus.api.demo import add_demo_token
        from cactus.api.webhooks import on_status_changed
        from cactus.dossiers import extensions
        from cactus.dossiers.signals import status_changed

        status_changed.connect(on_status_changed, dispatch_uid="api.webhooks.on_status_changed")
        extensions.add_demo_step(add_demo_token)
