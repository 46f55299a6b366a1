from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "cactus.documents"
    verbose_name = "Documents"

    def ready(self) -> None:
        # dossiers may not import documents: hand it what its life-cycle needs (dossiers/files.py).
        from cactus.documents import uploads
        from cactus.documents.models import Document
        from cactus.dossiers import files

        files.provide(
            files.FileStore(
                store_uploaded_pdf=uploads.store_uploaded_pdf,
                current_signed_documents=uploads.current_signed_documents,
                uploaded_document=uploads.uploaded_document,
                kind_labels=dict(Document.Kind.choices),
            )
        )
