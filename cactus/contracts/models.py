from django.conf import settings
from django.db import models
from django.utils import timezone

from cactus.contracts.grounds import GROUND_CHOICES, GROUNDS_BY_KEY, Initiator, Situation


class Rupture(models.Model):
    """The early end of a signed contract: when, who, on which legal ground, and what the alternant does after."""

    dossier = models.OneToOneField("dossiers.Dossier", on_delete=models.CASCADE, related_name="rupture")
    ruptured_on = models.DateField("date de la rupture")
    initiator = models.CharField("à l'initiative de", max_length=20, choices=Initiator)
    ground = models.CharField("motif", max_length=30, choices=GROUND_CHOICES)
    situation = models.CharField(
        "situation de l'alternant après la rupture", max_length=20, choices=Situation
    )
    # L6222-18-2: the last day the alternant may follow the training at the CFA without an employer.
    trainee_until = models.DateField(
        "stagiaire de la formation professionnelle jusqu'au", null=True, blank=True
    )
    comment = models.TextField("commentaire", blank=True, max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField("enregistrée le", default=timezone.now)

    class Meta:
        verbose_name = "rupture"
        indexes = [models.Index(fields=["situation", "trainee_until"], name="rupture_trainee_until")]

    def __str__(self) -> str:
        return f"Rupture du dossier {self.dossier_id} le {self.ruptured_on:%d/%m/%Y}"

    @property
    def article(self) -> str:
        return GROUNDS_BY_KEY[self.ground].article

    @property
    def ground_label(self) -> str:
        return GROUNDS_BY_KEY[self.ground].label


class Cancellation(models.Model):
    """A contract cancelled by the CFA before its start, with the reason."""

    dossier = models.OneToOneField("dossiers.Dossier", on_delete=models.CASCADE, related_name="cancellation")
    reason = models.TextField("motif de l'annulation", max_length=2000)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    cancelled_at = models.DateTimeField("annulé le", default=timezone.now)

    class Meta:
        verbose_name = "annulation"

    def __str__(self) -> str:
        return f"Annulation du dossier {self.dossier_id}"
