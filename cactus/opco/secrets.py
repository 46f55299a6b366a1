"""The OPCO API keys and webhook secrets at rest: Fernet (AES-128-CBC + HMAC-SHA256), never in clear.

The Fernet key is OPCO_ENCRYPTION_KEY when set (a `Fernet.generate_key()` value, so rotating
SECRET_KEY does not lose the keys), else derived from SECRET_KEY. Changing either means entering
the OPCO keys again in the admin: a value that no longer decrypts reads as "".
"""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet() -> Fernet:
    key = settings.OPCO_ENCRYPTION_KEY
    if not key:
        digest = hashlib.sha256(f"cactus.opco:{settings.SECRET_KEY}".encode()).digest()
        key = base64.urlsafe_b64encode(digest).decode()
    return Fernet(key)


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode() if value else ""


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        return ""


def masked(last_four: str) -> str:
    """How a stored secret is shown: its last four characters only."""
    return f"••••{last_four}" if last_four else ""
