from django.apps import AppConfig


class OpcoConfig(AppConfig):
    name = "cactus.opco"
    verbose_name = "Dépôt à l'OPCO"

    def ready(self) -> None:
        # dossiers never imports opco: the deposit hears its state changes and plugs its panel,
        # queues and demo data into its pages (dossiers/extensions.py, dossiers/signals.py).
        from cactus.dossiers import extensions
        from cactus.dossiers.signals import status_changed
        from cactus.opco import demo, panels, services

        status_changed.connect(services.on_status_changed, dispatch_uid="opco_deposit")
        extensions.add_follow_up_panel(panels.follow_up_panel)
        extensions.add_manual_send_guard(services.manual_send_refusal)
        for key, label, condition in panels.QUEUES:
            extensions.add_queue(key, label, condition)
        extensions.add_deadline_column(panels.DECISION_COLUMN)
        extensions.add_demo_step(demo.configure_sandbox_and_engage)
