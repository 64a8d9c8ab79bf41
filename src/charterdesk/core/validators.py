"""Input that no database can hold is refused where it enters, with the field's name.

Text must be valid Unicode without NUL: PostgreSQL refuses a NUL character in a text
column, and a lone UTF-16 surrogate (which JSON's `\\ud800` escapes can produce) cannot be
encoded at all, so it fails on PostgreSQL and, stored on SQLite, breaks every page that
prints it. Numbers that name a row fit a 64-bit integer, the widest any database stores.

The API checks every string of every request in one place (`api.parser`), the pages in
one middleware (`core.middleware`), services called from elsewhere (mail, the command
line) with `check_text`. Schemas bound their numbers and lengths with the types below, so
the limits are in the OpenAPI document too.
"""

import re
from collections.abc import Iterator
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from pydantic import Field

MAX_ID = 2**63 - 1

# NUL, and the surrogate code points (never valid on their own in a Python str).
_INVALID = re.compile("[\x00\ud800-\udfff]")

# A row's id in a path or a query string: positive and within a 64-bit integer.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
# A count or an amount someone types: bounded so no arithmetic or column overflows.
Count = Annotated[int, Field(ge=0, le=MAX_ID)]
# An email address (RFC 5321 caps a path at 254 characters).
Email = Annotated[str, Field(max_length=254)]
# A short label: a product, a skill, a region, a channel, a language.
Label = Annotated[str, Field(max_length=100)]


def invalid_text_reason(value: str) -> str | None:
    """Why this text cannot be stored, or None when it can."""
    found = _INVALID.search(value)
    if found is None:
        return None
    if found.group() == "\x00":
        return "Remove the NUL character (\\u0000): text cannot contain it."
    return "The text is not valid Unicode (it has a lone UTF-16 surrogate); send it as UTF-8."


def printable(value: str) -> str:
    """The text with what cannot be stored replaced by U+FFFD, to name it in a message."""
    return _INVALID.sub("\ufffd", value)


def check_text(value: str, field: str) -> str:
    """For services: raise a ValidationError on `field` when the text cannot be stored."""
    reason = invalid_text_reason(value)
    if reason:
        raise ValidationError({field: reason})
    return value


def text_validator(value: str) -> None:
    """For form fields and model fields."""
    reason = invalid_text_reason(value)
    if reason:
        raise ValidationError(reason, code="invalid_text")


def invalid_strings(data: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple, str]]:
    """Every string in decoded JSON (keys and values) that cannot be stored: (path, reason)."""
    if isinstance(data, str):
        reason = invalid_text_reason(data)
        if reason:
            yield path, reason
    elif isinstance(data, dict):
        for key, value in data.items():
            name = printable(str(key))
            key_reason = invalid_text_reason(str(key))
            if key_reason:
                yield (*path, name), key_reason
            yield from invalid_strings(value, (*path, name))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from invalid_strings(value, (*path, index))
