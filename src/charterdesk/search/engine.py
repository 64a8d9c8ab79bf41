"""One search over one index, for the generic documents and for tickets alike: the text
parsed, permissions inside the query, a page in the database, "did you mean"."""

from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet, ValidationError
from django.db.models import F, QuerySet

from . import backends, cursor, vocabulary
from .backends.base import ALLOWED, Request, Row
from .index import IndexSpec
from .query import Query, QueryError, Term, parse

MAX_QUERY_CHARS = 500
MAX_LIMIT = 100


@dataclass(frozen=True)
class Page:
    rows: list[Row]
    next_cursor: str | None
    corrected_query: str | None
    # The rows are the corrected query's (the original found nothing): the next page's
    # link carries `corrected_query` as its query.
    replaced: bool = False


def parsed(q: str) -> Query:
    """The query, or ValidationError({"q": …}) saying what is wrong with it."""
    if len(q) > MAX_QUERY_CHARS:
        raise ValidationError({"q": f"Use at most {MAX_QUERY_CHARS} characters."})
    try:
        return parse(q)
    except QueryError as exc:
        raise ValidationError({"q": str(exc)}) from exc


def check(order: str, limit: int) -> None:
    errors = {}
    if order not in cursor.ORDERS:
        errors["order"] = "Order by 'relevance' or 'date'."
    if not 1 <= limit <= MAX_LIMIT:
        errors["limit"] = f"Use a limit from 1 to {MAX_LIMIT}."
    if errors:
        raise ValidationError(errors)


def allowed_sql(allowed: QuerySet | None) -> tuple[str, tuple[object, ...]] | None:
    """SQL of the permitted ids; EmptyResultSet when nothing is permitted."""
    if allowed is None:
        return None
    permitted = allowed.order_by().values(**{ALLOWED: F("pk")})
    sql, params = permitted.query.sql_with_params()
    return sql, tuple(params)


def search(
    spec: IndexSpec,
    query: Query,
    *,
    private: bool,
    allowed: QuerySet | None,
    kind: str | None = None,
    order: str = "relevance",
    limit: int = 20,
    after: str | None = None,
    correct: bool = True,
    organization: int | None = None,
) -> Page:
    """A page of hits. When the words find nothing and the vocabulary knows close words,
    the corrected query's hits, with `corrected_query` set; when the words find something
    and a word is unknown, the hits with `corrected_query` as a "did you mean".
    `organization`: every allowed object belongs to it (a customer's tickets), a hint the
    backend may narrow its match by; `allowed` still decides."""
    check(order, limit)
    if query.jump_to is not None:  # a number is a word outside ticket search
        query = Query(groups=[[Term((str(query.jump_to),))]])
    order = order if query.has_text else "date"  # nothing to rank: newest first
    start = cursor.decode(after, order) if after else None
    try:
        permitted = allowed_sql(allowed)
    except EmptyResultSet:
        return Page([], None, None)
    request = Request(private, kind, permitted, order, limit + 1, start, organization)
    rows = backends.current().run(spec, query, request)
    if not (query.has_text and correct) or start is not None:
        return _page(rows, limit, order, None)
    original = bool(rows)
    rows, corrected = _corrected(spec, query, request, rows)
    return _page(rows, limit, order, corrected, replaced=bool(rows) and not original)


def _corrected(
    spec: IndexSpec, query: Query, request: Request, rows: list[Row]
) -> tuple[list[Row], str | None]:
    words = [term.words[0] for term in query.terms() if not term.is_phrase and not term.prefix]
    fixes = vocabulary.corrections(words, strict=bool(rows))
    if not fixes:
        return rows, None
    better = query.replaced(fixes)
    better_rows = backends.current().run(spec, better, request)
    if not better_rows:  # offer only what finds something this reader may see
        return rows, None
    return (rows or better_rows), better.text()


def _page(
    rows: list[Row], limit: int, order: str, corrected: str | None, *, replaced: bool = False
) -> Page:
    if len(rows) <= limit:
        return Page(rows, None, corrected, replaced)
    rows = rows[:limit]
    last = rows[-1]
    return Page(rows, cursor.encode(order, last.sort, last.pk), corrected, replaced)
