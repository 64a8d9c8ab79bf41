"""The opaque cursor of a search page: the order, and the last row's sort value and id.
The next page starts after that row, in the database (keyset pagination)."""

import base64
import json

from django.core.exceptions import ValidationError

ORDERS = ("relevance", "date")
INVALID = "The cursor is not valid; use the `next` link of a page."


def encode(order: str, value: float | str, pk: int) -> str:
    raw = json.dumps([order, value, pk], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode(cursor: str, order: str) -> tuple[float | str, int]:
    """The previous page's last row; ValidationError({"cursor": …}) for anything else,
    including a cursor of the other order."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        kind, value, pk = json.loads(raw)
    except (ValueError, TypeError) as exc:
        raise ValidationError({"cursor": INVALID}) from exc
    valid_value = isinstance(value, float | int | str) and not isinstance(value, bool)
    if kind != order or not valid_value or not isinstance(pk, int) or isinstance(pk, bool):
        raise ValidationError({"cursor": INVALID})
    if isinstance(value, str) and len(value) > 40:
        raise ValidationError({"cursor": INVALID})
    return value, pk
