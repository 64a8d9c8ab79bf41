"""What every backend takes and gives."""

from dataclasses import dataclass
from typing import Any

from ..index import IndexSpec


@dataclass(frozen=True)
class Request:
    """What to search for beyond the text: who reads (private = may match internal text),
    which objects (allowed: SQL of the permitted ids, or None for all), the order and
    the page."""

    private: bool
    kind: str | None
    allowed: tuple[str, tuple[object, ...]] | None
    order: str  # "relevance" or "date"
    limit: int
    after: tuple[float | str, int] | None  # the last row of the previous page


@dataclass(frozen=True)
class Row:
    pk: int
    key: int
    score: float
    title: str  # with \x02 … \x03 around matches
    snippet: str
    sort: float | str  # the order's value of this row, for the next page's cursor


START, STOP = "\x02", "\x03"  # around matches in a title or snippet, made into <mark> later


def finish(
    spec: IndexSpec,
    request: Request,
    sort: str,
    sql: list[str],
    params: list[Any],
    cast: str = "",
) -> None:
    """Append the kind, the permissions, the page's start (after the previous page's last
    row, `cast` to the sort's type), the order and the limit."""
    if spec.kind and request.kind is not None:
        sql.append(" AND d.kind = %s")
        params.append(request.kind)
    if request.allowed is not None:
        allowed_sql, allowed_params = request.allowed
        sql.append(f" AND d.{spec.key} IN ({allowed_sql})")
        params.extend(allowed_params)
    if request.after is not None:
        value, pk = request.after
        sql.append(f" AND ({sort} < %s{cast} OR ({sort} = %s{cast} AND d.{spec.pk} < %s))")
        params.extend([value, value, pk])
    sql.append(f" ORDER BY {sort} DESC, d.{spec.pk} DESC LIMIT %s")
    params.append(request.limit)
