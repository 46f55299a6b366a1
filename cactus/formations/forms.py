from django import forms

from cactus.accounts.models import CFA_ADMIN_GROUP, CFA_ADVISOR_GROUP, User
from cactus.core.validators import validate_siret
from cactus.formations.models import Formation, FormationModule, FormationPeriod
from cactus.law.identity import validate_code_diplome, validate_rncp, validate_uai


class FormationForm(forms.ModelForm):
    class Meta:
        model = Formation
        fields = [
            "title",
            "diploma_code",
            "rncp",
            "level",
            "start_date",
            "end_date",
            "duration_hours",
            "distance_hours",
            "site_name",
            "site_uai",
            "site_siret",
            "site_street",
            "site_postal_code",
            "site_city",
            "nsf_code",
            "qualification_type",
            "teaching_hours",
            "annual_cost",
            "npec",
            "managers",
            "cfa_advisor",
            "validation_mode",
            "mission_mode",
            "is_active",
            "calendar_file",
            "programme_file",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "managers": forms.CheckboxSelectMultiple,
            "validation_mode": forms.RadioSelect,
            "mission_mode": forms.RadioSelect,
            "calendar_file": forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
            "programme_file": forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
        }
        help_texts = {
            "calendar_file": "Sans fichier déposé, Cactus produit le calendrier à partir des périodes ci-dessous.",
            "programme_file": "Sans fichier déposé, Cactus produit le programme à partir des modules ci-dessous.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cfa_advisor"].queryset = User.objects.filter(
            groups__name__in=[CFA_ADVISOR_GROUP, CFA_ADMIN_GROUP]
        ).distinct()
        self.fields["cfa_advisor"].required = True
        self.fields["managers"].queryset = (
            User.objects.filter(is_active=True).exclude(alternant_dossiers__isnull=False).order_by("email")
        )

    def clean_nsf_code(self) -> str:
        value = self.cleaned_data["nsf_code"].strip()
        if value and not (len(value) == 3 and value.isdigit()):
            raise forms.ValidationError("Le code NSF compte 3 chiffres (par ex. 326).")
        return value

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end <= start:
            self.add_error("end_date", "La date de fin doit être postérieure à la date de début.")
        teaching, total = cleaned.get("teaching_hours"), cleaned.get("duration_hours")
        if teaching and total and teaching > total:
            self.add_error(
                "teaching_hours", "Les heures d'enseignement ne peuvent dépasser la durée de la formation."
            )
        distance = cleaned.get("distance_hours")
        if distance and total and distance > total:
            self.add_error(
                "distance_hours",
                "Les heures de formation à distance ne peuvent dépasser la durée de la formation.",
            )
        return cleaned

    def clean_site_siret(self) -> str:
        value = self.cleaned_data["site_siret"]
        return validate_siret(value) if value else ""

    def clean_site_uai(self) -> str:
        # 7 digits and the check letter.
        value = self.cleaned_data["site_uai"]
        return validate_uai(value) if value else ""

    def clean_rncp(self) -> str:
        # RNCP and 3 to 5 digits, stored with its prefix.
        value = self.cleaned_data["rncp"]
        return validate_rncp(value) if value else ""

    def clean_diploma_code(self) -> str:
        # the code diplôme (CFD) of 8 characters.
        value = self.cleaned_data["diploma_code"]
        return validate_code_diplome(value) if value else ""


DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# The calendar and the programme Cactus generates when the formation uploads no PDF.
PeriodFormSet = forms.inlineformset_factory(
    Formation,
    FormationPeriod,
    fields=["place", "start_date", "end_date", "label"],
    widgets={"start_date": DATE_INPUT, "end_date": DATE_INPUT},
    extra=2,
    can_delete=True,
)
ModuleFormSet = forms.inlineformset_factory(
    Formation,
    FormationModule,
    fields=["position", "title", "hours", "description"],
    widgets={"description": forms.Textarea(attrs={"rows": 2})},
    extra=2,
    can_delete=True,
)
