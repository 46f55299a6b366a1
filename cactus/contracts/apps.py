from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "cactus.contracts"
    verbose_name = "Après la signature : avenants, ruptures, annulations, nouveau contrat"

    def ready(self) -> None:
        from cactus.contracts import demo, panels, selectors
        from cactus.dossiers import extensions

        extensions.add_queue(
            "without_employer", "Apprentis sans employeur (stagiaires, 6 mois)", selectors.without_employer
        )
        extensions.add_follow_up_panel(panels.contract_panel)
        extensions.add_demo_step(demo.load_demo)
