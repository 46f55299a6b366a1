"""The forms of the data tabs: one page = a few prefixed forms, valid only all together.

Each form knows its `block` (where the save service writes it) and the dossier it belongs to, so
cross-tab rules (age at the contract's dates, minor at the date of conclusion) read the other
tabs' stored data. Legal rules are asked to `cactus.core.rules`; their violations become errors
beside the field concerned, with the rule id.
"""

from datetime import date

from django import forms

from cactus.core.rules import RuleViolation, identity
from cactus.core.rules import age as age_rules
from cactus.core.rules import mentor as mentor_rules
from cactus.core.validators import validate_siret
from cactus.dossiers.forms import rule_message
from cactus.dossiers.models import (
    AlternantDetails,
    ContractScheme,
    Dossier,
    Employer,
    EntryMode,
    Mentor,
    Mission,
    StudentLife,
)
from cactus.dossiers.models import Contract as ContractModel
from cactus.referentials import codes
from cactus.referentials.selectors import lookup_idcc
from cactus.referentials.validators import validate_idcc

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YES_NO = [(True, "Oui"), (False, "Non")]

# Contrat de professionnalisation codes (EJ20, cerfa-professionnalisation.md §3.4): not in the referentials.
PROFESSIONALISATION_NATURES = [
    ("1", "Contrat à durée déterminée (CDD)"),
    ("2", "Contrat à durée indéterminée (CDI)"),
]
PROFESSIONALISATION_CONTRACT_TYPES = [
    ("1", "Contrat initial"),
    ("2", "Nouveau contrat (échec aux épreuves d'évaluation)"),
    ("3", "Nouveau contrat (défaillance de l'organisme de formation)"),
    ("4", "Nouveau contrat (maternité, maladie, accident du travail)"),
    ("5", "Avenant"),
]
SOCIAL_MINIMA = [
    ("", "Aucun"),
    ("rsa", "RSA"),
    ("ass", "ASS"),
    ("aah", "AAH"),
    ("cui", "Ancien contrat unique d'insertion (CUI)"),
]
# cerfa-apprentissage.md §8.10: the anchor's list, offered as suggestions (the CERFA box is free text).
PENSION_FUNDS = [
    "AG2R Agirc-Arrco", "Agrica", "Apicil", "Audiens", "B2V", "Banque de France", "BTPR", "CARCDSF",
    "CARMF", "CARPIMKO", "CARPV", "CAVAMAC", "CAVEC", "CAVOM", "CAVP", "CGRR", "CIPAV", "CNAV",
    "CNAVPL", "CNBF", "CNIEG", "CNRACL", "CPRN", "CPRP SNCF", "Cropera", "CRP RATP", "CRPCEN",
    "CRPCF", "CRPN", "CRR", "ENIM", "FSPOEIE", "IRCANTEC", "IRCEC", "Ircem", "Ircom", "IRP Auto",
    "Klesia Carcept", "Lourmel", "Malakoff Humanis", "MSA", "Port autonome de Strasbourg",
    "PRO BTP", "Retraite des mines", "SSI",
]  # fmt: skip
# Dernière classe 40: the young person completed collège, which allows a start at 15.
COLLEGE_COMPLETED = "40"
# Diplomas of level bac and above that are professional (+10 points for a contrat pro, rules.md §4).
PROFESSIONAL_QUALIFICATION_FROM_BAC = {"41", "49", "54", "55", "58", "62", "64", "69", "71", "74", "79"}


def choices_of(text_choices, *, empty: str = "---------") -> list[tuple[str, str]]:
    return [("", empty)] + [(value, f"{value} – {label}") for value, label in text_choices.choices]


def conclusion_date_of(dossier: Dossier) -> date | None:
    """Date de conclusion from Les données du contrat; the contract start when it is not entered (saisie simple)."""
    contract = getattr(dossier, "contract", None)
    if contract is not None and contract.conclusion_date:
        return contract.conclusion_date
    return dossier.contract_start


def related(dossier: Dossier, name: str):
    """The dossier's row for a tab block, or None when the tab was never validated."""
    try:
        return getattr(dossier, name)
    except (
        Employer.DoesNotExist,
        AlternantDetails.DoesNotExist,
        StudentLife.DoesNotExist,
        ContractModel.DoesNotExist,
        Mission.DoesNotExist,
    ):
        return None


class TabForm(forms.ModelForm):
    """A block of a tab page. `block` names where the save service writes its cleaned data."""

    block = ""
    legend = ""
    intro = ""
    # False for a block the page does not show (its data is then cleared on save).
    is_shown = True
    # True for a block rendered hidden, that a script shows when it becomes required.
    is_hidden_block = False
    # Rule field names (as the rules engine names them) → this form's field names.
    violation_fields: dict[str, str] = {}

    def __init__(self, *args, dossier: Dossier, **kwargs):
        self.dossier = dossier
        self.warnings: list[str] = []
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DATE_WIDGET

    @property
    def is_apprenticeship(self) -> bool:
        return self.dossier.scheme == ContractScheme.APPRENTICESHIP

    def add_violations(self, violations: list[RuleViolation]) -> None:
        for violation in violations:
            if violation.is_warning:
                self.warnings.append(rule_message(violation))
                continue
            field = self.violation_fields.get(violation.field, violation.field)
            self.add_error(field if field in self.fields else None, rule_message(violation))

    def clean_phone_field(self, name: str) -> str:
        value = self.cleaned_data.get(name, "")
        return identity.normalize_phone(value) if value else value

    def block_data(self) -> dict:
        # Only the fields this page shows: a block drops those of the other dispositif.
        return {name: self.cleaned_data.get(name) for name in self._meta.fields if name in self.fields}

    def page_data(self) -> dict:
        """What this form gives the save service: {block: data}; blocks of a page are merged."""
        return {self.block: self.block_data()}


# L'employeur ---------------------------------------------------------------------------------


def billing_is_required(dossier: Dossier, employer_type: str, is_monegasque: bool) -> bool:
    """Informations de facturation: contrat pro, public employer (type > 20) or Monegasque company (guide)."""
    return (
        dossier.scheme == ContractScheme.PROFESSIONALISATION
        or codes.is_public_employer(employer_type or "")
        or bool(is_monegasque)
    )


class EmployerForm(TabForm):
    block = "employer"
    legend = "L'employeur"

    employer_type = forms.ChoiceField(label="Type d'employeur", choices=choices_of(codes.EmployerType))
    specific_employer = forms.ChoiceField(
        label="Employeur spécifique", choices=choices_of(codes.SpecificEmployer)[1:], initial="0"
    )
    idcc = forms.CharField(
        label="Code IDCC de la convention collective applicable",
        max_length=4,
        help_text="4 chiffres ; 9999 si sans convention collective. Le libellé, la branche et l'OPCO se remplissent seuls.",
    )

    class Meta:
        model = Employer
        fields = [
            "name", "address_number", "address_repetition", "address_street", "address_complement",
            "postal_code", "city", "phone", "email", "employer_type", "specific_employer", "naf",
            "headcount", "idcc", "idcc_label", "idcc_branch", "idcc_opco", "is_monegasque",
            "public_unemployment_scheme", "mentor_eligibility_attested",
        ]  # fmt: skip
        labels = {
            "name": "Nom et prénom ou dénomination de l'employeur",
            "phone": "Téléphone de l'employeur",
            "email": "Courriel de l'employeur",
            "naf": "Code activité de l'entreprise (NAF)",
            "idcc_label": "Libellé de la convention collective",
            "is_monegasque": "Entreprise monégasque",
            "public_unemployment_scheme": "Employeur public : l'alternant adhère au régime spécifique d'assurance chômage",
            "mentor_eligibility_attested": "L'employeur atteste sur l'honneur que le maître d'apprentissage (ou le tuteur) "
            "répond à l'ensemble des critères d'éligibilité à cette fonction",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("idcc_label", "idcc_branch", "idcc_opco"):
            self.fields[name].required = False
            self.fields[name].widget.attrs["readonly"] = True
        self.fields["idcc"].widget.attrs.update({"inputmode": "numeric", "data-idcc-lookup": "1"})
        self.fields["mentor_eligibility_attested"].required = True
        for name in ("address_street", "postal_code", "city"):
            self.fields[name].required = True
        if not self.is_apprenticeship:
            self.fields["mentor_eligibility_attested"].label = (
                "L'employeur atteste sur l'honneur que le tuteur répond à l'ensemble des critères "
                "d'éligibilité à cette fonction"
            )

    def clean_phone(self) -> str:
        return self.clean_phone_field("phone")

    def clean_naf(self) -> str:
        return identity.validate_naf(self.cleaned_data["naf"])

    def clean_postal_code(self) -> str:
        return clean_postal_code(self.cleaned_data["postal_code"])

    def clean_idcc(self) -> str:
        # unknown, malformed or obsolete codes are refused with the referential's message.
        return validate_idcc(self.cleaned_data["idcc"]).idcc

    def clean(self):
        cleaned = super().clean()
        # the label, branch and OPCO come from the referential, also without JavaScript.
        agreement = lookup_idcc(cleaned["idcc"]) if cleaned.get("idcc") else None
        cleaned.update(
            idcc_label=agreement.label if agreement else "",
            idcc_branch=agreement.branch if agreement else "",
            idcc_opco=agreement.opco if agreement else "",
        )
        if cleaned.get("employer_type") and not codes.is_public_employer(cleaned["employer_type"]):
            cleaned["public_unemployment_scheme"] = False
        if (
            self.dossier.scheme == ContractScheme.PROFESSIONALISATION
            and cleaned.get("employer_type")
            and codes.is_public_administration(cleaned["employer_type"])
        ):
            self.add_error(
                "employer_type",
                "Le contrat de professionnalisation n'est pas ouvert aux administrations publiques : "
                "seuls les EPIC (type 30) peuvent le conclure. Choisissez le type exact ou le dispositif Apprentissage.",
            )
        return cleaned


class SignatoryForm(TabForm):
    """The Responsable: the employer's signatory of the convention de formation (guide, "L'EMPLOYEUR")."""

    block = "employer"
    legend = "Le Responsable (signataire de la convention)"

    class Meta:
        model = Employer
        fields = [
            "signatory_last_name", "signatory_first_name", "signatory_position", "signatory_email",
            "signatory_phone",
        ]  # fmt: skip
        labels = {
            "signatory_last_name": "Nom du Responsable",
            "signatory_first_name": "Prénom du Responsable",
            "signatory_position": "Fonction du Responsable",
            "signatory_email": "Courriel du Responsable",
            "signatory_phone": "Téléphone du Responsable",
        }

    def clean_signatory_last_name(self) -> str:
        return person_name(self.cleaned_data["signatory_last_name"])

    def clean_signatory_first_name(self) -> str:
        return person_name(self.cleaned_data["signatory_first_name"])

    def clean_signatory_phone(self) -> str:
        return self.clean_phone_field("signatory_phone")


def clean_postal_code(value: str) -> str:
    # R-13.5 (format only: the existence check needs the BAN API, not reachable offline).
    value = (value or "").replace(" ", "")
    if value and (len(value) != 5 or not value.isdigit()):
        raise forms.ValidationError("Le code postal doit comporter 5 chiffres.")
    return value


class BillingForm(TabForm):
    block = "employer"
    legend = "Informations de facturation"
    required_names = (
        "billing_name",
        "billing_address",
        "billing_postal_code",
        "billing_city",
        "billing_email",
    )

    class Meta:
        model = Employer
        fields = [
            "billing_name", "billing_siret", "billing_address", "billing_postal_code", "billing_city",
            "billing_email", "billing_reference",
        ]  # fmt: skip
        labels = {
            "billing_name": "Raison sociale à facturer",
            "billing_siret": "SIRET à facturer",
            "billing_reference": "Référence de commande, n° d'engagement ou code service (Chorus Pro)",
        }

    def __init__(self, *args, is_required: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_required = is_required
        self.is_hidden_block = not is_required
        for name in self.required_names:
            self.fields[name].required = is_required

    def clean_billing_siret(self) -> str:
        value = self.cleaned_data["billing_siret"]
        return validate_siret(value) if value else value

    def clean_billing_postal_code(self) -> str:
        return clean_postal_code(self.cleaned_data["billing_postal_code"])

    def block_data(self) -> dict:
        if not self.is_required:  # hidden block: nothing is kept
            return {name: "" for name in self._meta.fields}
        return super().block_data()


class MentorForm(TabForm):
    """Maître d'apprentissage (or tuteur) n° 1 (mandatory) or n° 2 (all or nothing)."""

    block = "mentors"
    violation_fields = {"mentor_birth_date": "birth_date", "mentor_experience_years": None}
    diploma_level = forms.ChoiceField(
        label="Niveau du diplôme ou titre le plus élevé obtenu", choices=choices_of(codes.DiplomaLevel)
    )

    class Meta:
        model = Mentor
        fields = ["last_name", "first_name", "birth_date", "email", "job_title", "diploma", "diploma_level"]

    def __init__(self, *args, position: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.position = position
        role = "Maître d'apprentissage" if self.is_apprenticeship else "Tuteur"
        self.legend = f"{role} n° {position}" + (" (facultatif)" if position == 2 else "")
        if position == 2:
            for field in self.fields.values():
                field.required = False

    @property
    def is_empty(self) -> bool:
        return self.position == 2 and not any(self.cleaned_data.get(name) for name in self._meta.fields)

    def clean_last_name(self) -> str:
        return person_name(self.cleaned_data["last_name"])

    def clean_first_name(self) -> str:
        return person_name(self.cleaned_data["first_name"])

    def clean(self):
        cleaned = super().clean()
        if self.position == 2 and not self.is_empty:
            # Maître n° 2: if any field is given, all are required (cerfa-apprentissage.md §3).
            for name in self._meta.fields:
                if not cleaned.get(name) and not self.has_error(name):
                    self.add_error(
                        name, "Complétez ce champ, ou videz tout le bloc du second maître d'apprentissage."
                    )
        if cleaned.get("birth_date") and self.dossier.contract_start:
            self.add_violations(
                mentor_rules.mentor_violations(
                    scheme=self.dossier.scheme,
                    birth_date=cleaned["birth_date"],
                    contract_start=self.dossier.contract_start,
                    field_prefix="mentor",
                )
            )
        return cleaned

    def page_data(self) -> dict:
        return {"mentors": {self.position: None if self.is_empty else self.block_data()}}


def person_name(value: str) -> str:
    return identity.validate_person_name(value) if value else value


# L'alternant ---------------------------------------------------------------------------------


class AlternantForm(TabForm):
    block = "alternant_details"
    legend = "L'alternant"
    violation_fields = {"birth_departement": "birth_department"}

    sex = forms.ChoiceField(label="Sexe", choices=codes.Sex.choices, widget=forms.RadioSelect)
    nationality = forms.ChoiceField(label="Nationalité", choices=choices_of(codes.Nationality))
    social_regime = forms.ChoiceField(label="Régime social", choices=choices_of(codes.SocialRegime))
    prior_situation = forms.ChoiceField(
        label="Situation avant ce contrat", choices=choices_of(codes.PriorSituation)
    )
    last_diploma_prepared = forms.ChoiceField(
        label="Dernier diplôme ou titre préparé", choices=choices_of(codes.Diploma)
    )
    last_class = forms.ChoiceField(
        label="Dernière classe ou année suivie", choices=choices_of(codes.LastClass)
    )
    highest_diploma = forms.ChoiceField(
        label="Diplôme ou titre le plus élevé obtenu", choices=choices_of(codes.Diploma)
    )
    social_minimum = forms.ChoiceField(
        label="Bénéficiaire d'un minimum social", choices=SOCIAL_MINIMA, required=False
    )

    class Meta:
        model = AlternantDetails
        fields = [
            "usage_name", "sex", "nir", "birth_department", "birth_city", "nationality",
            "address_number", "address_repetition", "address_street", "address_complement",
            "postal_code", "city", "phone", "email", "social_regime", "is_high_level_athlete",
            "has_rqth", "rqth_youth_equivalence", "rqth_boe_extension", "has_business_project",
            "prior_situation", "last_diploma_prepared", "last_class", "last_diploma_title",
            "highest_diploma", "job_seeker_id", "job_seeker_months", "social_minimum",
        ]  # fmt: skip
        labels = {
            "nir": "NIR (numéro de sécurité sociale, 13 ou 15 caractères)",
            "birth_department": "Département de naissance (99 si né(e) à l'étranger)",
            "phone": "Téléphone de l'alternant",
            "email": "Courriel de l'alternant",
            "is_high_level_athlete": "Déclare être inscrit(e) sur la liste des sportifs de haut niveau",
            "has_rqth": "Déclare bénéficier de la reconnaissance travailleur handicapé (RQTH)",
            "has_business_project": "Déclare avoir un projet de création ou de reprise d'entreprise",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        dossier = self.dossier
        if dossier.alternant_birth_date:
            self.intro = (
                f"Nom de naissance, prénom et date de naissance (saisis dans Données de base) : "
                f"{dossier.alternant_display_name}, né(e) le {dossier.alternant_birth_date:%d/%m/%Y}."
            )
        for name in ("address_street", "postal_code", "city"):
            self.fields[name].required = True
        if self.is_apprenticeship:
            for name in ("job_seeker_id", "job_seeker_months", "social_minimum"):
                del self.fields[name]

    def clean_phone(self) -> str:
        return self.clean_phone_field("phone")

    def clean_usage_name(self) -> str:
        return person_name(self.cleaned_data["usage_name"])

    def clean_postal_code(self) -> str:
        return clean_postal_code(self.cleaned_data["postal_code"])

    def clean_birth_department(self) -> str:
        value = self.cleaned_data["birth_department"].strip().upper()
        if not (value.isdigit() or value in {"2A", "2B"}) or len(value) not in (2, 3):
            raise forms.ValidationError(
                "Saisissez le numéro du département (2 ou 3 caractères, 2A/2B, 99 pour l'étranger)."
            )
        return value

    def clean_nir(self) -> str:
        return identity.normalize_nir(self.cleaned_data["nir"])

    def clean(self):
        cleaned = super().clean()
        dossier = self.dossier
        if cleaned.get("nir"):
            # the NIR agrees with the sex, birth year/month (Données de base) and département.
            self.add_violations(
                identity.nir_violations(
                    nir=cleaned["nir"],
                    sex=cleaned.get("sex", ""),
                    birth_date=dossier.alternant_birth_date,
                    birth_departement=cleaned.get("birth_department", ""),
                )
            )
        if dossier.alternant_birth_date and dossier.contract_start:
            contract = related(dossier, "contract")
            if self.is_apprenticeship:
                violations = age_rules.apprenticeship_age_violations(
                    birth_date=dossier.alternant_birth_date,
                    start=dossier.contract_start,
                    derogation=contract.derogation_type if contract else "",
                    has_completed_college=cleaned.get("last_class") == COLLEGE_COMPLETED,
                    is_rqth=bool(cleaned.get("has_rqth")),
                    is_high_level_athlete=bool(cleaned.get("is_high_level_athlete")),
                    has_business_project=bool(cleaned.get("has_business_project")),
                )
            else:
                social_minimum = cleaned.get("social_minimum", "")
                violations = age_rules.professionalisation_age_violations(
                    birth_date=dossier.alternant_birth_date,
                    start=dossier.contract_start,
                    is_job_seeker=bool(cleaned.get("job_seeker_id")),
                    has_social_minimum=social_minimum in {"rsa", "ass", "aah"},
                    had_cui=social_minimum == "cui",
                )
            if dossier.entry_mode == EntryMode.FULL:
                # The dérogation is chosen in Les données du contrat, which reports its own errors.
                violations = [violation for violation in violations if violation.field != "derogation"]
            self.add_violations(violations)
        return cleaned


class LegalRepresentativeForm(TabForm):
    """Représentant légal: required when the alternant is a minor at the date of conclusion (R-1.7)."""

    block = "alternant_details"
    legend = "Représentant légal (alternant mineur à la date de conclusion du contrat)"

    class Meta:
        model = AlternantDetails
        fields = [
            "is_emancipated", "representative_last_name", "representative_first_name",
            "representative_email", "representative_same_address", "representative_address",
            "representative_postal_code", "representative_city",
        ]  # fmt: skip
        labels = {
            "is_emancipated": "L'alternant mineur est émancipé",
            "representative_last_name": "Nom de naissance du représentant légal",
            "representative_same_address": "Le représentant légal vit à la même adresse que l'alternant",
            "representative_address": "Adresse du représentant légal (n° et voie)",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_shown = is_minor_at_conclusion(self.dossier)
        for name in ("representative_last_name", "representative_first_name", "representative_email"):
            self.fields[name].required = self.is_shown
        self.fields["representative_same_address"].initial = True

    def clean_representative_last_name(self) -> str:
        return person_name(self.cleaned_data["representative_last_name"])

    def clean_representative_first_name(self) -> str:
        return person_name(self.cleaned_data["representative_first_name"])

    def clean_representative_postal_code(self) -> str:
        return clean_postal_code(self.cleaned_data["representative_postal_code"])

    def full_clean(self):
        # Required-ness depends on "émancipé": an emancipated minor needs no representative.
        if self.is_bound and self.is_shown and self.data.get(self.add_prefix("is_emancipated")):
            for name in ("representative_last_name", "representative_first_name", "representative_email"):
                self.fields[name].required = False
        super().full_clean()

    def clean(self):
        cleaned = super().clean()
        if (
            self.is_shown
            and not cleaned.get("is_emancipated")
            and not cleaned.get("representative_same_address")
        ):
            message = (
                "Le représentant légal ne vit pas à la même adresse : saisissez son adresse (règle R-1.7)."
            )
            for name in ("representative_address", "representative_postal_code", "representative_city"):
                if not cleaned.get(name) and not self.has_error(name):
                    self.add_error(name, message)
        return cleaned

    def block_data(self) -> dict:
        if not self.is_shown:
            data = {name: "" for name in self._meta.fields}
            return data | {"is_emancipated": False, "representative_same_address": True}
        data = super().block_data()
        if data["representative_same_address"]:
            data.update(representative_address="", representative_postal_code="", representative_city="")
        return data


def is_minor_at_conclusion(dossier: Dossier) -> bool:
    conclusion = conclusion_date_of(dossier)
    if not (dossier.alternant_birth_date and conclusion):
        return False
    return age_rules.is_minor_on(dossier.alternant_birth_date, conclusion)


# Vie étudiante -------------------------------------------------------------------------------


class StudentLifeForm(TabForm):
    block = "student_life"
    legend = "Vie étudiante"

    class Meta:
        model = StudentLife
        fields = [
            "emergency_contact_name", "emergency_contact_phone", "housing", "has_driving_licence",
            "has_vehicle", "needs_accommodation", "accommodation_details", "accepts_image_use",
        ]  # fmt: skip
        labels = {
            "has_driving_licence": "Je suis titulaire du permis B",
            "has_vehicle": "Je suis véhiculé(e)",
            "needs_accommodation": "J'ai besoin d'un aménagement des études ou des examens (handicap, santé, sport…)",
            "accepts_image_use": "J'accepte que le CFA utilise mon image (photos d'événements, communication)",
        }
        widgets = {"accommodation_details": forms.Textarea(attrs={"rows": 3})}

    def clean_emergency_contact_phone(self) -> str:
        return self.clean_phone_field("emergency_contact_phone")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("needs_accommodation") and not cleaned.get("accommodation_details"):
            self.add_error(
                "accommodation_details",
                "Décrivez l'aménagement souhaité, pour que le CFA puisse le préparer.",
            )
        return cleaned


# La mission ----------------------------------------------------------------------------------


class MissionForm(TabForm):
    block = "mission"
    legend = "La mission"

    class Meta:
        model = Mission
        fields = ["job_title", "description", "skills"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "skills": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, is_required: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["job_title"].required = is_required
        self.fields["description"].required = is_required
