"""Widget keys and vendor tokens for tests, made as a manager and a vendor's backend would."""

import secrets
import time
from typing import Any

import jwt
from django.test import Client

from charterdesk.accounts.models import User
from charterdesk.widget.models import WidgetKey
from charterdesk.widget.services import widget_key_create

VENDOR = "https://app.vendor.example"


def new_key(
    manager: User, *, origins: list[str] | None = None, **options: Any
) -> tuple[WidgetKey, str]:
    new = widget_key_create(
        name="Vendor app", allowed_origins=origins or [VENDOR], created_by=manager, **options
    )
    return new.key, new.secret


def claims_for(email: str, **changes: Any) -> dict[str, Any]:
    now = int(time.time())
    claims: dict[str, Any] = {
        "sub": f"ext-{email}",
        "email": email,
        "name": "Someone",
        "iat": now,
        "exp": now + 300,
        "jti": secrets.token_urlsafe(12),
    }
    claims.update(changes)
    return {k: v for k, v in claims.items() if v is not None}


def token_for(key: WidgetKey, secret: str, email: str, **changes: Any) -> str:
    return jwt.encode(
        claims_for(email, **changes), secret, algorithm="HS256", headers={"kid": key.kid}
    )


def exchange(client: Client, token: object, origin: str | None = VENDOR) -> Any:
    headers = {"Origin": origin} if origin else {}
    return client.post(
        "/widget/api/session",
        {"token": token},
        content_type="application/json",
        headers=headers,
    )


def session_client(key: WidgetKey, bearer: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {bearer}", "X-Widget-Key": key.kid})
