"""Cursor pagination on the primary key, newest first: stable and index-friendly at any depth."""

import base64
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja.errors import HttpError
from pydantic import Field

from .validators import MAX_ID

MAX_LIMIT = 100
# For filter schemas: the bounds are in the OpenAPI document and checked before the query.
Limit = Annotated[int, Field(ge=1, le=MAX_LIMIT)]
Cursor = Annotated[str, Field(max_length=100)]


def check_limit(limit: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationError({"limit": f"Use a limit from 1 to {MAX_LIMIT}."})


def _encode(pk: int) -> str:
    return base64.urlsafe_b64encode(f"id:{pk}".encode()).decode().rstrip("=")


def _decode(cursor: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, _, value = raw.partition(":")
        pk = int(value)
        if kind != "id" or not 0 < pk <= MAX_ID:
            raise ValueError(raw)
        return pk
    except ValueError as exc:
        raise HttpError(400, "The cursor is not valid; use the `next` link of a page.") from exc


def page_of(
    request: HttpRequest,
    queryset: QuerySet[Any],
    cursor: str | None,
    limit: int,
    **filters: object,
) -> tuple[list[Any], str | None]:
    """Check the limit, apply the filters that were given, and paginate."""
    check_limit(limit)
    given = {field: value for field, value in filters.items() if value}
    return paginate(request, queryset.filter(**given), cursor, limit)


def paginate(
    request: HttpRequest, queryset: QuerySet[Any], cursor: str | None, limit: int
) -> tuple[list[Any], str | None]:
    """One page of `queryset` ordered by -pk, and the URL of the next page (or None)."""
    if cursor:
        queryset = queryset.filter(pk__lt=_decode(cursor))
    rows = list(queryset.order_by("-pk")[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    params = request.GET.copy()
    params["cursor"] = _encode(rows[-1].pk)
    params["limit"] = str(limit)
    return rows, request.build_absolute_uri(f"{request.path}?{params.urlencode()}")
