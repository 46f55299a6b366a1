from dataclasses import replace

from django import forms

from cactus.accounts.models import User
from cactus.companies import lookup
from cactus.companies.exceptions import CompanySearchError
from cactus.core.validators import validate_siret
from cactus.core.widgets import LongSelect
from cactus.dossiers.models import ContractScheme, Dossier
from cactus.formations.models import Formation
from cactus.law import age as age_rules
from cactus.law import dates as date_rules


def rule_message(violation) -> str:
    """A rules engine violation as the page shows it, with the rule id (R-x.y) to point at the law."""
    if violation.rule and violation.rule not in violation.message:
        return f"{violation.message} (règle {violation.rule})"
    return violation.message


def refuse_closed_establishment(siret: str) -> None:
    """R-11.4: a closed establishment cannot host the alternant. The register's silence (offline,
    unknown SIRET, service down) never blocks: the SIRET's checksum was checked already."""
    try:
        establishment = lookup.find_establishment(siret)
    except CompanySearchError:
        return
    if establishment.is_closed:
        raise forms.ValidationError(lookup.closed_message(establishment), code="siret_closed")


class RegisterAlternantForm(forms.Form):
    """ "Inscrire un alternant": only the alternant's e-mail is mandatory (guide, "VOS DOSSIERS")."""

    # No formation chosen in advance: registering an alternant in the first formation of the list by
    # mistake sends invitations about the wrong course (issue 13). A link may pass ?formation=<id>.
    formation = forms.ModelChoiceField(
        queryset=Formation.objects.none(),
        label="Formation",
        empty_label="— Choisissez la formation —",
        error_messages={"required": "Choisissez la formation de l'alternant."},
    )
    alternant_email = forms.EmailField(label="E-mail de l'alternant")
    employer_contact_email = forms.EmailField(
        label="E-mail du contact alternance (facultatif)",
        required=False,
        help_text="La personne qui gère le dossier chez l'employeur. Elle peut aussi être saisie plus tard.",
    )

    def __init__(self, *args, formations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["formation"].queryset = formations
        self.fields["alternant_email"].widget.attrs["required"] = True

    def clean_alternant_email(self) -> str:
        return User.objects.normalize_email(self.cleaned_data["alternant_email"])

    def clean_employer_contact_email(self) -> str:
        return User.objects.normalize_email(self.cleaned_data["employer_contact_email"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("alternant_email") and cleaned.get("alternant_email") == cleaned.get(
            "employer_contact_email"
        ):
            self.add_error(
                "employer_contact_email",
                "Le contact alternance doit avoir une autre adresse que l'alternant.",
            )
        return cleaned


class EmployerContactForm(forms.Form):
    email = forms.EmailField(label="E-mail du contact alternance")

    def clean_email(self) -> str:
        return User.objects.normalize_email(self.cleaned_data["email"])


class DossierFilterForm(forms.Form):
    q = forms.CharField(label="Recherche", required=False, max_length=200, help_text="Nom, e-mail ou SIRET")
    formation = forms.ModelChoiceField(
        queryset=Formation.objects.all(), required=False, label="Formation", widget=LongSelect
    )
    status = forms.ChoiceField(required=False, label="État")
    sort = forms.ChoiceField(
        required=False,
        label="Trier par",
        choices=[("", "Les plus récents"), ("nom", "Nom de l'alternant"), ("etat", "État")],
    )

    # The order of each choice of "Trier par"; the id breaks ties so pages never overlap.
    ORDERINGS = {
        "": ("-created_at", "-pk"),
        "nom": ("alternant_last_name", "alternant_first_name", "pk"),
        "etat": ("status", "-is_entry_complete", "-created_at", "-pk"),
    }

    def __init__(self, *args, status_choices, with_formation: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "Tous")] + status_choices
        if not with_formation:
            # A contact or an alternant: the formations of their own dossiers only are of interest.
            del self.fields["formation"]

    def ordering(self) -> tuple[str, ...]:
        sort = self.cleaned_data.get("sort", "") if self.is_valid() else ""
        return self.ORDERINGS[sort]


class BaseDataForm(forms.ModelForm):
    """Données de base: every field is mandatory (validation pleine page)."""

    block = "dossier"
    legend = "Données de base"
    is_shown = True
    is_hidden_block = False

    class Meta:
        model = Dossier
        fields = [
            "entry_mode",
            "alternant_last_name",
            "alternant_first_name",
            "alternant_birth_date",
            "siret",
            "scheme",
            "contract_start",
            "contract_end",
        ]
        widgets = {
            "entry_mode": forms.RadioSelect,
            "scheme": forms.RadioSelect,
            "alternant_birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "contract_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "contract_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {
            "entry_mode": "Niveau de saisie",
            "alternant_last_name": "Nom de l'alternant",
            "alternant_first_name": "Prénom de l'alternant",
            "alternant_birth_date": "Date de naissance de l'alternant",
            "siret": "SIRET de l'établissement qui accueille l'alternant",
            "scheme": "Dispositif d'alternance",
            "contract_start": "Date de début du contrat",
            "contract_end": "Date de fin du contrat",
        }

    def __init__(self, *args, check_register: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # Only on "Valider": the check marks validate stored data on every page and must not wait on the network.
        self.check_register = check_register
        self.warnings: list[str] = []
        for field in self.fields.values():
            field.required = True
        self.fields["entry_mode"].choices = [c for c in self.fields["entry_mode"].choices if c[0]]
        self.fields["scheme"].choices = [c for c in self.fields["scheme"].choices if c[0]]

    def clean_siret(self) -> str:
        siret = validate_siret(self.cleaned_data["siret"])
        if self.check_register:
            refuse_closed_establishment(siret)
        return siret

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("contract_start"), cleaned.get("contract_end")
        if start and end and end <= start:
            self.add_error(
                "contract_end", "La date de fin du contrat doit être postérieure à la date de début."
            )
        elif start and end and cleaned.get("scheme"):
            # the contract's length, for both levels of entry. Beyond 3 years
            # the RQTH (R6222-46: up to 4 years) or the dérogation is entered in the later tabs,
            # which refuse a length the law does not allow: here it is advice, not a refusal.
            # the formation's dates at once, with the rule Les données du
            # contrat applies (its start as the start in CFA, its end as the end of the exams).
            formation = self.instance.formation
            alternant = getattr(self.instance, "alternant_details", None) if self.instance.pk else None
            contract = getattr(self.instance, "contract", None) if self.instance.pk else None
            up_to_4_years = (
                date_rules.last_day_within(start, 36) < end <= date_rules.last_day_within(start, 48)
            )
            for violation in date_rules.contract_date_violations(
                scheme=cleaned["scheme"],
                start=start,
                end=end,
                training_start=formation.start_date,
                exams_end=formation.end_date,
                is_rqth=bool(alternant and alternant.has_rqth),
                derogation=contract.derogation_type if contract else "",
            ):
                if violation.rule == "R-5.1" and up_to_4_years and violation.field == "end":
                    violation = replace(
                        violation,
                        message=f"{violation.message} Déclarez la RQTH dans L'alternant (jusqu'à 4 ans, article "
                        "R6222-46) ou la dérogation dans Les données du contrat.",
                        is_warning=True,
                    )
                field = "contract_start" if violation.field == "training_start" else "contract_end"
                self._add_violation(violation, field=field)
            # the formation's hours against the contract's length. The formation sets
            # them, not the employer: advice to discuss with the CFA, never a refusal here.
            self.warnings += [
                rule_message(violation)
                for violation in date_rules.training_hours_violations(
                    scheme=cleaned["scheme"],
                    start=start,
                    end=end,
                    hours=self.instance.formation.duration_hours,
                )
            ]
        birth_date = cleaned.get("alternant_birth_date")
        if birth_date and start and cleaned.get("scheme") == ContractScheme.APPRENTICESHIP:
            # only advice here; the exceptions (RQTH, dérogation...) are entered in
            # L'alternant and Les données du contrat, which refuse a contract the law does not allow.
            for violation in age_rules.apprenticeship_age_violations(birth_date=birth_date, start=start):
                self.warnings.append(rule_message(violation))
        return cleaned

    def _add_violation(self, violation, *, field: str) -> None:
        if violation.is_warning:
            self.warnings.append(rule_message(violation))
        else:
            self.add_error(field, rule_message(violation))

    def page_data(self) -> dict:
        return {"dossier": {name: self.cleaned_data[name] for name in self.Meta.fields}}
