"""The stored files the life-cycle needs (signed returns, the stamped CERFA), supplied by `documents`.

`documents` sits above `dossiers` (it renders and stores a dossier's files) and may import it;
`dossiers` may not import `documents` (docs/architecture.md). So the documents app hands its
functions over when Django starts (`DocumentsConfig.ready()` calls `provide`), and the transitions,
the forms and the Suivi page reach them through `store()`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

# The kinds of file the life-cycle names (values of the documents app's `Document.Kind`).
SIGNED_CERFA = "signed_cerfa"
SIGNED_CONVENTION = "signed_convention"
STAMPED_CERFA = "stamped_cerfa"
RETURNED_KINDS = (SIGNED_CERFA, SIGNED_CONVENTION)


@dataclass(frozen=True)
class FileStore:
    # (dossier=, kind=, pdf=CheckedPdf, by=) -> the new Document version, inside the caller's transaction.
    store_uploaded_pdf: Callable
    # (dossier) -> {kind: Document | None} for RETURNED_KINDS: the signed returns that count.
    current_signed_documents: Callable
    # (dossier, document_id) -> the dossier's uploaded Document with that id, or None.
    uploaded_document: Callable
    # {kind: French label} of every kind of document.
    kind_labels: dict[str, str]


_store: FileStore | None = None


def provide(store_: FileStore) -> None:
    global _store
    _store = store_


def store() -> FileStore:
    if _store is None:
        raise ImproperlyConfigured("Les documents d'un dossier demandent l'application cactus.documents.")
    return _store


def kind_label(kind: str) -> str:
    return store().kind_labels[kind]


def returned_kind_choices() -> list[tuple[str, str]]:
    return [(kind, kind_label(kind)) for kind in RETURNED_KINDS]
