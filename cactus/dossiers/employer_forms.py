"""L'employeur: the establishment, its Responsable, the maître(s) d'apprentissage or tuteur, billing."""

from django import forms

from cactus.core.validators import validate_siret
from cactus.dossiers.models import Dossier, Employer, Mentor
from cactus.dossiers.tab_forms import (
    TabForm,
    choices_of,
    clean_postal_code,
    person_name,
    yes_no_field,
)
from cactus.law import employer as employer_rules
from cactus.law import identity
from cactus.law import mentor as mentor_rules
from cactus.referentials import codes
from cactus.referentials.selectors import lookup_idcc
from cactus.referentials.validators import validate_idcc


def billing_is_required(dossier: Dossier, employer_type: str, is_monegasque: bool) -> bool:
    """Informations de facturation: contrat pro, public employer (type > 20) or Monegasque company (guide)."""
    return employer_rules.needs_billing_information(
        scheme=dossier.scheme, employer_type=employer_type or "", is_monegasque=bool(is_monegasque)
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
            "public_unemployment_scheme", "mentor_eligibility_attested", "is_individual_employer",
            "urssaf_number",
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
        if self.is_apprenticeship:
            for name in ("is_individual_employer", "urssaf_number"):
                del self.fields[name]
        else:
            # CERFA EJ20 12434*05, L'employeur: Particulier-employeur oui / non, then its N° URSSAF.
            self.fields["is_individual_employer"] = yes_no_field("Particulier-employeur")
            self.fields["urssaf_number"].label = "N° URSSAF du particulier-employeur"
            self.fields[
                "urssaf_number"
            ].help_text = "À renseigner si l'employeur est un particulier-employeur."
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
        if "is_individual_employer" in self.fields:
            if not cleaned.get("is_individual_employer"):
                cleaned["urssaf_number"] = ""
            elif not cleaned.get("urssaf_number"):
                self.add_error(
                    "urssaf_number", "Saisissez le N° URSSAF du particulier-employeur (cerfa 12434*05)."
                )
        if cleaned.get("employer_type") and not codes.is_public_employer(cleaned["employer_type"]):
            cleaned["public_unemployment_scheme"] = False
        if cleaned.get("employer_type"):
            # public administrations (21–29) hire only under apprenticeship.
            self.add_violations(
                employer_rules.employer_violations(
                    scheme=self.dossier.scheme, employer_type=cleaned["employer_type"]
                )
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
