"""Articles in the search engine's document index: the live version of every live article,
kept in step in the caller's transaction (never stale after a commit)."""

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from charterdesk.accounts.models import User
from charterdesk.search import documents
from charterdesk.search.documents import Document

from .markdown import plain_text
from .models import Article, ArticleState
from .selectors import readable_articles

KIND = "article"


def _live_articles() -> "Iterator[Article]":
    rows = (
        Article.objects.filter(live_version__isnull=False)
        .exclude(state=ArticleState.ARCHIVED)
        .select_related("live_version")
        .order_by("pk")
    )
    return rows.iterator(chunk_size=500)


def document_of(article: Article) -> Document:
    version = article.live_version
    assert version is not None  # noqa: S101 - only live articles are indexed
    return Document(
        kind=KIND,
        object_id=article.pk,
        title=version.title,
        body=plain_text(version.body),
        language=article.language,
        updated_at=article.published_at or version.created_at,
    )


def reindex(article: Article) -> None:
    """Put the article's live version in the index, or take it out when not live."""
    if article.is_live:
        documents.upsert(document_of(article))
    else:
        documents.remove(KIND, article.pk)


def _visible_pks(user: User) -> QuerySet[Article, Any] | None:
    return readable_articles(user)


def _url(article_id: int) -> str:
    """The article's short address (it redirects to the canonical one with the slug)."""
    return reverse("knowledge:article_short", args=[article_id])


def _count() -> int:
    return (
        Article.objects.filter(live_version__isnull=False)
        .exclude(state=ArticleState.ARCHIVED)
        .count()
    )


def register() -> None:
    """`charterdesk search rebuild --kind article` and GET /api/v1/search?scope=articles
    (called from the AppConfig)."""
    documents.register_kind(
        KIND,
        rebuild=lambda: (document_of(article) for article in _live_articles()),
        count=_count,
        visible_to=_visible_pks,
        url=_url,
    )
