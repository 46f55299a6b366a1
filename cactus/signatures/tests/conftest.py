import pytest

from cactus.signatures import pdf, pki


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
