"""Secrets Cactus must read back (to call or sign for someone else) are kept encrypted at rest.

Fernet (AES-128-CBC + HMAC-SHA256): a database dump, a backup or an admin page reader gets a token
that is useless without the key. The key is `OPCO_ENCRYPTION_KEY` when set (a
`Fernet.generate_key()` value, so rotating SECRET_KEY does not lose the secrets), else derived from
SECRET_KEY and the `purpose` (one key per kind of secret). A value that no longer decrypts (the key
changed) reads as "": the secret has to be entered or generated again.
"""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet(purpose: str) -> Fernet:
    key = settings.OPCO_ENCRYPTION_KEY
    if not key:
        digest = hashlib.sha256(f"{purpose}:{settings.SECRET_KEY}".encode()).digest()
        key = base64.urlsafe_b64encode(digest).decode()
    return Fernet(key)


def encrypt(value: str, *, purpose: str) -> str:
    return _fernet(purpose).encrypt(value.encode()).decode() if value else ""


def decrypt(token: str, *, purpose: str) -> str:
    if not token:
        return ""
    try:
        return _fernet(purpose).decrypt(token.encode()).decode()
    except InvalidToken:
        return ""
