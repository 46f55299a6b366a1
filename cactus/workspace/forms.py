from django import forms

from cactus.accounts.models import User
from cactus.formations.models import Formation


class DashboardFilterForm(forms.Form):
    formation = forms.ModelChoiceField(
        queryset=Formation.objects.none(), required=False, label="Formation", empty_label="Toutes"
    )
    advisor = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, label="Conseillère CFA", empty_label="Toutes"
    )

    def __init__(self, *args, formations, advisors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["formation"].queryset = formations
        self.fields["advisor"].queryset = advisors
        self.fields["advisor"].label_from_instance = lambda user: user.get_full_name() or user.email
