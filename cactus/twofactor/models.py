from django.conf import settings
from django.db import models
from django.utils import timezone


class SecondFactorReset(models.Model):
    """A CFA administrator reset a colleague's second factor (lost or changed phone): who, when, whom, why.

    The addresses are copied at the time: the trace outlives a deleted account.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="second_factor_resets",
        verbose_name="personne",
    )
    user_email = models.EmailField("adresse de la personne")
    reset_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="réinitialisée par",
    )
    reset_by_email = models.EmailField("adresse de l'administrateur")
    reset_at = models.DateTimeField("réinitialisée le", default=timezone.now)
    reason = models.TextField("motif", max_length=2000)
    sessions_ended = models.PositiveIntegerField("sessions fermées")

    class Meta:
        verbose_name = "réinitialisation de la double authentification"
        verbose_name_plural = "réinitialisations de la double authentification"
        ordering = ["-reset_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user_email}, le {timezone.localtime(self.reset_at):%d/%m/%Y %H:%M}"
