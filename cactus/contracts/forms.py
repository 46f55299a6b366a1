from django import forms

from cactus.contracts.grounds import Initiator, Situation, ground_choices
from cactus.dossiers.states import AMENDMENT_TYPE_LABELS, ContractScheme
from cactus.law import identity


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RuptureForm(forms.Form):
    ruptured_on = forms.DateField(label="Date de la rupture", widget=_date_input())
    initiator = forms.ChoiceField(label="À l'initiative de", choices=[("", "---------"), *Initiator.choices])
    ground = forms.ChoiceField(label="Motif (article du code du travail)", choices=[])
    situation = forms.ChoiceField(
        label="Situation de l'alternant après la rupture", choices=[("", "---------"), *Situation.choices]
    )
    comment = forms.CharField(
        label="Commentaire", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ground"].choices = [
            ("", "---------"),
            *ground_choices(dossier.scheme or "apprenticeship"),
        ]


class CancellationForm(forms.Form):
    reason = forms.CharField(
        label="Motif de l'annulation", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AmendmentForm(forms.Form):
    amendment_type = forms.ChoiceField(label="Type d'avenant")
    effective_on = forms.DateField(label="Date d'effet de l'avenant", widget=_date_input())
    previous_number = forms.CharField(
        label="Numéro du contrat sur lequel porte l'avenant",
        max_length=15,
        help_text="Le numéro de dépôt donné par l'OPCO (15 caractères, par exemple 075202609000123).",
    )

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        codes = (
            ["30"]
            if dossier.scheme == ContractScheme.PROFESSIONALISATION
            else [code for code in AMENDMENT_TYPE_LABELS if code != "30"]
        )
        self.fields["amendment_type"].choices = [("", "---------")] + [
            (code, f"{code} – {AMENDMENT_TYPE_LABELS[code]}") for code in codes
        ]
        if dossier.contract_number:
            self.initial.setdefault("previous_number", dossier.contract_number)

    def clean_previous_number(self) -> str:
        return identity.validate_contract_number(self.cleaned_data["previous_number"].strip().upper())


class NextContractForm(forms.Form):
    formation = forms.ModelChoiceField(label="Formation", queryset=None)
    employer_contact_email = forms.EmailField(
        label="E-mail du contact alternance du nouvel employeur", required=False
    )
    same_employer = forms.BooleanField(
        label="Le nouveau contrat est conclu avec le même employeur", required=False
    )
    outcome = forms.ChoiceField(
        label="Issue du contrat précédent",
        required=False,
        choices=[
            ("", "---------"),
            ("diploma", "Il a conduit à l'obtention du diplôme ou du titre préparé"),
            ("failure", "Échec à l'examen"),
            ("other", "Autre issue"),
        ],
    )

    def __init__(self, *args, formations, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["formation"].queryset = formations
        self.initial.setdefault("formation", dossier.formation_id)
        if dossier.status == dossier.Status.RUPTURED:
            # After a rupture the outcome comes from its ground; another employer is the usual case.
            del self.fields["outcome"]
