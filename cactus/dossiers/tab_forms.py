"""What the forms of the data tabs share, and the Vie étudiante and La mission forms.

A tab page is a few prefixed forms, valid only all together (employer_forms, alternant_forms,
contract_forms hold the others).

Each form knows its `block` (where the save service writes it) and the dossier it belongs to, so
cross-tab rules (age at the contract's dates, minor at the date of conclusion) read the other
tabs' stored data. Legal rules are asked to `cactus.law`; their violations become errors
beside the field concerned, with the rule id.
"""

from datetime import date

from django import forms

from cactus.dossiers.forms import rule_message
from cactus.dossiers.models import (
    AlternantDetails,
    ContractScheme,
    Dossier,
    Employer,
    Mission,
    StudentLife,
)
from cactus.dossiers.models import Contract as ContractModel
from cactus.law import RuleViolation, identity


def date_widget() -> forms.DateInput:
    """A new date input for each form: a widget shared between requests would carry one person's
    error attributes (aria-invalid) into every other person's page."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# Dates outside this range are typing mistakes, and the rules' month arithmetic cannot go below
# year 1 or above 9999 (a date of 01/01/0001 gave a server error).
PLAUSIBLE_DATES = (date(1900, 1, 1), date(2100, 12, 31))


def validate_plausible_date(value: date) -> None:
    if not PLAUSIBLE_DATES[0] <= value <= PLAUSIBLE_DATES[1]:
        raise forms.ValidationError(
            "Cette date n'est pas plausible : saisissez une date entre le 01/01/1900 et le 31/12/2100."
        )


def yes_no_field(label: str) -> forms.TypedChoiceField:
    """A required Oui / Non question for a nullable boolean: an unanswered question is an error."""
    return forms.TypedChoiceField(
        label=label,
        choices=[(True, "Oui"), (False, "Non")],
        coerce=lambda value: value in (True, "True"),
        widget=forms.RadioSelect,
    )


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
                field.widget = date_widget()
                field.validators.append(validate_plausible_date)

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

    def clean(self):
        cleaned = super().clean()
        # e-mail addresses are kept in lower case.
        for name, field in self.fields.items():
            if isinstance(field, forms.EmailField) and cleaned.get(name):
                cleaned[name] = identity.normalize_email(cleaned[name])
        return cleaned

    def page_data(self) -> dict:
        """What this form gives the save service: {block: data}; blocks of a page are merged."""
        return {self.block: self.block_data()}


def clean_postal_code(value: str) -> str:
    # R-13.5 (format only: the existence check needs the BAN API, not reachable offline).
    return identity.validate_postal_code(value.replace(" ", "")) if value else value


def person_name(value: str) -> str:
    return identity.validate_person_name(value) if value else value


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
