from django import forms

from cactus.accounts.models import CFA_ADMIN_GROUP, CFA_ADVISOR_GROUP, User
from cactus.core.validators import validate_siret
from cactus.formations.models import Formation


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
            "site_name",
            "site_uai",
            "site_siret",
            "managers",
            "cfa_advisor",
            "validation_mode",
            "mission_mode",
            "is_active",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "managers": forms.CheckboxSelectMultiple,
            "validation_mode": forms.RadioSelect,
            "mission_mode": forms.RadioSelect,
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

    def clean_site_siret(self) -> str:
        value = self.cleaned_data["site_siret"]
        return validate_siret(value) if value else ""

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end <= start:
            self.add_error("end_date", "La date de fin doit être postérieure à la date de début.")
        return cleaned
