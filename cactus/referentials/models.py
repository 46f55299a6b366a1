"""Versioned reference data: the SMIC table and the collective agreements (IDCC).

Dossiers copy what they use (IDCC label, branch, OPCO; SMIC amounts) into their own fields, so
changing a row here never rewrites a frozen dossier.
"""

from django.db import models


class SmicRate(models.Model):
    """The SMIC in force from `valid_from` in one territory (rules.md §3, R-3.3)."""

    class Territory(models.TextChoices):
        METROPOLE = "metropole", "France (métropole et outre-mer hors Mayotte)"
        MAYOTTE = "mayotte", "Mayotte (976)"

    valid_from = models.DateField("en vigueur à partir du")
    territory = models.CharField("territoire", max_length=10, choices=Territory, default=Territory.METROPOLE)
    hourly = models.DecimalField("montant horaire brut (€)", max_digits=6, decimal_places=2)
    monthly = models.DecimalField("montant mensuel brut 35 h (€)", max_digits=8, decimal_places=2)
    source = models.CharField("source", max_length=255, blank=True)

    class Meta:
        verbose_name = "SMIC"
        verbose_name_plural = "SMIC"
        ordering = ["territory", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "valid_from"], name="smic_one_rate_per_day_and_territory"
            )
        ]

    def __str__(self) -> str:
        return f"SMIC {self.get_territory_display()} au {self.valid_from:%d/%m/%Y} : {self.monthly} €"


class CollectiveAgreement(models.Model):
    """A convention collective by its IDCC, with the branch and OPCO it belongs to (rules.md §14)."""

    idcc = models.CharField("code IDCC", max_length=4, unique=True)
    label = models.CharField("libellé", max_length=500)
    branch = models.CharField("branche", max_length=500, blank=True)
    opco = models.CharField("OPCO", max_length=100, blank=True)
    is_active = models.BooleanField(
        "en vigueur", default=True, help_text="Décochez pour une convention abrogée, dénoncée ou remplacée."
    )
    updated_at = models.DateTimeField("mis à jour le", auto_now=True)

    class Meta:
        verbose_name = "convention collective"
        verbose_name_plural = "conventions collectives"
        ordering = ["idcc"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(idcc__regex=r"^[0-9]{4}$"),
                name="idcc_is_four_digits",
                violation_error_message="Le code IDCC doit comporter 4 chiffres.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.idcc} – {self.label}"
