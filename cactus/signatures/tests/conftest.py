import pytest

from cactus.signatures import pdf, pki
from cactus.signatures.tests.helpers import bring_to_signature, online_dossier


@pytest.fixture(scope="session")
def _test_authority(tmp_path_factory):
    return pki.create_test_authority(tmp_path_factory.mktemp("signing"))


@pytest.fixture
def signing_ca(settings, _test_authority):
    """The CFA's certificate from a local test CA, configured as production configures it (env settings)."""
    settings.CACTUS_SIGNING_CERT = str(_test_authority.pkcs12_path)
    settings.CACTUS_SIGNING_CERT_PASSWORD = _test_authority.password
    settings.CACTUS_SIGNING_TRUST_ROOTS = [str(_test_authority.ca_path)]
    pdf._signer.cache_clear()
    return _test_authority


@pytest.fixture
def signing_dossier(signing_ca, django_capture_on_commit_callbacks, mailoutbox):
    """A dossier whose online signing round has started (links mailed, on commit)."""
    with django_capture_on_commit_callbacks(execute=True):
        dossier = online_dossier()
    with django_capture_on_commit_callbacks(execute=True):
        return bring_to_signature(dossier)
