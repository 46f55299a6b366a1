from django import forms

from cactus.accounts.models import User
from cactus.core.widgets import LongSelect
from cactus.dossiers.action_forms import CachedOptionsSelect, FetchedChoiceIterator, TitleChoiceIterator
from cactus.formations.models import Formation


class DashboardFilterForm(forms.Form):
    # 4,000 formations at 10^6 dossiers: their options are read as (id, title) rows and their HTML
    # is cached a minute per scope, as in the back office's filter (Django's templates drew each
    # option: 0.1 ms apiece, most of the page's time).
    formation = forms.ModelChoiceField(
        queryset=Formation.objects.none(),
        required=False,
        label="Formation",
        empty_label="Toutes",
        widget=CachedOptionsSelect,
    )
    advisor = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        label="Conseillère CFA",
        empty_label="Toutes",
        widget=LongSelect,
    )

    def __init__(self, *args, formations, advisors, options_scope=None, **kwargs):
        super().__init__(*args, **kwargs)
        if options_scope:  # back_office.counts_scope: whose formations these are
            self.fields["formation"].widget.cache_key = f"workspace:formation_options:{options_scope}"
        self.fields["formation"].iterator = TitleChoiceIterator  # before the queryset: it sets the choices
        self.fields["formation"].queryset = formations
        self.fields["advisor"].iterator = FetchedChoiceIterator
        self.fields["advisor"].queryset = advisors
        self.fields["advisor"].label_from_instance = lambda user: user.get_full_name() or user.email
