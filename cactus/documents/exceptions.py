"""Document errors. Each carries a French message a view or a command can show as it is."""


class DocumentError(Exception):
    """The document cannot be produced from these data; the message says what to fix."""


class DocumentUnavailable(DocumentError):
    """This dossier has no such document (e.g. no CERFA in saisie simple)."""
