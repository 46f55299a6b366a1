"""The one-time code is stored as an HMAC keyed by SECRET_KEY, never as a bare hash: a 6-digit code
has 10⁶ values, so whoever reads the database (a dump, a backup) would find a bare SHA-256 in a
second and sign in the signer's place while the code is valid."""

import hashlib
import hmac

import pytest
from django.conf import settings

from cactus.signatures import services
from cactus.signatures.models import Signer, hash_secret
from cactus.signatures.tests.helpers import bring_to_signature, last_code, online_dossier

pytestmark = pytest.mark.django_db


@pytest.fixture
def signer_with_a_code(signing_ca, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        dossier = online_dossier()
    with django_capture_on_commit_callbacks(execute=True):
        dossier = bring_to_signature(dossier)
    signer = services.current_round(dossier).signers.order_by("position").first()
    with django_capture_on_commit_callbacks(execute=True):
        services.send_code(signer=signer)
    return Signer.objects.get(pk=signer.pk)


def test_reading_the_stored_code_hash_without_the_secret_key_does_not_give_the_code(signer_with_a_code):
    # The attack on a dump: hash every possible code, bare and salted with what the row shows. The
    # mailed code is one of the 10⁶ tried, so trying it alone decides the whole brute force.
    stored = signer_with_a_code.code_hash
    code = last_code(signer_with_a_code.email).encode()
    assert hashlib.sha256(code).hexdigest() != stored
    assert hashlib.sha256(b"%d:%s" % (signer_with_a_code.pk, code)).hexdigest() != stored


def test_the_stored_hash_is_the_hmac_of_the_mailed_code_keyed_by_the_secret_key(signer_with_a_code):
    code = last_code(signer_with_a_code.email)
    expected = hmac.new(
        settings.SECRET_KEY.encode(), f"{signer_with_a_code.pk}:{code}".encode(), hashlib.sha256
    ).hexdigest()
    assert signer_with_a_code.code_hash == expected


def test_the_same_code_hashes_differently_under_another_key_and_for_another_signer(settings):
    first = hash_secret("123456", salt="1")
    assert hash_secret("123456", salt="2") != first
    settings.SECRET_KEY = "another-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"
    assert hash_secret("123456", salt="1") != first
