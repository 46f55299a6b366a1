"""The OPCO API keys and webhook secrets at rest: Fernet (`cactus.core.encryption`), never in clear.

The Fernet key is OPCO_ENCRYPTION_KEY when set (a `Fernet.generate_key()` value, so rotating
SECRET_KEY does not lose the keys), else derived from SECRET_KEY. Changing either means entering
the OPCO keys again in the admin: a value that no longer decrypts reads as "".
"""

from cactus.core import encryption

PURPOSE = "cactus.opco"


def encrypt(value: str) -> str:
    return encryption.encrypt(value, purpose=PURPOSE)


def decrypt(token: str) -> str:
    return encryption.decrypt(token, purpose=PURPOSE)


def masked(last_four: str) -> str:
    """How a stored secret is shown: its last four characters only."""
    return f"••••{last_four}" if last_four else ""
