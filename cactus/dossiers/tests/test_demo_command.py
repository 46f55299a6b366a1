import pytest
from django.core.management import call_command

from cactus.accounts.models import User
from cactus.dossiers.models import Dossier
from cactus.formations.models import Formation

pytestmark = pytest.mark.django_db


def test_the_demo_loads_a_believable_cfa_and_can_run_twice(capsys):
    call_command("demo", password="Demo-password-2026")
    counts = (User.objects.count(), Formation.objects.count(), Dossier.objects.count())
    call_command("demo", password="Demo-password-2026")

    assert (User.objects.count(), Formation.objects.count(), Dossier.objects.count()) == counts
    contact = User.objects.get(email="contact@entreprise.test")
    assert contact.check_password("Demo-password-2026")
    assert Dossier.objects.filter(employer_contact=contact).count() >= 3
    assert User.objects.get(email="admin@cfa.test").is_cfa_admin
    assert User.objects.get(email="conseillere@cfa.test").is_cfa_advisor
    modes = set(Formation.objects.values_list("validation_mode", "mission_mode"))
    assert {("manual", "required"), ("automatic", "hidden")} <= modes
    output = capsys.readouterr().out
    assert "admin@cfa.test" in output and "Demo-password-2026" in output
