"""PostgreSQL: the stored weighted `tsvector` columns (GIN) matched with a `tsquery` built
from our parsed query (the pieces `websearch_to_tsquery` would build, plus prefixes),
ranked by `ts_rank`; the page's titles and snippets marked in Python (bm25.py) from
the stored text of the page's rows only.

Customers' queries match `public_vector`, which holds no private column, so text that
exists only in internal notes can never match for them."""

from datetime import datetime
from typing import Any

from django.db import connection

from .. import bm25
from ..index import IndexSpec
from ..query import STOPWORDS, Query, Term
from ..schema import CONFIG
from .base import Request, Row, finish, rank_window, scope

# A snippet comes from the start of this much of the text (as bm25.BODY_CHARS).
SNIPPET_CHARS = 20_000


# Best match ranks the newest `rank_window` matches. A GIN index gives the matches in no
# order, so finding the newest reads every match's row for its id: 10,000 rows scattered
# over the table for a word in 1% of a million tickets. So they are looked for first among
# the newest STAGES[0] × window rows of the index only (the GIN bitmap and the primary
# key's range, ANDed before any row is read), then among all; the first stage that finds a
# whole window has the same newest matches as a scan of all of them (every match outside
# its range is older than all of its own). Only for readers who may see every ticket
# (agents without filters): a customer's or a filter's rows are too sparse among the
# newest for a stage to fill the window, and each stage that comes up short costs its
# range's bitmap (about 1 ms per 20,000 ids).
STAGES = (100,)


def run(spec: IndexSpec, query: Query, request: Request) -> list[Row]:
    with connection.cursor() as cursor:
        top = None
        if request.order == "relevance" and query.has_text:
            cursor.execute(f"SELECT max({spec.pk}) FROM {spec.table}")  # noqa: S608 - names
            top = cursor.fetchone()[0]
        sql, params = _statement(spec, query, request, top=top)
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not query.has_text:
        return [
            Row(pk, key, float(score), t, text, _plain(sort))
            for pk, key, score, t, text, sort in rows
        ]
    words, prefixes = marked_words(query)
    return [
        Row(
            pk,
            key,
            float(score),
            bm25.marked(title, words, prefixes),
            bm25.snippet(text, words, prefixes),
            _plain(sort),
        )
        for pk, key, score, title, text, sort in rows
    ]


def marked_words(query: Query) -> tuple[list[str], list[str]]:
    """What a title or snippet marks: the words the query matches by (stopwords match
    nothing: the tsquery drops them), and the prefixes (`renew*`)."""
    words = [
        word
        for term in query.terms()
        if not term.prefix
        for word in term.words
        if word.lower() not in STOPWORDS
    ]
    return words, [term.words[0] for term in query.terms() if term.prefix]


def _plain(value: object) -> float | str:
    if isinstance(value, datetime):
        return value.isoformat()
    return value if isinstance(value, float) else str(value)


def tsquery(query: Query) -> tuple[str, list[Any]]:
    """SQL of the tsquery of the text part, and its parameters; ('', []) without words."""
    params: list[Any] = []
    groups = [_any(group, params) for group in query.groups]
    if not groups:
        return "", []
    sql = " && ".join(groups)
    if query.excluded:
        sql = f"({sql}) && !!({_any(query.excluded, params)})"
    return sql, params


def _term(term: Term, params: list[Any]) -> str:
    if term.prefix:
        params.append(f"'{term.words[0]}':*")
        return f"to_tsquery('{CONFIG}', %s)"
    params.append(" ".join(term.words))
    function = "phraseto_tsquery" if term.is_phrase else "plainto_tsquery"
    sql = f"{function}('{CONFIG}', %s)"
    if term.raw:  # alice@acme.example is one lexeme to PostgreSQL's parser
        params.append(term.raw)
        sql = f"({sql} || plainto_tsquery('{CONFIG}', %s))"
    return sql


def _any(terms: list[Term], params: list[Any]) -> str:
    return "(" + " || ".join(_term(term, params) for term in terms) + ")"


def _statement(
    spec: IndexSpec, query: Query, request: Request, *, top: int | None = None
) -> tuple[str, list[Any]]:
    """The search statement; `top`: the index's highest id (for the staged window)."""
    match, params = tsquery(query)
    if not match:
        return _listing(spec, query, request)
    vector = f"d.{spec.vector(private=request.private)}"
    score = f"ts_rank({vector}, q.query)"
    sort = score if request.order == "relevance" else f"d.{spec.date}"
    cast = "real" if request.order == "relevance" else spec.date_type
    # The page first (ranked, permitted, after the cursor), without its text; then the
    # page's rows read again for their title and text, marked in Python (`run`): 1 ms for
    # a page, where `ts_headline` parsed and stemmed each whole text again (10-15 ms).
    # Best match ranks only the newest permitted matches (`_window`: CTEs of their ids),
    # read by primary key.
    inner: list[str] = [f"SELECT d.{spec.pk} AS pk, d.{spec.key} AS key, {score} AS score,"]
    inner_params: list[Any] = []
    windows, window_params = "", list[Any]()
    if request.order == "relevance":
        windows, window_params = _window(spec, request, top)
        inner.append(f" {sort} AS sort FROM win JOIN {spec.match_table} d")
        inner.append(f" ON d.{spec.pk} = win.pk, q WHERE true")
    else:
        inner.append(f" {sort} AS sort FROM {spec.match_table} d, q WHERE {vector} @@ q.query")
        _narrow(spec, request, "d", inner, inner_params)
    finish(
        spec,
        request,
        sort,
        inner,
        inner_params,
        cast=f"::{cast}",
        scoped=request.order == "relevance",
    )
    # Names from the IndexSpec, values as parameters.
    body = f"left({_snippet_text(spec, request)}, {int(SNIPPET_CHARS)})"
    sql = (
        f"WITH q AS (SELECT {match} AS query){windows} "  # noqa: S608
        f"SELECT page.pk, page.key, page.score, d.{spec.title}, {body}, page.sort"
        f" FROM ({''.join(inner)}) page JOIN {spec.table} d ON d.{spec.pk} = page.pk"
        " ORDER BY page.sort DESC, page.pk DESC"
    )
    # In the order of the placeholders: the tsquery (the WITH), the window's permissions,
    # the page (kind, permissions, cursor, limit).
    return sql, [*params, *window_params, *inner_params]


def _window(spec: IndexSpec, request: Request, top: int | None) -> tuple[str, list[Any]]:
    """CTEs ending in `win`: the ids of the newest `rank_window` permitted matches, by
    stages (STAGES). Each stage is its own reference to the query (q w): a subquery naming
    the outer q would be correlated and run once per row. A stage runs only when the ones
    before it came up short (the conditions are PostgreSQL's one-time filters)."""
    size = rank_window(spec)
    pk = spec.pk
    vector = spec.vector(private=request.private)
    matches = f"FROM {spec.match_table} c, q w WHERE c.{vector} @@ w.query"
    bounds: list[int | None] = []
    if top is not None and request.allowed is None:
        bounds = [int(top) - size * times for times in STAGES if int(top) - size * times > 0]
    bounds.append(None)
    ctes: list[str] = []
    params: list[Any] = []
    for n, bound in enumerate(bounds):
        stage = [f", w{n} AS (SELECT c.{pk} AS pk {matches}"]
        if bound is not None:
            stage.append(f" AND c.{pk} > {bound}")
        _narrow(spec, request, "c", stage, params)
        scope(spec, request, "c", stage, params)
        # The last stage reads every match (the GIN bitmap) and sorts their ids: as `c.pk`
        # the planner may instead walk the primary key backwards testing each row's
        # vector until the window is full, which for a rare word is every row (12 s at a
        # million tickets, bench/RESULTS.md); `+ 0` takes that order away from it.
        order = f"c.{pk}" if bound is not None else f"c.{pk} + 0"
        stage.append(f" ORDER BY {order} DESC LIMIT {int(size)})")
        ctes.append("".join(stage))
    branches = []  # names of our CTEs and integers only
    for n in range(len(bounds)):
        conditions = [f"(SELECT count(*) FROM w{k}) < {int(size)}" for k in range(n)]  # noqa: S608
        if n < len(bounds) - 1:
            conditions.append(f"(SELECT count(*) FROM w{n}) = {int(size)}")  # noqa: S608
        where = " AND ".join(conditions) or "true"
        branches.append(f"SELECT pk FROM w{n} WHERE {where}")  # noqa: S608
    ctes.append(f", win AS ({' UNION ALL '.join(branches)})")
    return "".join(ctes), params


def _narrow(
    spec: IndexSpec, request: Request, alias: str, sql: list[str], params: list[Any]
) -> None:
    """A customer's organization on the narrow table's rows: the GIN bitmap ANDed with the
    organization's ids (search_ticket_match_by_org) before any row is read; `scope` then
    applies the permissions themselves to the few rows left."""
    if spec.matches is not None and request.organization is not None:
        sql.append(f" AND {alias}.organization_id = %s")
        params.append(request.organization)


def _snippet_text(spec: IndexSpec, request: Request) -> str:
    columns = [f"d.{column.name}" for column in spec.snippet_columns(private=request.private)]
    return columns[0] if len(columns) == 1 else f"concat_ws(' … ', {', '.join(columns)})"


def _listing(spec: IndexSpec, query: Query, request: Request) -> tuple[str, list[Any]]:
    """No words to match: newest first, filtered (and without the excluded words)."""
    sort = f"d.{spec.date}"
    sql = [
        f"SELECT d.{spec.pk}, d.{spec.key}, 0.0, d.{spec.title}, left(d.{spec.body}, 200),",
        f" {sort} FROM {spec.table} d WHERE true",
    ]
    params: list[Any] = []
    if query.excluded:
        excluded, params = tsquery(_only(query.excluded))
        sql.append(
            f" AND NOT EXISTS (SELECT 1 FROM {spec.match_table} x WHERE x.{spec.pk} = d.{spec.pk}"  # noqa: S608
            f" AND x.{spec.vector(private=request.private)} @@ ({excluded}))"
        )
    finish(spec, request, sort, sql, params, cast=f"::{spec.date_type}")
    return "".join(sql), params


def _only(terms: list[Term]) -> Query:
    return Query(groups=[list(terms)])
