"""The generic document index: other apps' objects (articles, community topics) made
searchable by kind. The interface is agreed with those apps (docs/search.md):

    documents.upsert(Document(kind="article", object_id=42, title=..., body=..., ...))
    documents.remove("article", 42)
    documents.register_kind("article", rebuild=iterator_of_documents, count=number)
    documents.search("article", q="saml cert", allowed=qs, order="relevance", limit=20)
    documents.similar("article", text="our sso login broke", allowed=qs, limit=5)

Writes run in the caller's transaction: what it commits is searchable, what it rolls back
never was. Permissions are inside the query: `allowed` is a QuerySet of the owning model
whose pks the reader may see (None: all).
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import islice

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString

from charterdesk.accounts.models import User

from . import engine, vectors, vocabulary
from .backends.base import Row
from .highlight import marked
from .index import DOCUMENTS
from .models import IndexedDocument
from .query import Query, Term, significant_words
from .readable import Allowed, as_queryset

BATCH = 500


@dataclass(frozen=True)
class Document:
    kind: str
    object_id: int
    title: str
    body: str = ""
    language: str = ""
    updated_at: datetime | None = None


@dataclass(frozen=True)
class Hit:
    object_id: int
    score: float  # higher is better
    title_html: SafeString  # escaped, <mark> around matches
    snippet_html: SafeString


@dataclass(frozen=True)
class SearchPage:
    items: list[Hit]
    next_cursor: str | None
    corrected_query: str | None
    # The items answer `corrected_query` (the query as typed found nothing).
    replaced: bool = False


@dataclass(frozen=True)
class Kind:
    rebuild: Callable[[], Iterable[Document]]
    count: Callable[[], int]
    # Optional, for the search API and pages: the owning model's rows a user may read
    # (a QuerySet, or None for all), and the page of one object.
    visible_to: Callable[[User], QuerySet | None] | None = None
    url: Callable[[int], str] | None = None


_kinds: dict[str, Kind] = {}


def register_kind(
    kind: str,
    *,
    rebuild: Callable[[], Iterable[Document]],
    count: Callable[[], int],
    visible_to: Callable[[User], QuerySet | None] | None = None,
    url: Callable[[int], str] | None = None,
) -> None:
    """Called from the owner's AppConfig.ready: how `charterdesk search rebuild` refills
    the documents of `kind`; optionally what a user may read of them (`visible_to(user)`:
    a QuerySet of the owning model, None for everything) and the page of one (`url(id)`),
    for GET /api/v1/search. Without `visible_to`, only agents find the kind there."""
    if kind in _kinds:
        raise ImproperlyConfigured(f"search: the kind {kind!r} is registered twice")
    if not (callable(rebuild) and callable(count)):
        raise ImproperlyConfigured(f"search: the kind {kind!r} needs callable rebuild and count")
    _kinds[kind] = Kind(rebuild, count, visible_to, url)


def readable(kind: str, user: User) -> QuerySet | None:
    """What `user` may read of a registered kind, as `allowed` for `search`: the owner's
    `visible_to`, or (without one) everything for agents and nothing for others."""
    visible_to = _kinds[kind].visible_to
    if visible_to is not None:
        return visible_to(user)
    return None if user.is_agent else User.objects.none()


def unregister_kind(kind: str) -> None:
    """For tests that register a kind of their own."""
    _kinds.pop(kind, None)


def kinds() -> dict[str, Kind]:
    return dict(_kinds)


def _row(document: Document) -> IndexedDocument:
    return IndexedDocument(
        kind=document.kind,
        object_id=document.object_id,
        title=document.title[:500],
        body=document.body,
        language=document.language[:16],
        updated_at=document.updated_at or timezone.now(),
    )


def upsert(document: Document) -> None:
    """Index or re-index one object, in the caller's transaction."""
    _write([document])


def _write(batch: list[Document]) -> None:
    rows = IndexedDocument.objects.bulk_create(
        [_row(document) for document in batch],
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=["title", "body", "language", "updated_at"],
    )
    if settings.SEARCH_SEMANTIC:
        vectors.store(rows)
    vocabulary.remember(text for document in batch for text in (document.title, document.body))


def remove(kind: str, object_id: int) -> None:
    IndexedDocument.objects.filter(kind=kind, object_id=object_id).delete()


def rebuild(kind: str, progress: Callable[[int], object] | None = None) -> int:
    """Replace every document of `kind` with what its owner's `rebuild` gives, in batches;
    `progress(n)` after each batch. Run it inside one transaction (the command does)."""
    IndexedDocument.objects.filter(kind=kind).delete()
    done = 0
    documents: Iterator[Document] = iter(_kinds[kind].rebuild())
    while batch := list(islice(documents, BATCH)):
        _write(batch)
        done += len(batch)
        if progress is not None:
            progress(len(batch))
    return done


def search(
    kind: str,
    q: str,
    allowed: QuerySet | None = None,
    order: str = "relevance",
    limit: int = 20,
    cursor: str | None = None,
) -> SearchPage:
    """One page of `kind`'s documents matching `q` (the query language of docs/search.md)
    that the reader may see. ValidationError with field errors (q, order, limit, cursor)
    for what cannot be searched."""
    page = engine.search(
        DOCUMENTS,
        engine.parsed(q),
        private=True,
        allowed=allowed,
        kind=kind,
        order=order,
        limit=limit,
        after=cursor,
    )
    return SearchPage(
        [_hit(row) for row in page.rows], page.next_cursor, page.corrected_query, page.replaced
    )


def similar(kind: str, text: str, allowed: Allowed = None, limit: int = 5) -> list[Hit]:
    """The documents of `kind` most like a free text (a draft request, a ticket): any of
    its significant words, best ranked first; with SEARCH_SEMANTIC, among and fused with
    the documents nearest in meaning (vectors.py). `allowed` may be a `Readable`
    (readable.py): the same permissions, read by SQL compiled once per process."""
    words = significant_words(text)
    near = vectors.nearest(kind, text) if settings.SEARCH_SEMANTIC and text.strip() else None
    if near is not None and near.object_ids:
        return [_hit(row) for row in vectors.ranked(kind, near, words, allowed, min(limit, 100))]
    rows: list[Row] = []
    if words:
        query = Query(groups=[[Term((word,)) for word in words]])
        page = engine.search(
            DOCUMENTS,
            query,
            private=True,
            allowed=as_queryset(allowed),
            kind=kind,
            limit=min(limit, 100),
            correct=False,
        )
        rows = page.rows
    return [_hit(row) for row in rows]


def _hit(row: Row) -> Hit:
    return Hit(row.key, row.score, marked(row.title), marked(row.snippet))
