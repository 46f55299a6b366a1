from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models

from cactus.core.uploads import validate_uploaded_pdf
from cactus.core.validators import validate_siret
from cactus.law.identity import validate_code_diplome, validate_rncp, validate_uai


class Formation(models.Model):
    """A training course of the CFA, with the people who run it and how its dossiers are handled."""

    class ValidationMode(models.TextChoices):
        MANUAL = "manual", "Manuelle (le responsable de formation valide)"
        AUTOMATIC = "automatic", "Automatique (la demande de validation vaut validation)"

    class MissionMode(models.TextChoices):
        HIDDEN = "hidden", "Masqué"
        OPTIONAL = "optional", "Facultatif"
        REQUIRED = "required", "Obligatoire"

    title = models.CharField("intitulé", max_length=255)
    # the identifiers are checked wherever a formation is written (form,
    # demo, admin), not only on the page.
    diploma_code = models.CharField(
        "code diplôme", max_length=8, blank=True, validators=[validate_code_diplome]
    )
    rncp = models.CharField("code RNCP", max_length=12, blank=True, validators=[validate_rncp])
    level = models.CharField("niveau", max_length=2, blank=True, help_text="Niveau du diplôme visé (3 à 8).")
    start_date = models.DateField("date de début")
    end_date = models.DateField("date de fin")
    duration_hours = models.PositiveIntegerField("durée en heures")
    # CERFA 10103*14 (notice 51649#09): among the planned hours, those given while trainer and apprentice
    # are not in the same place.
    distance_hours = models.PositiveIntegerField(
        "dont heures de formation à distance",
        null=True,
        blank=True,
        help_text="Parmi les heures de formation, celles où le formateur et l'apprenti ne sont pas dans le même lieu.",
    )
    site_name = models.CharField("lieu de formation", max_length=255, blank=True)
    site_uai = models.CharField(
        "UAI du lieu de formation", max_length=8, blank=True, validators=[validate_uai]
    )
    site_siret = models.CharField(
        "SIRET du lieu de formation", max_length=14, blank=True, validators=[validate_siret]
    )
    site_street = models.CharField(
        "adresse du lieu de formation",
        max_length=255,
        blank=True,
        help_text="Numéro et voie ; laissez vide si la formation a lieu à l'adresse du CFA.",
    )
    site_postal_code = models.CharField("code postal du lieu de formation", max_length=5, blank=True)
    site_city = models.CharField("commune du lieu de formation", max_length=100, blank=True)
    # The contrat de professionnalisation's CERFA (EJ20) also asks these.
    nsf_code = models.CharField(
        "spécialité de formation (code NSF)", max_length=3, blank=True, help_text="3 chiffres, par ex. 326."
    )
    # Notice 51650#09, « Type de qualification visée »: 4 (2018 experiment, ended 2023) and 8 (VAE
    # experiment, loi 2022-1598) are not offered, 5 to 7 are repealed.
    qualification_type = models.CharField(
        "type de qualification visée (contrat de professionnalisation)",
        max_length=1,
        choices=[
            ("1", "1 – Certification enregistrée au RNCP autre qu'un CQP"),
            ("2", "2 – Certificat de qualification professionnelle (CQP)"),
            (
                "3",
                "3 – Qualification reconnue dans les classifications d'une convention collective nationale",
            ),
        ],
        default="1",
    )
    teaching_hours = models.PositiveIntegerField(
        "dont enseignements généraux, professionnels et technologiques (heures)", null=True, blank=True
    )
    # The economic terms of the convention de formation (annual amounts, in euros).
    annual_cost = models.DecimalField(
        "coût annuel de la formation", max_digits=9, decimal_places=2, null=True, blank=True
    )
    npec = models.DecimalField(
        "niveau de prise en charge (NPEC)",
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Montant annuel pris en charge par l'OPCO, s'il est connu (France compétences).",
    )
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="managed_formations",
        verbose_name="responsables de formation",
        blank=True,
    )
    cfa_advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="advised_formations",
        verbose_name="conseillère CFA",
        null=True,
        blank=True,
    )
    validation_mode = models.CharField(
        "mode de validation", max_length=10, choices=ValidationMode, default=ValidationMode.MANUAL
    )
    mission_mode = models.CharField(
        "onglet La mission", max_length=10, choices=MissionMode, default=MissionMode.OPTIONAL
    )
    is_active = models.BooleanField("active", default=True)
    # Uploaded by the formation; when absent, Cactus generates the document from the periods and modules below.
    calendar_file = models.FileField(
        "calendrier (PDF)",
        upload_to="formations/calendriers/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), validate_uploaded_pdf],
    )
    programme_file = models.FileField(
        "programme (PDF)",
        upload_to="formations/programmes/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), validate_uploaded_pdf],
    )

    class Meta:
        verbose_name = "formation"
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gt=models.F("start_date")),
                name="formation_ends_after_start",
                violation_error_message="La date de fin doit être postérieure à la date de début.",
            )
        ]

    def __str__(self) -> str:
        return self.title


class FormationPeriod(models.Model):
    """A stretch of the alternance calendar: at the CFA or in the company."""

    class Place(models.TextChoices):
        CFA = "cfa", "Au CFA"
        COMPANY = "company", "En entreprise"

    formation = models.ForeignKey(Formation, on_delete=models.CASCADE, related_name="periods")
    place = models.CharField("lieu", max_length=10, choices=Place)
    start_date = models.DateField("du")
    end_date = models.DateField("au")
    label = models.CharField("précision", max_length=120, blank=True, help_text="Par exemple « Examens ».")

    class Meta:
        verbose_name = "période du calendrier"
        verbose_name_plural = "périodes du calendrier"
        ordering = ["start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="formation_period_ends_after_start",
                violation_error_message="La fin de la période doit suivre son début.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_place_display()} du {self.start_date:%d/%m/%Y} au {self.end_date:%d/%m/%Y}"


class FormationModule(models.Model):
    """A teaching unit of the programme, with its hours."""

    formation = models.ForeignKey(Formation, on_delete=models.CASCADE, related_name="modules")
    position = models.PositiveSmallIntegerField("ordre", default=0)
    title = models.CharField("intitulé", max_length=255)
    hours = models.PositiveIntegerField("heures")
    description = models.TextField("contenu", blank=True, max_length=2000)

    class Meta:
        verbose_name = "module du programme"
        verbose_name_plural = "modules du programme"
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title
