class CompanySearchError(Exception):
    """A company search that gave no establishment; its str() is the French message to show."""


class CompanyNotFound(CompanySearchError):
    def __str__(self) -> str:
        return (
            "Aucun établissement ne correspond à ce SIRET dans le répertoire des entreprises : "
            "vérifiez-le, ou saisissez les informations de l'entreprise."
        )


class CompanySearchUnavailable(CompanySearchError):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason

    def __str__(self) -> str:
        return (
            f"La recherche de l'entreprise est indisponible ({self.reason}) : "
            "saisissez les informations de l'entreprise."
        )


class CompanySearchOffline(CompanySearchError):
    def __str__(self) -> str:
        return (
            "La recherche de l'entreprise n'est pas activée sur ce serveur : "
            "saisissez les informations de l'entreprise."
        )
