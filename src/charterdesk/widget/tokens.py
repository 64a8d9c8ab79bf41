"""The vendor's token: a JWT its backend signs with a widget key (HS256, the key's id in
the header). Checked with PyJWT, HS256 only, so `alg: none` and every other algorithm are
refused; the signature is compared in constant time (PyJWT's `hmac.compare_digest`).

Every refusal says why, in words a vendor's developer can act on (`TokenRefusedError.reason`).
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt

from .models import WidgetKey

ALGORITHM = "HS256"
LEEWAY = timedelta(seconds=30)  # clock skew between the vendor's servers and ours
MAX_LIFETIME = timedelta(minutes=10)
REQUIRED = ["exp", "iat", "jti", "sub", "email"]


class TokenRefusedError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Claims:
    key: WidgetKey
    sub: str
    email: str
    name: str
    org: str
    jti: str
    expires_at: datetime


def _header(token: str) -> dict[str, object]:
    try:
        return jwt.get_unverified_header(token)
    except jwt.InvalidTokenError as exc:
        raise TokenRefusedError("The token is not a JWT (three base64url parts).") from exc


def key_of(token: str) -> WidgetKey:
    """The live key the token names in its header; refused for another algorithm, no kid,
    an unknown kid or a revoked key."""
    header = _header(token)
    if header.get("alg") != ALGORITHM:
        raise TokenRefusedError(f"The token must be signed with HS256, not {header.get('alg')!r}.")
    kid = header.get("kid")
    if not isinstance(kid, str) or not kid:
        raise TokenRefusedError("The token's header has no kid (the widget key's id).")
    key = WidgetKey.objects.filter(kid=kid).first()
    if key is None:
        raise TokenRefusedError(f"No widget key has the id {kid!r}.")
    if key.is_revoked:
        raise TokenRefusedError(f"The widget key {kid!r} was revoked; sign with a live key.")
    return key


def _decoded(token: str, key: WidgetKey) -> dict[str, object]:
    try:
        return jwt.decode(
            token,
            key.secret(),
            algorithms=[ALGORITHM],
            leeway=LEEWAY,
            options={"require": REQUIRED, "verify_signature": True},
        )
    except jwt.ExpiredSignatureError as exc:
        raise TokenRefusedError("The token has expired; sign a fresh one for each page.") from exc
    except jwt.ImmatureSignatureError as exc:
        raise TokenRefusedError("The token is not valid yet (iat or nbf in the future).") from exc
    except jwt.MissingRequiredClaimError as exc:
        raise TokenRefusedError(f"The token has no {exc.claim!r} claim.") from exc
    except jwt.InvalidSignatureError as exc:
        raise TokenRefusedError("The token's signature does not match the key.") from exc
    except jwt.InvalidTokenError as exc:
        raise TokenRefusedError(f"The token is not valid: {exc}.") from exc


def _text(payload: dict[str, object], claim: str, limit: int) -> str:
    value = payload.get(claim, "")
    if not isinstance(value, str) or len(value) > limit:
        raise TokenRefusedError(f"The {claim!r} claim must be text of at most {limit} characters.")
    return value.strip()


def _lifetime(payload: dict[str, object]) -> datetime:
    exp, iat = payload["exp"], payload["iat"]
    if not isinstance(exp, int | float) or not isinstance(iat, int | float):
        raise TokenRefusedError("The exp and iat claims must be numbers of seconds.")
    if timedelta(seconds=exp - iat) > MAX_LIFETIME:
        minutes = int(MAX_LIFETIME.total_seconds() // 60)
        raise TokenRefusedError(f"The token lives longer than {minutes} minutes (exp - iat).")
    return datetime.fromtimestamp(exp, tz=UTC)


def claims_of(token: str) -> Claims:
    """The checked claims of a vendor's token, or TokenRefusedError with the reason. It does not
    mark the token used: the exchange does that (services.py)."""
    if not isinstance(token, str) or not token or len(token) > 8000:
        raise TokenRefusedError('Send the vendor\'s token as {"token": "..."}.')
    key = key_of(token)
    payload = _decoded(token, key)
    expires_at = _lifetime(payload)
    jti = _text(payload, "jti", 200)
    email = _text(payload, "email", 254).lower()
    if not jti:
        raise TokenRefusedError("The token's jti is empty; give every token a unique id.")
    if "@" not in email:
        raise TokenRefusedError("The token's email claim is not a mail address.")
    return Claims(
        key=key,
        sub=_text(payload, "sub", 200),
        email=email,
        name=_text(payload, "name", 200),
        org=_text(payload, "org", 200),
        jti=jti,
        expires_at=expires_at,
    )
