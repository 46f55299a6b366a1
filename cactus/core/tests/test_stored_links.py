"""Mails keep no working link once sent (issue 11, finding 2).

Invitation and "Mot de passe oublié" mails carry a link that opens the account. The person gets it
over SMTP; the copy kept in `OutgoingEmail` (history, admin, database dumps, backups) must not
work, while the history still answers "did the employer get the invitation?".
"""

import contextlib
import importlib
import re

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from cactus.accounts.tests.factories import UserFactory
from cactus.dossiers.services import register_alternant
from cactus.notifications.models import OutgoingEmail

pytestmark = pytest.mark.django_db(transaction=True)

LINK = re.compile(r"http://testserver(/compte/(?:invitation|mot-de-passe)/\S+/)")


def stored_text(email: OutgoingEmail) -> str:
    email.refresh_from_db()
    return "\n".join(str(getattr(email, field.attname)) for field in OutgoingEmail._meta.concrete_fields)


def test_the_invitation_reaches_the_employer_but_its_stored_copy_holds_no_working_link(
    smtp_sink, formation, formation_manager
):
    register_alternant(
        formation=formation,
        alternant_email="lea@etudiant.test",
        employer_contact_email="rh@entreprise.test",
        by=formation_manager,
    )
    [body] = smtp_sink.bodies_to("rh@entreprise.test")
    link = LINK.search(body).group(1)
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert Client().get(link).status_code == 200  # the mail received works

    stored = OutgoingEmail.objects.get(to="rh@entreprise.test", name="invitation")
    assert stored.status == OutgoingEmail.Status.SENT and stored.sent_at is not None
    assert token not in stored_text(stored)
    assert "lien personnel" in stored.body  # the history shows a link was sent, not the link
    assert not LINK.search(stored.body + stored.html_body)


def test_the_reset_mail_reaches_the_person_but_its_stored_copy_holds_no_working_link(client, smtp_sink):
    UserFactory(email="connu@entreprise.test")
    client.post(reverse("accounts:password_reset"), {"email": "connu@entreprise.test"})
    [body] = smtp_sink.bodies_to("connu@entreprise.test")
    token = LINK.search(body).group(1).rstrip("/").rsplit("/", 1)[-1]

    stored = OutgoingEmail.objects.get(to="connu@entreprise.test", name="password_reset")

    assert stored.status == OutgoingEmail.Status.SENT
    assert token not in stored_text(stored)
    assert not LINK.search(stored.body + stored.html_body)


def test_a_mail_that_could_not_be_sent_keeps_no_link_either(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nobody listens
    UserFactory(email="connu@entreprise.test")
    with contextlib.suppress(OSError):  # the immediate task backend may re-raise the transport error
        client.post(reverse("accounts:password_reset"), {"email": "connu@entreprise.test"})

    stored = OutgoingEmail.objects.get(to="connu@entreprise.test", name="password_reset")
    assert stored.status == OutgoingEmail.Status.FAILED
    assert not LINK.search(stored_text(stored))


def test_the_migration_removes_the_links_of_mails_already_sent_and_keeps_queued_ones_sendable(smtp_sink):
    migration = importlib.import_module("cactus.accounts.migrations.0005_remove_links_from_stored_emails")
    link = "http://testserver/compte/invitation/AbC-123_xyz/"
    reset = "http://testserver/compte/mot-de-passe/MQ/abc123-0123456789abcdef/"
    sent = OutgoingEmail.objects.create(
        name="invitation",
        to="rh@entreprise.test",
        subject="Invitation",
        body=f"Suivez ce lien :\n{link}\n",
        html_body=f'<a href="{link}">{link}</a>',
        status=OutgoingEmail.Status.SENT,
    )
    queued = OutgoingEmail.objects.create(
        name="password_reset",
        to="lea@etudiant.test",
        subject="Mot de passe",
        body=f"Suivez ce lien :\n{reset}\n",
        html_body=f'<a href="{reset}">{reset}</a>',
    )

    migration.remove_links(apps, None)

    assert "AbC-123_xyz" not in stored_text(sent) and "lien personnel" in sent.body
    queued.refresh_from_db()
    assert "abc123-0123456789abcdef" not in queued.body + queued.html_body
    from cactus.notifications.tasks import deliver_email

    deliver_email.call(queued.pk)
    assert reset in smtp_sink.bodies_to("lea@etudiant.test")[0]
    assert "abc123-0123456789abcdef" not in stored_text(queued)
