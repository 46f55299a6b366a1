"""W-2 (workflow.md §6): once validation is requested, no request of anyone changes the data."""

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from cactus.dossiers import tabs
from cactus.dossiers.models import Dossier
from cactus.dossiers.tests.states import dossier_in

Status = Dossier.Status
pytestmark = pytest.mark.django_db
FROZEN = [
    Status.VALIDATION_REQUESTED,
    Status.VALIDATED,
    Status.DOCUMENTS_RETURNED,
    Status.DOCUMENTS_VALIDATED,
]
# What a data-changing request would try to write.
PAYLOAD = {
    "entry_mode": "simple",
    "alternant_last_name": "Changé",
    "alternant_first_name": "Changée",
    "alternant_birth_date": "2001-01-01",
    "siret": "55210055400013",
    "scheme": "professionalisation",
    "contract_start": "2027-01-04",
    "contract_end": "2028-01-03",
    "email": "autre@entreprise.test",
}
DATA_FIELDS = [
    field.name
    for field in Dossier._meta.concrete_fields
    if field.name not in {"status", "updated_at"} and not field.name.endswith("_at")
]


def person(request, role, dossier):
    if role in ("alternant", "employer_contact"):
        return getattr(dossier, role)
    user = request.getfixturevalue(role)
    if role == "formation_manager":
        dossier.formation.managers.add(user)
    return user


@pytest.mark.parametrize("status", FROZEN)
@pytest.mark.parametrize(
    "role", ["employer_contact", "alternant", "formation_manager", "cfa_advisor", "cfa_admin"]
)
def test_no_tab_and_no_endpoint_changes_a_frozen_dossier(client, request, status, role):
    dossier = dossier_in(status)
    before = model_to_dict(dossier, fields=DATA_FIELDS)
    client.force_login(person(request, role, dossier))
    urls = [
        reverse("dossiers:tab", args=[dossier.pk, tab.key]) for tab in tabs.ALL_TABS if tab != tabs.FOLLOW_UP
    ]
    urls.append(reverse("dossiers:employer_contact", args=[dossier.pk]))

    responses = {url: client.post(url, {**PAYLOAD, "version": dossier.version}).status_code for url in urls}

    assert all(code in (403, 404) for code in responses.values()), responses
    dossier.refresh_from_db()
    assert model_to_dict(dossier, fields=DATA_FIELDS) == before


def test_the_same_request_does_change_a_draft(client):
    # Control: the payload above is a valid change, so the refusals are due to the freeze.
    dossier = dossier_in(Status.DRAFT)
    client.force_login(dossier.employer_contact)

    response = client.post(
        reverse("dossiers:tab", args=[dossier.pk, "base"]), {**PAYLOAD, "version": dossier.version}
    )

    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.alternant_last_name == "Changé"
