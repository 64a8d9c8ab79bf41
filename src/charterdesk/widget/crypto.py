"""The widget keys' secrets, encrypted at rest with a key derived from SECRET_KEY (or
WIDGET_SECRET_KEY where the operator sets one, so rotating SECRET_KEY need not break every
vendor's signing key). Fernet: AES-128-CBC with an HMAC-SHA256, from `cryptography`."""

import base64
import hashlib
import secrets

from cryptography.fernet import Fernet
from django.conf import settings


def _fernet() -> Fernet:
    material = getattr(settings, "WIDGET_SECRET_KEY", "") or settings.SECRET_KEY
    digest = hashlib.sha256(f"charterdesk.widget.keys:{material}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def new_secret() -> str:
    """32 random bytes as text: what HS256 wants (RFC 7518 asks for 256 bits at least)."""
    return secrets.token_urlsafe(32)


def encrypt(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()


def token_hash(token: str) -> str:
    """How bearer and confirmation tokens are kept: their SHA-256, never the token."""
    return hashlib.sha256(token.encode()).hexdigest()
