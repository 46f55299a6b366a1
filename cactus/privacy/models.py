from django.db import models
from django.utils import timezone


class Anonymisation(models.Model):
    """The record that a dossier's personal data was erased at the end of its retention period.

    Kept without any personal data, so the CFA can show when and under which rule it purged.
    """

    dossier = models.OneToOneField(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="anonymisation", verbose_name="dossier"
    )
    retention_end = models.DateField("fin de la durée de conservation")
    performed_at = models.DateTimeField("anonymisé le", default=timezone.now)
    documents_deleted = models.PositiveIntegerField("documents supprimés", default=0)
    emails_deleted = models.PositiveIntegerField("e-mails supprimés", default=0)
    accounts_anonymised = models.PositiveIntegerField("comptes anonymisés", default=0)

    class Meta:
        verbose_name = "anonymisation"
        ordering = ["-performed_at"]

    def __str__(self) -> str:
        return f"Dossier {self.dossier_id} anonymisé le {self.performed_at:%d/%m/%Y}"
