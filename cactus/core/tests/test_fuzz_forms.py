"""Fuzz every tab form: random and boundary values never give a server error or a partial save.

The tabs are discovered (tabs.ALL_TABS × permissions.TAB_EDITORS) and their fields read from the
rendered page, so a new tab is fuzzed without touching this file. Each example is posted by a CFA
administrator on a dossier in entry, inside a savepoint rolled back afterwards. A refused page
(200 with errors) must leave the dossier byte-identical; an accepted one (302) must have saved
the whole page at once: one version step and one event.
"""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cactus.core.tests import figures
from cactus.core.tests.html_forms import HtmlField, data_form
from cactus.core.tests.snapshots import dossier_snapshot
from cactus.core.tests.world import make_dossier_in_state
from cactus.dossiers import permissions, tabs
from cactus.dossiers.models import Dossier, DossierEvent

DATA_TABS = [tab.key for tab in tabs.ALL_TABS if tab.key in permissions.TAB_EDITORS]
EXAMPLES_PER_TAB = 40

BOUNDARY_TEXT = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "x" * 10_000,
    "é" * 300,
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    '=HYPERLINK("http://evil.example")',
    "\u202eexe.fdp",
    "🦆" * 50,
    "\r\n\t",
    "-1",
    "0",
    "9" * 40,
    "1e308",
    "NaN",
    "2026-02-30",
    "0001-01-01",
    "9999-12-31",
    "31/12/2026",
    "12/31/2026",
    "2026-13-01",
]


def values_for(field: HtmlField) -> st.SearchStrategy[str]:
    options = [option for option in field.options if option]
    boundary = st.sampled_from(BOUNDARY_TEXT)
    random_text = st.text(max_size=300)
    if options:
        return st.one_of(st.sampled_from(options), boundary, random_text)
    return st.one_of(st.just(field.value), boundary, random_text, st.integers().map(str), st.dates().map(str))


@pytest.fixture
def draft(formation, alternant, employer_contact):
    return make_dossier_in_state(
        Dossier.Status.DRAFT, formation=formation, alternant=alternant, employer_contact=employer_contact
    )


@pytest.mark.django_db
@pytest.mark.parametrize("tab", DATA_TABS)
def test_random_and_boundary_values_never_break_a_tab_or_half_save_it(tab, draft, cfa_admin):
    client = Client()
    client.force_login(cfa_admin)
    url = reverse("dossiers:tab", kwargs={"pk": draft.pk, "tab": tab})
    form = data_form(client.get(url).content.decode())
    editable = form.editable
    assert editable, f"no editable field on the {tab} tab"
    base_payload = form.payload()

    # Any subset of the fields changed; the others keep the page's valid values.
    changes = st.fixed_dictionaries(
        {}, optional={name: values_for(field) for name, field in editable.items()}
    )

    outcomes = {"refused": 0, "saved": 0}

    @settings(
        max_examples=EXAMPLES_PER_TAB,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )
    @given(changed=changes)
    def post_once(changed):
        with transaction.atomic():
            before = dossier_snapshot(draft, drafts=False)
            version = Dossier.objects.get(pk=draft.pk).version
            events = DossierEvent.objects.filter(dossier=draft).count()
            response = client.post(url, base_payload | changed)  # a server error raises here
            assert response.status_code in (200, 302), response.status_code
            if response.status_code == 200:
                outcomes["refused"] += 1
                assert dossier_snapshot(draft, drafts=False) == before, (
                    f"refused page saved something: {changed!r}"
                )
            else:
                outcomes["saved"] += 1
                assert Dossier.objects.get(pk=draft.pk).version in (version, version + 1)
                assert DossierEvent.objects.filter(dossier=draft).count() - events in (0, 1)
            transaction.set_rollback(True)

    post_once()
    figures.record("fuzz: form posts (no 500, no partial save)", sum(outcomes.values()))
    assert outcomes["refused"] > 0, "no example was refused: the fuzzing did not reach the validation"
    assert outcomes["saved"] > 0, "no example was saved: the payload read from the page is not valid"


@pytest.mark.parametrize(
    "hostile", ['=HYPERLINK("http://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]
)
def test_hostile_values_reach_the_back_office_csv_as_text_not_formulas(hostile):
    from cactus.dossiers.back_office import _cell

    assert _cell(hostile) == "'" + hostile
