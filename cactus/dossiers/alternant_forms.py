"""L'alternant: identity, situation, diplomas, and the legal representative of a minor."""

from django import forms

from cactus.dossiers.models import AlternantDetails, Dossier, EntryMode
from cactus.dossiers.tab_forms import (
    TabForm,
    choices_of,
    clean_postal_code,
    conclusion_date_of,
    person_name,
    related,
    yes_no_field,
)
from cactus.law import age as age_rules
from cactus.law import identity
from cactus.referentials import codes

SOCIAL_MINIMA = [
    ("", "Aucun"),
    ("rsa", "RSA"),
    ("ass", "ASS"),
    ("aah", "AAH"),
    ("cui", "Ancien contrat unique d'insertion (CUI)"),
]

# Dernière classe 40: the young person completed collège, which allows a start at 15.
COLLEGE_COMPLETED = "40"
# The collège's diplomas: "01" (last year of the cycle, diploma obtained) with one of them also
# shows the first cycle of secondary education accomplished (L6222-1).
COLLEGE_DIPLOMAS = {codes.Diploma.BREVET.value, codes.Diploma.CFG.value}


def has_completed_college(last_class: str, last_diploma_prepared: str) -> bool:
    """L6222-1: "justifier avoir accompli la scolarité du premier cycle de l'enseignement secondaire"."""
    return last_class == COLLEGE_COMPLETED or (
        last_class == codes.LastClass.DIPLOMA_OBTAINED and last_diploma_prepared in COLLEGE_DIPLOMAS
    )


# Saisie simple has no Les données du contrat: the age derogations requires are asked here.
AGE_DEROGATIONS = [("", "Aucune dérogation")] + [
    (code.value, f"{code.value} – {code.label}")
    for code in (codes.DerogationType.UNDER_16, codes.DerogationType.OVER_29, codes.DerogationType.CUMULATIVE)
]


class AlternantForm(TabForm):
    block = "alternant_details"
    legend = "L'alternant"
    violation_fields = {"birth_departement": "birth_department", "derogation": "age_derogation"}

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
    age_derogation = forms.ChoiceField(
        label="Type de dérogation (le cas échéant)",
        choices=AGE_DEROGATIONS,
        required=False,
        help_text="15 ans après le collège : 11 ; à partir de 30 ans dans les cas prévus par le code du travail : 12.",
    )

    class Meta:
        model = AlternantDetails
        fields = [
            "usage_name", "sex", "nir", "birth_department", "birth_city", "nationality",
            "address_number", "address_repetition", "address_street", "address_complement",
            "postal_code", "city", "phone", "email", "social_regime", "is_high_level_athlete",
            "has_rqth", "rqth_youth_equivalence", "rqth_boe_extension", "has_business_project",
            "prior_situation", "last_diploma_prepared", "last_class", "last_diploma_title",
            "highest_diploma", "is_job_seeker", "job_seeker_id", "job_seeker_months", "social_minimum",
            "age_derogation",
        ]  # fmt: skip
        labels = {
            "nir": "NIR (numéro de sécurité sociale, 13 ou 15 caractères)",
            "birth_department": "Département de naissance (99 si né(e) à l'étranger)",
            "phone": "Téléphone de l'alternant",
            "email": "Courriel de l'alternant",
            "is_high_level_athlete": "Déclare être inscrit(e) sur la liste des sportifs de haut niveau",
            "has_rqth": "Déclare bénéficier de la reconnaissance travailleur handicapé (RQTH)",
            "rqth_youth_equivalence": "Si non, bénéficie de droits attachés à la RQTH : Équivalence jeunes",
            "rqth_boe_extension": "Si non, bénéficie de droits attachés à la RQTH : Extension BOE",
        }
        help_texts = {
            "rqth_youth_equivalence": (
                "De 15 à 20 ans : notification de PCH ou d'AEEH, ou projet personnalisé de scolarisation (PPS)."
            ),
            "rqth_boe_extension": "Bénéficiaire de l'obligation d'emploi des travailleurs handicapés (BOE).",
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
        if self.instance.pk is None:
            self.initial.setdefault("email", dossier.alternant.email)
        for name in ("last_diploma_prepared", "highest_diploma"):
            # A code of the 10103*12 table entered before *14 shows as its *14 equivalent.
            if name in self.initial:
                self.initial[name] = codes.current_diploma_code(self.initial[name])
        for name in ("address_street", "postal_code", "city"):
            self.fields[name].required = True
        if self.is_apprenticeship:
            for name in ("is_job_seeker", "job_seeker_id", "job_seeker_months", "social_minimum"):
                del self.fields[name]
        else:
            # CERFA EJ20 12434*05, Le salarié: « Inscrit à France Travail : oui / non », then
            # « Si oui, numéro d'inscription » and « Durée : … mois ».
            self.fields["is_job_seeker"] = yes_no_field("Inscrit à France Travail")
            self.fields["job_seeker_id"].label = "Si oui, numéro d'inscription à France Travail"
            self.fields["job_seeker_months"].label = "Si oui, durée d'inscription (mois)"
        if not (self.is_apprenticeship and dossier.entry_mode == EntryMode.SIMPLE):
            del self.fields["age_derogation"]

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

    def check_job_seeker(self, cleaned: dict) -> None:
        """Registered: the number and the duration are asked; not registered: neither is kept."""
        if not cleaned.get("is_job_seeker"):
            cleaned.update(job_seeker_id="", job_seeker_months=None)
            return
        if not cleaned.get("job_seeker_id"):
            self.add_error("job_seeker_id", "Saisissez le numéro d'inscription à France Travail.")
        if cleaned.get("job_seeker_months") is None:
            self.add_error("job_seeker_months", "Saisissez la durée d'inscription à France Travail, en mois.")

    def clean(self):
        cleaned = super().clean()
        dossier = self.dossier
        if cleaned.get("has_rqth"):
            # CERFA 10103*14 and notice 51649#09 p. 4 (art. L5213-2 and L5212-13-1 du code du travail):
            # these rights are asked only of an alternant who does not declare a RQTH.
            for name in ("rqth_youth_equivalence", "rqth_boe_extension"):
                if cleaned.get(name):
                    self.add_error(
                        name,
                        "Ne cochez cette case que si l'alternant ne déclare pas de RQTH : "
                        "l'équivalence jeunes et l'extension BOE ne se demandent qu'en l'absence de RQTH.",
                    )
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
        if "is_job_seeker" in self.fields:
            self.check_job_seeker(cleaned)
        if dossier.alternant_birth_date and dossier.contract_start:
            contract = related(dossier, "contract")
            if self.is_apprenticeship:
                if dossier.entry_mode == EntryMode.FULL:
                    derogation = contract.derogation_type if contract else ""
                else:
                    derogation = cleaned.get("age_derogation", "")
                violations = age_rules.apprenticeship_age_violations(
                    birth_date=dossier.alternant_birth_date,
                    start=dossier.contract_start,
                    derogation=derogation,
                    has_completed_college=has_completed_college(
                        cleaned.get("last_class", ""), cleaned.get("last_diploma_prepared", "")
                    ),
                    is_rqth=bool(cleaned.get("has_rqth")),
                    is_high_level_athlete=bool(cleaned.get("is_high_level_athlete")),
                    has_business_project=bool(cleaned.get("has_business_project")),
                    conclusion=conclusion_date_of(dossier),
                )
            else:
                social_minimum = cleaned.get("social_minimum", "")
                violations = age_rules.professionalisation_age_violations(
                    birth_date=dossier.alternant_birth_date,
                    start=dossier.contract_start,
                    is_job_seeker=bool(cleaned.get("is_job_seeker")),
                    has_social_minimum=social_minimum in {"rsa", "ass", "aah"},
                    had_cui=social_minimum == "cui",
                )
            if dossier.entry_mode == EntryMode.FULL:
                # The dérogation is chosen in Les données du contrat, which reports its own errors.
                violations = [violation for violation in violations if violation.field != "derogation"]
            self.add_violations(violations)
        return cleaned

    def block_data(self) -> dict:
        data = super().block_data()
        data.setdefault("age_derogation", "")  # asked in saisie simple only
        return data


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
