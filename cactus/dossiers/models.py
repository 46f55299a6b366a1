from django.conf import settings
from django.db import models
from django.utils import timezone

from cactus.dossiers.circuits import circuit_for
from cactus.dossiers.exceptions import InvalidTransition
from cactus.dossiers.states import AMENDMENT_TABS, ContractScheme, EntryMode, Status, VersionKind


class Dossier(models.Model):
    """One work-study contract file: who is party to it, where it stands, and its base data."""

    Status = Status
    VersionKind = VersionKind

    # The only place that says which moves are legal; services and templates ask it.
    TRANSITIONS = {
        Status.DRAFT: {Status.VALIDATION_REQUESTED, Status.CANCELLED},
        Status.VALIDATION_REQUESTED: {Status.VALIDATED, Status.DRAFT, Status.CANCELLED},
        Status.VALIDATED: {Status.DOCUMENTS_RETURNED, Status.DRAFT, Status.CANCELLED},
        Status.DOCUMENTS_RETURNED: {
            Status.DOCUMENTS_VALIDATED,
            Status.VALIDATED,
            Status.DRAFT,
            Status.RUPTURED,
            Status.CANCELLED,
        },
        Status.DOCUMENTS_VALIDATED: {
            Status.SENT_TO_OPCO,
            Status.CLOSED,
            Status.DRAFT,
            Status.RUPTURED,
            Status.CANCELLED,
        },
        # A signed contract ends early (rupture, from its start) or is cancelled before its start
        # (cactus/contracts; the services check the dates). Both are ends: nothing leaves them.
        Status.SENT_TO_OPCO: {Status.RUPTURED, Status.CANCELLED},
        Status.CLOSED: {Status.RUPTURED, Status.CANCELLED},
        Status.RUPTURED: set(),
        Status.CANCELLED: set(),
    }
    # Order of progress, to ask "has the dossier reached this step?". The two ends share a rank.
    PROGRESS = {
        Status.DRAFT: 0,
        Status.VALIDATION_REQUESTED: 1,
        Status.VALIDATED: 2,
        Status.DOCUMENTS_RETURNED: 3,
        Status.DOCUMENTS_VALIDATED: 4,
        Status.SENT_TO_OPCO: 5,
        Status.CLOSED: 5,
        Status.RUPTURED: 5,
        Status.CANCELLED: 0,  # a cancelled contract offers no document
    }
    # From these states on, nobody changes the data (guide: "les données ne pourront plus être modifiées").
    FROZEN_STATUSES = frozenset(set(Status) - {Status.DRAFT})
    # Not yet at the last step: the OPCO deadline still runs.
    OPEN_STATUSES = frozenset(
        set(Status) - {Status.SENT_TO_OPCO, Status.CLOSED, Status.RUPTURED, Status.CANCELLED}
    )
    # The ends: the contract was sent or closed, broken, or cancelled.
    ENDED_STATUSES = frozenset({Status.RUPTURED, Status.CANCELLED})

    formation = models.ForeignKey(
        "formations.Formation", on_delete=models.PROTECT, related_name="dossiers", verbose_name="formation"
    )
    alternant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="alternant_dossiers",
        verbose_name="alternant",
    )
    employer_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="employer_contact_dossiers",
        verbose_name="contact alternance",
        null=True,
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField("état", max_length=30, choices=Status, default=Status.DRAFT, db_index=True)
    # Kept up to date by the tab services: lists of thousands of dossiers cannot recompute it per row.
    is_entry_complete = models.BooleanField("saisie complète", default=False)
    # The keys of the data tabs with a check mark, kept with `is_entry_complete` ("Vos dossiers" progress).
    complete_tabs = models.JSONField("onglets complets", default=list, blank=True)

    # Données de base
    entry_mode = models.CharField("niveau de saisie", max_length=10, choices=EntryMode, blank=True)
    scheme = models.CharField("dispositif", max_length=20, choices=ContractScheme, blank=True)
    alternant_last_name = models.CharField("nom de l'alternant", max_length=100, blank=True)
    alternant_first_name = models.CharField("prénom de l'alternant", max_length=100, blank=True)
    alternant_birth_date = models.DateField("date de naissance de l'alternant", null=True, blank=True)
    siret = models.CharField("SIRET de l'établissement d'accueil", max_length=14, blank=True, db_index=True)
    contract_start = models.DateField("date de début du contrat", null=True, blank=True)
    contract_end = models.DateField("date de fin du contrat", null=True, blank=True)

    # Life-cycle dates, set by the services that move the dossier.
    validation_requested_at = models.DateTimeField(null=True, blank=True)
    validated_at = models.DateTimeField(null=True, blank=True)
    economic_validated_at = models.DateTimeField("éléments économiques validés le", null=True, blank=True)
    documents_returned_at = models.DateTimeField(null=True, blank=True)
    documents_validated_at = models.DateTimeField(null=True, blank=True)
    sent_to_opco_at = models.DateTimeField("envoyé à l'OPCO le", null=True, blank=True)

    # After the signature (cactus/contracts): which version of the contract this dossier is, and the
    # dossier it follows (the contract an avenant amends, or the previous contract of a succession).
    version_kind = models.CharField("nature", max_length=20, choices=VersionKind, default=VersionKind.INITIAL)
    previous_version = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_versions",
        verbose_name="contrat précédent ou contrat modifié",
    )
    amendment_type = models.CharField("type d'avenant", max_length=2, blank=True)
    # The number the OPCO gave the contract (DECA deposit number), once known: an avenant quotes it.
    contract_number = models.CharField("numéro du contrat (dépôt)", max_length=15, blank=True)
    # The previous contract as recorded when this next contract was created (employer, dates, year
    # reached, rate, outcome): Les données du contrat proposes its pay-case fields from it.
    carried_over = models.JSONField("contrat précédent (repris)", default=dict, blank=True)
    # The day of the rupture or of the cancellation ("Rompu le …", "Annulé le …").
    ended_on = models.DateField("rompu ou annulé le", null=True, blank=True)

    # Incremented on every save of data: forms carry it to refuse a lost update.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField("créé le", default=timezone.now)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "dossier"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["formation", "status"]),
            models.Index(fields=["employer_contact", "-created_at"]),
            models.Index(fields=["alternant_last_name", "alternant_first_name"]),
            # The lists' order ("Vos dossiers", the back office): newest first, the id breaking ties.
            # It carries what a search tests (the names, the people's ids), so that a common name
            # ("Lefèvre": 28,000 of 10^6 dossiers) walks the index only, reading no table page
            # (migration 0013, built CONCURRENTLY; SQLite ignores `include`).
            models.Index(
                fields=["-created_at", "-id"],
                name="dossier_newest_first_names",
                include=["alternant_last_name", "alternant_first_name", "alternant", "employer_contact"],
            ),
            # The late queue and send_reminders: open dossiers by contract start, then id (the
            # keyset's tie-breaker: a queue's page reads its rows in order, migration 0014). The
            # statuses are OPEN_STATUSES (a test checks it; a nested Meta cannot read the class's
            # attributes).
            models.Index(
                fields=["contract_start", "id"],
                name="dossier_open_start_id",
                condition=models.Q(
                    status__in=[
                        "draft",
                        "validation_requested",
                        "validated",
                        "documents_returned",
                        "documents_validated",
                    ]
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"Dossier {self.pk} – {self.alternant_display_name or self.alternant.email}"

    @property
    def alternant_display_name(self) -> str:
        return f"{self.alternant_last_name.upper()} {self.alternant_first_name}".strip()

    @property
    def is_frozen(self) -> bool:
        return self.status in self.FROZEN_STATUSES

    @property
    def status_label(self) -> str:
        if self.status == self.Status.DRAFT and self.is_entry_complete:
            return "Saisie complète"
        if self.status == self.Status.SENT_TO_OPCO:
            return circuit_for(self).final_label  # "Transmis à la DDETS" for public employers
        if self.status in self.ENDED_STATUSES and self.ended_on:
            return f"{self.get_status_display()} le {self.ended_on:%d/%m/%Y}"
        return self.get_status_display()

    @property
    def is_amendment(self) -> bool:
        return self.version_kind == VersionKind.AMENDMENT

    def is_tab_open_in_version(self, tab: str) -> bool:
        """An avenant opens only the tabs its type concerns (states.AMENDMENT_TABS); others are read-only."""
        if not self.is_amendment:
            return True
        return tab in AMENDMENT_TABS.get(self.amendment_type, set())

    def has_reached(self, status: str) -> bool:
        return self.PROGRESS[self.status] >= self.PROGRESS[status]

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]

    def move_to(self, status: str) -> None:
        if not self.can_move_to(status):
            raise InvalidTransition(self.status_label, self.Status(status).label)
        self.status = status


class DossierEvent(models.Model):
    """Who did what to a dossier, and when: the history shown in Suivi - Info and the back office."""

    class Action(models.TextChoices):
        CREATED = "created", "Inscription de l'alternant"
        INVITATION_SENT = "invitation_sent", "Invitation envoyée"
        EMPLOYER_CONTACT_CHANGED = "employer_contact_changed", "Contact alternance saisi"
        TAB_SAVED = "tab_saved", "Onglet enregistré"
        STATUS_CHANGED = "status_changed", "Changement d'état"
        DOCUMENT_UPLOADED = "document_uploaded", "Document déposé"
        DOCUMENT_GENERATED = "document_generated", "Document produit"
        ECONOMIC_VALIDATED = "economic_validated", "Éléments économiques validés"
        REOPENED = "reopened", "Dossier rouvert par le CFA"
        REMINDER_SENT = "reminder_sent", "Relance envoyée"
        SMIC_CHANGED = "smic_changed", "Nouveau SMIC : rémunération sous le minimum"
        VERSION_CREATED = "version_created", "Nouvelle version du contrat (avenant, nouveau contrat)"
        OPCO_DECLARATION = "opco_declaration", "Déclaration à l'OPCO"

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=40, choices=Action)
    from_status = models.CharField(max_length=30, blank=True)
    to_status = models.CharField(max_length=30, blank=True)
    # {"field": [old, new], ...} for data changes, or a free dict of details.
    changes = models.JSONField(default=dict, blank=True)
    comment = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "événement"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["dossier", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.created_at:%d/%m/%Y %H:%M})"


class TabDraft(models.Model):
    """What one person typed on a tab page and did not validate: shown back to them, never used as data.

    Not read by the check marks, the documents or the exports; deleted when the tab is validated by
    that person and, for every tab, when the dossier is frozen (Demande de validation).
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="drafts")
    tab = models.CharField(max_length=20)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The page's fields as posted: {"employer-siret": "...", ...}; lists for multiple values.
    values = models.JSONField(default=dict)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "brouillon d'onglet"
        constraints = [
            models.UniqueConstraint(fields=["dossier", "tab", "author"], name="one_draft_per_tab_and_author")
        ]

    def __str__(self) -> str:
        return f"Brouillon {self.tab} du dossier {self.dossier_id} ({self.updated_at:%d/%m/%Y %H:%M})"


# Data of the tabs. Codes of the official lists are stored as strings without `choices`: the lists
# live in `cactus.referentials.codes` and change with CERFA versions; a stored dossier keeps its code.
# Each block is a row of its own, created on the first "Valider" of its tab.


class AddressFields(models.Model):
    """A French postal address as the CERFA asks it (n°, indice de répétition, voie, complément, CP, commune)."""

    address_number = models.CharField("n°", max_length=10, blank=True)
    address_repetition = models.CharField("indice de répétition (bis, ter…)", max_length=10, blank=True)
    address_street = models.CharField("voie", max_length=200, blank=True)
    address_complement = models.CharField("complément", max_length=200, blank=True)
    postal_code = models.CharField("code postal", max_length=5, blank=True)
    city = models.CharField("commune", max_length=100, blank=True)

    class Meta:
        abstract = True


class Employer(AddressFields):
    """L'employeur: the establishment that hosts the alternant, its signatory and billing details."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="employer")
    name = models.CharField("dénomination", max_length=200)
    phone = models.CharField("téléphone", max_length=20)
    email = models.EmailField("courriel")
    employer_type = models.CharField("type d'employeur", max_length=2)
    specific_employer = models.CharField("employeur spécifique", max_length=1, default="0")
    naf = models.CharField("code NAF", max_length=6)
    headcount = models.PositiveIntegerField("effectif total salariés de l'entreprise")
    idcc = models.CharField("code IDCC", max_length=4)
    idcc_label = models.CharField("convention collective", max_length=255, blank=True)
    idcc_branch = models.CharField("branche", max_length=255, blank=True)
    idcc_opco = models.CharField("OPCO", max_length=100, blank=True)
    is_monegasque = models.BooleanField("entreprise monégasque", default=False)
    # CERFA EJ20 (12434*05) only: Particulier-employeur oui / non and its URSSAF number.
    is_individual_employer = models.BooleanField("particulier-employeur", null=True, blank=True)
    urssaf_number = models.CharField("N° URSSAF du particulier-employeur", max_length=20, blank=True)
    public_unemployment_scheme = models.BooleanField(
        "adhésion de l'apprenti au régime spécifique d'assurance chômage", default=False
    )
    mentor_eligibility_attested = models.BooleanField(
        "attestation d'éligibilité du maître d'apprentissage", default=False
    )
    # The "Responsable": the employer's signatory of the convention de formation (guide, "L'EMPLOYEUR").
    signatory_last_name = models.CharField("nom du responsable", max_length=100)
    signatory_first_name = models.CharField("prénom du responsable", max_length=100)
    signatory_position = models.CharField("fonction du responsable", max_length=100)
    signatory_email = models.EmailField("courriel du responsable")
    signatory_phone = models.CharField("téléphone du responsable", max_length=20, blank=True)
    # Informations de facturation: only for a contrat de professionnalisation, a public employer
    # or a Monegasque company (guide, "L'EMPLOYEUR"); empty otherwise.
    billing_name = models.CharField("raison sociale à facturer", max_length=200, blank=True)
    billing_siret = models.CharField("SIRET de facturation", max_length=14, blank=True)
    billing_address = models.CharField("adresse de facturation", max_length=255, blank=True)
    billing_postal_code = models.CharField("code postal de facturation", max_length=5, blank=True)
    billing_city = models.CharField("commune de facturation", max_length=100, blank=True)
    billing_email = models.EmailField("courriel de facturation", blank=True)
    billing_reference = models.CharField(
        "référence de commande ou n° d'engagement", max_length=100, blank=True
    )

    class Meta:
        verbose_name = "employeur"

    def __str__(self) -> str:
        return self.name

    @property
    def department(self) -> str:
        """Département from the postal code (976 Mayotte drives its own SMIC, rules.md R-2.12)."""
        code = self.postal_code
        if code.startswith("97") or code.startswith("98"):
            return code[:3]
        if code.startswith("20"):
            return "2A" if code < "20200" else "2B"
        return code[:2]


class Mentor(models.Model):
    """Maître d'apprentissage (apprentissage) or tuteur (professionnalisation), n° 1 or n° 2."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="mentors")
    position = models.PositiveSmallIntegerField("rang", choices=[(1, "n° 1"), (2, "n° 2")])
    last_name = models.CharField("nom de naissance", max_length=100)
    first_name = models.CharField("prénom", max_length=100)
    birth_date = models.DateField("date de naissance")
    email = models.EmailField("courriel")
    job_title = models.CharField("emploi occupé", max_length=150)
    diploma = models.CharField("diplôme ou titre le plus élevé obtenu", max_length=200)
    diploma_level = models.CharField("niveau du diplôme ou titre le plus élevé", max_length=1)

    class Meta:
        verbose_name = "maître d'apprentissage ou tuteur"
        ordering = ["dossier", "position"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "position"], name="one_mentor_per_position")
        ]

    def __str__(self) -> str:
        return f"{self.last_name.upper()} {self.first_name}"


class AlternantDetails(AddressFields):
    """L'alternant: the alternant's identity, situation and diplomas, and their legal representative."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="alternant_details")
    usage_name = models.CharField("nom d'usage", max_length=100, blank=True)
    sex = models.CharField("sexe", max_length=1)
    nir = models.CharField("NIR (numéro de sécurité sociale)", max_length=15)
    birth_department = models.CharField("département de naissance", max_length=3)
    birth_city = models.CharField("commune de naissance", max_length=100)
    nationality = models.CharField("nationalité", max_length=1)
    social_regime = models.CharField("régime social", max_length=1)
    phone = models.CharField("téléphone", max_length=20)
    email = models.EmailField("courriel")
    is_high_level_athlete = models.BooleanField("sportif de haut niveau", default=False)
    has_rqth = models.BooleanField("reconnaissance travailleur handicapé (RQTH)", default=False)
    rqth_youth_equivalence = models.BooleanField("RQTH : équivalence jeunes", default=False)
    rqth_boe_extension = models.BooleanField("RQTH : extension BOE", default=False)
    has_business_project = models.BooleanField("projet de création ou de reprise d'entreprise", default=False)
    # Saisie simple only (Les données du contrat holds it in saisie complète): the age derogation
    # asks for (11 under 16, 12 from 30, 50 cumul).
    age_derogation = models.CharField("type de dérogation d'âge", max_length=2, blank=True)
    prior_situation = models.CharField("situation avant ce contrat", max_length=2)
    last_diploma_prepared = models.CharField("dernier diplôme ou titre préparé", max_length=2)
    last_class = models.CharField("dernière classe ou année suivie", max_length=2)
    last_diploma_title = models.CharField(
        "intitulé précis du dernier diplôme ou titre préparé", max_length=255
    )
    highest_diploma = models.CharField("diplôme ou titre le plus élevé obtenu", max_length=2)
    # Contrat de professionnalisation: job seekers and minimum-income beneficiaries (EJ20).
    is_job_seeker = models.BooleanField("inscrit à France Travail", null=True, blank=True)
    job_seeker_id = models.CharField("identifiant France Travail", max_length=20, blank=True)
    job_seeker_months = models.PositiveIntegerField("durée d'inscription (mois)", null=True, blank=True)
    social_minimum = models.CharField("bénéficiaire d'un minimum social", max_length=3, blank=True)
    # Représentant légal: required when the alternant is a minor at the date of conclusion.
    is_emancipated = models.BooleanField("mineur émancipé", default=False)
    representative_last_name = models.CharField("nom du représentant légal", max_length=100, blank=True)
    representative_first_name = models.CharField("prénom du représentant légal", max_length=100, blank=True)
    representative_email = models.EmailField("courriel du représentant légal", blank=True)
    representative_same_address = models.BooleanField("vit à la même adresse que l'alternant", default=True)
    representative_address = models.CharField("adresse du représentant légal", max_length=255, blank=True)
    representative_postal_code = models.CharField(
        "code postal du représentant légal", max_length=5, blank=True
    )
    representative_city = models.CharField("commune du représentant légal", max_length=100, blank=True)

    class Meta:
        verbose_name = "données de l'alternant"
        verbose_name_plural = "données des alternants"

    def __str__(self) -> str:
        return f"Alternant du dossier {self.dossier_id}"


class StudentLife(models.Model):
    """Vie étudiante: what the CFA needs to look after the alternant (the employer enters nothing here)."""

    class Housing(models.TextChoices):
        FAMILY = "family", "Chez mes parents ou ma famille"
        OWN = "own", "Logement personnel"
        STUDENT = "student", "Résidence étudiante ou foyer de jeunes travailleurs"
        OTHER = "other", "Autre"

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="student_life")
    emergency_contact_name = models.CharField("personne à prévenir en cas d'urgence", max_length=150)
    emergency_contact_phone = models.CharField("téléphone de la personne à prévenir", max_length=20)
    housing = models.CharField("logement pendant la formation", max_length=10, choices=Housing)
    has_driving_licence = models.BooleanField("titulaire du permis B", default=False)
    has_vehicle = models.BooleanField("véhiculé", default=False)
    needs_accommodation = models.BooleanField(
        "besoin d'un aménagement des études ou des examens", default=False
    )
    accommodation_details = models.TextField("aménagement souhaité", blank=True, max_length=2000)
    accepts_image_use = models.BooleanField("accepte l'utilisation de son image par le CFA", default=False)

    class Meta:
        verbose_name = "vie étudiante"
        verbose_name_plural = "vie étudiante"

    def __str__(self) -> str:
        return f"Vie étudiante du dossier {self.dossier_id}"


class Contract(models.Model):
    """Les données du contrat (saisie complète). Start and end dates stay on the dossier (Données de base)."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="contract")
    contract_mode = models.CharField("mode contractuel", max_length=1)
    contract_type = models.CharField("type de contrat ou d'avenant", max_length=2)
    derogation_type = models.CharField("type de dérogation", max_length=2, blank=True)
    previous_contract_number = models.CharField("numéro du contrat précédent", max_length=15, blank=True)
    conclusion_date = models.DateField("date de conclusion")
    practical_training_start = models.DateField(
        "date de début de formation pratique chez l'employeur", null=True, blank=True
    )
    amendment_effective_date = models.DateField("date d'effet de l'avenant", null=True, blank=True)
    # Pay cases of the law (apprenticeship): shortened cycle (D6222-28-1), previous contract
    # (types 21–23: D6222-28, D6222-29, D6222-30), prolongation for a handicap (R6222-47, R6222-48).
    first_cycle_year = models.PositiveSmallIntegerField(
        "année du cycle de formation à laquelle commence le contrat", default=1
    )
    previous_contract_end = models.DateField("date de fin du contrat précédent", null=True, blank=True)
    previous_contract_last_year = models.PositiveSmallIntegerField(
        "dernière année d'exécution du contrat précédent", null=True, blank=True
    )
    previous_contract_outcome = models.CharField("issue du contrat précédent", max_length=10, blank=True)
    previous_contract_rate = models.DecimalField(
        "taux perçu la dernière année du contrat précédent (%)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    is_same_level_diploma = models.BooleanField(
        "diplôme de même niveau que celui obtenu, en rapport direct", default=False
    )
    disability_extension_start = models.DateField(
        "début de la prolongation liée au handicap", null=True, blank=True
    )
    job_title = models.CharField("emploi occupé pendant le contrat", max_length=150, blank=True)
    weekly_hours = models.PositiveSmallIntegerField("durée hebdomadaire du travail (heures)")
    weekly_minutes = models.PositiveSmallIntegerField("durée hebdomadaire du travail (minutes)", default=0)
    dangerous_machines = models.BooleanField(
        "travail sur machines dangereuses ou exposition à des risques particuliers", default=False
    )
    smc = models.DecimalField(
        "salaire minimum conventionnel (SMC) mensuel", max_digits=8, decimal_places=2, null=True, blank=True
    )
    hiring_salary = models.DecimalField("salaire brut mensuel à l'embauche", max_digits=8, decimal_places=2)
    pension_fund = models.CharField("caisse de retraite complémentaire", max_length=100)
    # CERFA EJ20 (12434*05) only: prévoyance, classification, période d'essai, and the tuteur of the
    # entreprise utilisatrice when the contract is a contrat de travail temporaire.
    provident_fund = models.CharField("organisme de prévoyance", max_length=100, blank=True)
    classification = models.CharField(
        "classification de l'emploi dans la convention collective", max_length=150, blank=True
    )
    classification_level = models.CharField("niveau", max_length=20, blank=True)
    coefficient = models.CharField("coefficient hiérarchique", max_length=20, blank=True)
    trial_period_days = models.PositiveSmallIntegerField(
        "durée de la période d'essai (jours)", null=True, blank=True
    )
    user_company_tutor_last_name = models.CharField(
        "nom du tuteur de l'entreprise utilisatrice", max_length=100, blank=True
    )
    user_company_tutor_first_name = models.CharField(
        "prénom du tuteur de l'entreprise utilisatrice", max_length=100, blank=True
    )
    user_company_tutor_job_title = models.CharField(
        "emploi occupé du tuteur de l'entreprise utilisatrice", max_length=150, blank=True
    )
    user_company_tutor_birth_date = models.DateField(
        "date de naissance du tuteur de l'entreprise utilisatrice", null=True, blank=True
    )
    has_benefits_in_kind = models.BooleanField("avantages en nature", default=False)
    benefit_food = models.DecimalField(
        "nourriture (€ par repas)", max_digits=6, decimal_places=2, null=True, blank=True
    )
    benefit_housing = models.DecimalField(
        "logement (€ par mois)", max_digits=7, decimal_places=2, null=True, blank=True
    )
    benefit_other = models.BooleanField("autre avantage en nature", default=False)
    # CERFA, signatures: "Fait à" and the employer's attestation about the supporting documents.
    signature_place = models.CharField("fait à", max_length=100, blank=True)
    documents_attested = models.BooleanField(
        "l'employeur atteste disposer de l'ensemble des pièces justificatives", default=False
    )

    class Meta:
        verbose_name = "données du contrat"
        verbose_name_plural = "données des contrats"

    def __str__(self) -> str:
        return f"Contrat du dossier {self.dossier_id}"


class RemunerationLine(models.Model):
    """One line of the CERFA's rémunération block: year n, period p, dates, rate and base."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="remuneration_lines")
    year = models.PositiveSmallIntegerField("année")
    period = models.PositiveSmallIntegerField("période")
    start = models.DateField("du")
    end = models.DateField("au")
    rate = models.DecimalField("taux (%)", max_digits=5, decimal_places=2)
    minimum_rate = models.DecimalField("taux minimum légal (%)", max_digits=5, decimal_places=2)
    base = models.CharField("base", max_length=4)
    amount = models.DecimalField("montant brut mensuel", max_digits=8, decimal_places=2)

    class Meta:
        verbose_name = "ligne de rémunération"
        verbose_name_plural = "lignes de rémunération"
        ordering = ["dossier", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "year", "period"], name="one_remuneration_line_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}.{self.period} : {self.rate} % du {self.base}"


class Mission(models.Model):
    """La mission: what the alternant will do at the employer (shown, optional or required per formation)."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="mission")
    job_title = models.CharField("intitulé du poste", max_length=150, blank=True)
    # Bounded: each save copies the changed text into the history (DossierEvent.changes).
    description = models.TextField("missions confiées à l'alternant", blank=True, max_length=5000)
    skills = models.TextField("compétences mises en œuvre", blank=True, max_length=5000)

    class Meta:
        verbose_name = "mission"

    def __str__(self) -> str:
        return f"Mission du dossier {self.dossier_id}"


class SentReminder(models.Model):
    """One deadline reminder, sent once: `send_reminders` may run many times a day (unique row)."""

    class Kind(models.TextChoices):
        BEFORE_DEADLINE = "before_deadline", "Relance du contact avant l'échéance"
        DEADLINE_PASSED = "deadline_passed", "Alerte à la conseillère : échéance dépassée"

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="sent_reminders")
    kind = models.CharField("relance", max_length=20, choices=Kind)
    # A new start date (after a reopening) gives a new due date, hence a new reminder.
    due_date = models.DateField("échéance")
    created_at = models.DateTimeField("envoyée le", default=timezone.now)

    class Meta:
        verbose_name = "relance envoyée"
        verbose_name_plural = "relances envoyées"
        db_table = "notifications_sentreminder"  # the table it had in notifications: moved, not copied
        constraints = [
            models.UniqueConstraint(fields=["dossier", "kind", "due_date"], name="one_reminder_per_due_date")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – dossier {self.dossier_id} ({self.due_date:%d/%m/%Y})"


class PayBelowMinimum(models.Model):
    """A dossier past "Validation demandée" whose pay is below the minimum a new SMIC sets (R-3.3).

    Written by `smic.record_smic_change`, one per dossier and SMIC value; lists the dossier in the
    back-office queue "Rémunération sous le nouveau minimum" until the CFA marks it handled.
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="pay_below_minimum")
    smic = models.ForeignKey(
        "referentials.SmicRate", on_delete=models.PROTECT, related_name="+", verbose_name="SMIC"
    )
    starts_on = models.DateField("à partir du")
    minimum = models.DecimalField("nouveau minimum mensuel", max_digits=8, decimal_places=2)
    agreed = models.DecimalField("montant prévu", max_digits=8, decimal_places=2)
    created_at = models.DateTimeField("signalé le", default=timezone.now)
    handled_at = models.DateTimeField("traité le", null=True, blank=True)

    class Meta:
        verbose_name = "rémunération sous le nouveau minimum"
        verbose_name_plural = "rémunérations sous le nouveau minimum"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "smic"], name="one_pay_below_minimum_per_smic")
        ]

    def __str__(self) -> str:
        return f"Dossier {self.dossier_id} : {self.agreed} € < {self.minimum} € au {self.starts_on:%d/%m/%Y}"
