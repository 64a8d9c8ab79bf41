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
    # Every permitted row belongs to this organization (a customer's tickets): a backend
    # may narrow its match by it before applying `allowed`, which still decides.
    organization: int | None = None


@dataclass(frozen=True)
class Row:
    pk: int
    key: int
    score: float
    title: str  # with \x02 … \x03 around matches
    snippet: str
    sort: float | str  # the order's value of this row, for the next page's cursor


START, STOP = "\x02", "\x03"  # around matches in a title or snippet, made into <mark> later


# The column of a Request's `allowed` SQL (engine.allowed_sql) holding the permitted ids.
ALLOWED = "allowed_id"

# Ranking reads every match; past this many, "best match" ranks the newest this many
# matches the reader may see (by id), so its cost stays flat however common a word is.
# "Newest first" pages through every match. (docs/search.md, bench/RESULTS.md)
RANK_WINDOW = 1000


def scope(spec: IndexSpec, request: Request, alias: str, sql: list[str], params: list[Any]) -> None:
    """Append the kind and the permissions, on the rows of `alias`."""
    if spec.kind and request.kind is not None:
        sql.append(f" AND {alias}.kind = %s")
        params.append(request.kind)
    if request.allowed is not None:
        allowed_sql, allowed_params = request.allowed
        # Asked of each row (correlated; both databases push the id into the reader's
        # query: a primary-key lookup), not `IN (every permitted id)`, which SQLite builds
        # in full, for every statement that names it (~95,000 article ids for a customer).
        sql.append(
            f" AND EXISTS (SELECT 1 FROM ({allowed_sql}) allowed"  # noqa: S608 - our SQL
            f" WHERE allowed.{ALLOWED} = {alias}.{spec.key})"
        )
        params.extend(allowed_params)


def rank_window(spec: IndexSpec) -> int:
    return spec.rank_window if spec.rank_window is not None else RANK_WINDOW


def finish(
    spec: IndexSpec,
    request: Request,
    sort: str,
    sql: list[str],
    params: list[Any],
    cast: str = "",
    *,
    scoped: bool = False,
) -> None:
    """Append the kind and the permissions (unless the rows are `scoped` already), the
    page's start (after the previous page's last row, `cast` to the sort's type), the
    order and the limit."""
    if not scoped:
        scope(spec, request, "d", sql, params)
    if request.after is not None:
        value, pk = request.after
        sql.append(f" AND ({sort} < %s{cast} OR ({sort} = %s{cast} AND d.{spec.pk} < %s))")
        params.extend([value, value, pk])
    sql.append(f" ORDER BY {sort} DESC, d.{spec.pk} DESC LIMIT %s")
    params.append(request.limit)
