"""SQLite: FTS5 `MATCH` with BM25 ranking (title weighted up), `highlight` and `snippet`.

Customers' queries carry an FTS5 column filter, `{subject people public_text} : (...)`, so
text that exists only in a private column (internal notes) can never match for them."""

from typing import Any

from django.db import connection

from ..index import IndexSpec
from ..query import Query, Term
from .base import ALLOWED, START, STOP, Request, Row, finish, rank_window, scope

SNIPPET_WORDS = 24


def run(spec: IndexSpec, query: Query, request: Request) -> list[Row]:
    sql, params = _statement(spec, query, request)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [Row(*row) for row in cursor.fetchall()]


def match_expression(spec: IndexSpec, query: Query, *, private: bool) -> str:
    """The FTS5 query of the text part; '' when there is no positive term."""
    positive = " AND ".join(_group(group) for group in query.groups)
    if not positive:
        return ""
    if query.excluded:
        positive = f"({positive}) NOT ({_any(query.excluded)})"
    return _restricted(spec, positive, private=private)


def _restricted(spec: IndexSpec, expression: str, *, private: bool) -> str:
    if (private or not spec.has_private) and spec.organization_column is None:
        return expression
    # Words match the text columns only: the organization column is a filter.
    columns = spec.columns if private else spec.public_columns
    names = " ".join(column.name for column in columns)
    return f"{{{names}}} : ({expression})"


def _in_organization(spec: IndexSpec, request: Request, match: str) -> str:
    """A customer's match ANDed with their organization's token (IndexSpec)."""
    if spec.organization_column is None or request.organization is None:
        return match
    return f'({match}) AND {spec.organization_column} : "o{int(request.organization)}"'


def _term(term: Term) -> str:
    quoted = '"' + " ".join(term.words) + '"'
    return f"{quoted} *" if term.prefix else quoted


def _any(terms: list[Term]) -> str:
    return " OR ".join(_term(term) for term in terms)


def _group(group: list[Term]) -> str:
    return f"({_any(group)})" if len(group) > 1 else _term(group[0])


def _statement(spec: IndexSpec, query: Query, request: Request) -> tuple[str, list[Any]]:
    match = match_expression(spec, query, private=request.private)
    if not match:
        return _listing(spec, query, request)
    match = _in_organization(spec, request, match)
    if request.order == "relevance" and not spec.kind and spec.key == spec.pk == spec.date:
        return _ranked_by_rowid(spec, request, match)
    names = [column.name for column in spec.columns]
    weights = _weights(spec)
    score = f"(-bm25({spec.fts}, {weights}))"
    snippets = spec.snippet_columns(private=request.private)
    snippet_column = names.index(snippets[0].name) if len(snippets) == 1 else -1
    sort = score if request.order == "relevance" else f"d.{spec.date}"
    # The page first (ranked, permitted, after the cursor), then the title's highlight
    # and the snippet of the page's rows only: snippet() reads the row's whole text.
    page = [
        f"SELECT d.{spec.pk} AS pk, d.{spec.key} AS key, {score} AS score,",
        f" {_value(spec, sort)} AS sort",
        f" FROM {spec.fts} JOIN {spec.table} d ON d.{spec.pk} = {spec.fts}.rowid",
        f" WHERE {spec.fts} MATCH %s",
    ]
    page_params: list[Any] = [match]
    if request.order == "relevance":
        _window(spec, request, match, page, page_params)
    # Best match: the window holds permitted rows only; no second check of the page.
    finish(spec, request, sort, page, page_params, scoped=request.order == "relevance")
    sql = (  # names from the IndexSpec, values as parameters
        f"SELECT p.pk, p.key, p.score, highlight({spec.fts}, {names.index(spec.title)}, %s, %s),"  # noqa: S608
        f" snippet({spec.fts}, {snippet_column}, %s, %s, %s, %s), p.sort"
        f" FROM ({''.join(page)}) p JOIN {spec.fts} ON {spec.fts}.rowid = p.pk"
        f" WHERE {spec.fts} MATCH %s ORDER BY p.sort DESC, p.pk DESC"
    )
    # In the order of the placeholders: the highlight and snippet marks, the page, the
    # match of the page's rows.
    return sql, [START, STOP, START, STOP, "…", SNIPPET_WORDS, *page_params, match]


def _ranked_by_rowid(spec: IndexSpec, request: Request, match: str) -> tuple[str, list[Any]]:
    """Best match when the FTS rowid is the object's id (tickets), without reading the
    content table: the newest `rank_window` permitted matches, straight from FTS5, with
    their bm25 (FTS5 reads the word's rowids backwards and stops at the window, so bm25
    runs for the window only, however common the word); the page ranked among them; then
    the title's highlight and the snippet of the page's rows only, in a second MATCH
    bounded to the page's range of rowids (FTS5 seeks to it instead of reading every
    match of the word). The permission is asked of each match (`EXISTS`, a primary-key
    lookup), not as a list of every permitted id built first. The `+` makes the page's id
    list a filter: as a constraint FTS5 would look each id up on its own (about 0.1 ms
    each)."""
    names = [column.name for column in spec.columns]
    weights = _weights(spec)
    snippets = spec.snippet_columns(private=request.private)
    snippet_column = names.index(snippets[0].name) if len(snippets) == 1 else -1
    fts = spec.fts
    window = [
        f"SELECT rowid AS pk, -bm25({fts}, {weights}) AS score FROM {fts}"  # noqa: S608 - names
        f" WHERE {fts} MATCH %s"
    ]
    params: list[Any] = [match]
    if request.allowed is not None:
        # Asked of each match (a primary-key lookup), not `+rowid IN (…)`: that list is
        # built in full first, 1,600 ids for a customer of a busy organization at a
        # million tickets, when their window holds 16 matches (bench/RESULTS.md).
        allowed_sql, allowed_params = request.allowed
        window.append(
            f" AND EXISTS (SELECT 1 FROM ({allowed_sql}) allowed"  # noqa: S608 - our SQL
            f" WHERE allowed.{ALLOWED} = {fts}.rowid)"
        )
        params.extend(allowed_params)
    window.append(f" ORDER BY rowid DESC LIMIT {int(rank_window(spec))}")
    page = ["SELECT pk, score FROM win"]
    if request.after is not None:
        value, pk = request.after
        page.append(" WHERE (score < %s OR (score = %s AND pk < %s))")
        params.extend([value, value, pk])
    page.append(" ORDER BY score DESC, pk DESC LIMIT %s")
    params.append(request.limit)
    texts = (
        f"SELECT rowid AS pk, highlight({fts}, {names.index(spec.title)}, %s, %s) AS title,"  # noqa: S608
        f" snippet({fts}, {snippet_column}, %s, %s, %s, %s) AS snippet FROM {fts}"
        f" WHERE {fts} MATCH %s AND rowid >= (SELECT min(pk) FROM page)"
        " AND rowid <= (SELECT max(pk) FROM page) AND +rowid IN (SELECT pk FROM page)"
    )
    params.extend([START, STOP, START, STOP, "…", SNIPPET_WORDS, match])
    sql = (  # names from the IndexSpec, values as parameters
        f"WITH win AS MATERIALIZED ({''.join(window)}),"  # noqa: S608
        f" page AS MATERIALIZED ({''.join(page)}),"
        f" texts AS MATERIALIZED ({texts})"
        " SELECT page.pk, page.pk, page.score, texts.title, texts.snippet, page.score"
        " FROM page JOIN texts ON texts.pk = page.pk ORDER BY page.score DESC, page.pk DESC"
    )
    return sql, params


def _weights(spec: IndexSpec) -> str:
    """bm25's column weights; the organization column (if any) weighs nothing."""
    weights = [str(column.bm25_weight) for column in spec.columns]
    return ", ".join(weights + (["0.0"] if spec.organization_column else []))


def _window(
    spec: IndexSpec, request: Request, match: str, sql: list[str], params: list[Any]
) -> None:
    """For "best match": only the newest `rank_window` permitted matches (a condition on
    the rows of d). Ordered by the FTS rowid (the content table's id), so FTS5 reads the
    matches backwards and stops once the window is full, instead of finding every match
    of common words and sorting them."""
    sql.append(
        f" AND d.{spec.pk} IN (SELECT c.{spec.pk} FROM {spec.fts} "  # noqa: S608 - names
        f"JOIN {spec.table} c ON c.{spec.pk} = {spec.fts}.rowid WHERE {spec.fts} MATCH %s"
    )
    params.append(match)
    scope(spec, request, "c", sql, params)
    sql.append(f" ORDER BY {spec.fts}.rowid DESC LIMIT {int(rank_window(spec))})")


def _value(spec: IndexSpec, sort: str) -> str:
    """The sort value as stored (a time as its text, not parsed into a naive datetime)."""
    return (
        f"CAST({sort} AS TEXT)"
        if sort.endswith(f".{spec.date}") and spec.date_type == "timestamptz"
        else sort
    )


def _listing(spec: IndexSpec, query: Query, request: Request) -> tuple[str, list[Any]]:
    """No words to match: newest first, filtered (and without the excluded words)."""
    sort = f"d.{spec.date}"
    sql = [
        f"SELECT d.{spec.pk}, d.{spec.key}, 0.0, d.{spec.title}, substr(d.{spec.body}, 1, 200),",
        f" {_value(spec, sort)} FROM {spec.table} d WHERE 1 = 1",
    ]
    params: list[Any] = []
    if query.excluded:
        sql.append(
            f" AND d.{spec.pk} NOT IN (SELECT rowid FROM {spec.fts} "  # noqa: S608 - names
            f"WHERE {spec.fts} MATCH %s)"
        )
        params.append(_restricted(spec, _any(query.excluded), private=request.private))
    finish(spec, request, sort, sql, params)
    return "".join(sql), params
