"""Every free-text input has a maximum length, refused with a French message before anything is saved.

A 5 MB "missions confiées" used to be accepted, stored, and copied into the history at each save.
"""

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.forms.formsets import BaseFormSet
from django.urls import reverse

import cactus
from cactus.dossiers import services, tabs
from cactus.dossiers.models import DossierEvent, Mission
from cactus.dossiers.tests import tab_data


def project_forms() -> dict[str, type[forms.BaseForm]]:
    """Every form class (and formset's form) defined in a `*forms.py` or `admin.py` module of the project."""
    found = {}
    for module_info in pkgutil.walk_packages(cactus.__path__, "cactus."):
        if ".tests" in module_info.name or not module_info.name.endswith(("forms", ".admin")):
            continue
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if not inspect.isclass(value):
                continue
            if issubclass(value, BaseFormSet) and getattr(value, "form", None) is not None:
                found[f"{module_info.name}.{name}.form"] = value.form
            elif issubclass(value, forms.BaseForm) and value.__module__ == module_info.name:
                found[f"{module_info.name}.{name}"] = value
    return found


FORMS = project_forms()


def test_the_project_forms_are_found():
    assert "cactus.dossiers.tab_forms.MissionForm" in FORMS
    assert "cactus.dossiers.action_forms.CommentForm" in FORMS
    assert "cactus.opco.admin.OpcoConnectionForm" in FORMS
    assert len(FORMS) > 20


@pytest.mark.parametrize("path", sorted(FORMS))
def test_every_text_field_of_every_form_has_a_maximum_length(path):
    unbounded = [
        name
        for name, field in FORMS[path].base_fields.items()
        if isinstance(field, forms.CharField) and field.max_length is None
    ]
    assert not unbounded, f"{path}: give these text fields a max_length: {unbounded}"


@pytest.mark.django_db
def test_a_five_megabyte_mission_is_refused_in_french_and_nothing_is_saved(client, dossier, employer_contact):
    services.submit_page(dossier=dossier, key="base", values=tab_data.base_values(), by=employer_contact)
    events = DossierEvent.objects.filter(dossier=dossier).count()
    client.force_login(employer_contact)
    huge = "Développer les outils internes. " * (5 * 1024 * 1024 // 32)
    response = client.post(
        reverse("dossiers:tab", kwargs={"pk": dossier.pk, "tab": tabs.MISSION.key}),
        tab_data.mission_values() | {"mission-description": huge, "version": ""},
    )
    assert response.status_code == 200
    assert "Assurez-vous que cette valeur comporte au plus" in response.content.decode()
    assert not Mission.objects.filter(dossier=dossier).exists()
    assert DossierEvent.objects.filter(dossier=dossier).count() == events
