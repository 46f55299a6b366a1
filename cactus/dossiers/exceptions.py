"""Domain errors. Each carries a French message a view can show as it is."""


class DossierError(Exception):
    message = "Action impossible."

    def __init__(self, message: str | None = None):
        super().__init__(message or self.message)


class InvalidTransition(DossierError):
    def __init__(self, current_label: str, target_label: str):
        super().__init__(
            f"Action impossible : le dossier est à l'état « {current_label} », "
            f"il ne peut pas passer à l'état « {target_label} »."
        )


class DossierFrozen(DossierError):
    message = "Ce dossier ne peut plus être modifié : la demande de validation a été faite et les données sont figées."


class DossierIncomplete(DossierError):
    def __init__(self, missing: list[str]):
        self.missing = missing
        super().__init__("Le dossier n'est pas complet. Onglets à compléter : " + ", ".join(missing) + ".")
