"""Suggested articles for a piece of free text (a customer's draft request, a ticket):
the one place that picks them. The ranking itself (full text fused with semantic
similarity) is the search engine's `documents.similar`; see docs/suggestions.md."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse

from charterdesk.accounts.models import User
from charterdesk.search import documents
from charterdesk.search.readable import Readable
from charterdesk.tickets.selectors import ticket_words_for

from .models import Article
from .selectors import Reader, among, readable_in

MAX_TEXT = 4000
RELATIVE_FLOOR = 0.35


@dataclass(frozen=True)
class Suggestion:
    kind: str
    id: int
    title: str
    url: str
    snippet: str  # HTML: escaped text, <mark> around matched words
    score: float
    article: Article


def suggest(
    reader: Reader, text: str, *, limit: int = 5, language: str | None = None
) -> list[Suggestion]:
    """The articles the reader may read that best match `text`, best first: one per
    translation family (in `language` where there is one), and none far weaker than the
    best (a hit under RELATIVE_FLOOR of the top score matched a stray word)."""
    text = text.strip()[:MAX_TEXT]
    if not text:
        return []
    readable = readable_in(reader, language or settings.LANGUAGE_CODE)
    hits = documents.similar("article", text=text, allowed=readable, limit=limit)
    if hits:
        floor = hits[0].score * RELATIVE_FLOOR
        hits = [hit for hit in hits if hit.score >= floor]
    articles = _readable_among(readable, [hit.object_id for hit in hits])
    found = []
    for hit in hits:
        article = articles.get(hit.object_id)
        if article is None or article.live_version is None:
            continue  # archived between the index and this read
        found.append(
            Suggestion(
                kind="article",
                id=article.pk,
                title=article.live_version.title,
                url=article_url(article),
                snippet=hit.snippet_html,
                score=round(hit.score, 4),
                article=article,
            )
        )
    return found


def _readable_among(readable: Readable, ids: list[int]) -> dict[int, Article]:
    """Those of `ids` the reader may read (each checked again: one may have been archived
    since the search), with their live versions, by id: one statement."""
    if not ids:
        return {}
    found = readable.among("suggested-articles", ids, _with_live_versions)
    return {article.pk: article for article in found}


def _with_live_versions(visible: QuerySet[Article], ids: Sequence[int]) -> QuerySet[Article]:
    return among(visible, list(ids)).select_related("live_version")


def article_url(article: Article) -> str:
    """The canonical address of an article in the help center."""
    return reverse("knowledge:article", args=[article.pk, article.slug or "article"])


def for_ticket(user: User, ticket_id: int, *, limit: int = 5) -> list[Suggestion]:
    """The articles matching a ticket the user may see (Ticket.DoesNotExist otherwise): its
    subject (counted twice) and the customer's first three public messages."""
    subject, first = ticket_words_for(user, ticket_id)
    return suggest(user, " ".join([subject, subject, *first]), limit=limit)
