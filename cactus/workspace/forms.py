from django import forms

from cactus.accounts.models import User
from cactus.core.widgets import LongSelect
from cactus.dossiers.action_forms import FetchedChoiceIterator, FormationSearchField


class DashboardFilterForm(forms.Form):
    # 4,000 formations at 10^6 dossiers: the formation is typed (code or title) and matched on the
    # server, as in the back office's filter, not picked in a <select> of every formation.
    formation = FormationSearchField(required=False, label="Formation")
    advisor = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        label="Conseillère CFA",
        empty_label="Toutes",
        widget=LongSelect,
    )

    def __init__(self, *args, formations, advisors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["formation"].queryset = formations
        self.fields["advisor"].iterator = FetchedChoiceIterator
        self.fields["advisor"].queryset = advisors
        self.fields["advisor"].label_from_instance = lambda user: user.get_full_name() or user.email
