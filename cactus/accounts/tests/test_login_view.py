import pytest
from django.contrib.auth.hashers import identify_hasher
from django.urls import reverse

from cactus.accounts.models import User
from cactus.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_a_person_logs_in_with_email_and_password_in_any_case(client):
    UserFactory(email="marie.dupont@entreprise.test")

    response = client.post(
        reverse("accounts:login"), {"username": "Marie.Dupont@Entreprise.TEST", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")


def test_a_wrong_password_gets_a_french_message(client):
    UserFactory(email="marie.dupont@entreprise.test")

    response = client.post(
        reverse("accounts:login"), {"username": "marie.dupont@entreprise.test", "password": "faux"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Courriel ou mot de passe incorrect" in page
    # A login saves nothing: its error summary does not say "La page n'a pas été enregistrée".
    assert "Connexion impossible." in page and "pas été enregistrée" not in page


def test_the_same_email_in_another_case_never_yields_a_second_account():
    User.objects.create_user("Paul.Martin@Exemple.TEST")

    assert User.objects.get_by_natural_key("paul.martin@exemple.test").email == "paul.martin@exemple.test"


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(reverse("dossiers:list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_passwords_are_hashed_with_argon2(settings):
    from cactus import settings as project_settings

    # The project's hashers (the suite's conftest swaps in a fast one): fails if settings.py
    # stops putting Argon2 first.
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    user = User.objects.create_user("argon@exemple.test", "Cactus-en-fleur-2026")

    assert identify_hasher(user.password).algorithm == "argon2"


def test_createsuperuser_asks_for_an_email_and_no_username():
    from django.core.management import call_command

    call_command("createsuperuser", email="root@cfa.test", interactive=False, verbosity=0)

    user = User.objects.get(email="root@cfa.test")
    assert user.is_superuser and user.is_staff
    assert user.is_cfa_admin
