"""GET /api/v1/search: tickets (agents: all; customers: their organization's, never
internal notes), articles or community topics (within the reader's visibility, applied
inside the query), a page at a time."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router

from charterdesk.accounts.auth import user_of
from charterdesk.accounts.models import User

from . import documents
from .schemas import SearchFilters, SearchPage
from .ticket_search import search_tickets

router = Router(tags=["search"])
ARTICLE = "article"
# scope -> (the document kind in the index, the item's `kind` in the answer)
DOCUMENT_SCOPES = {"articles": (ARTICLE, ARTICLE), "community": ("community_topic", "topic")}


@router.get("/search", response=SearchPage)
def search(request: HttpRequest, filters: Query[SearchFilters]) -> dict[str, Any]:
    user = user_of(request)
    if filters.scope in DOCUMENT_SCOPES:
        items, next_cursor, corrected, replaced = _documents(user, filters)
    else:
        items, next_cursor, corrected, replaced = _tickets(user, filters)
    return {
        "items": items,
        "next": _next_url(request, next_cursor, corrected if replaced else None),
        "corrected_query": corrected,
    }


def _tickets(user: User, filters: SearchFilters) -> tuple[list[dict[str, Any]], Any, Any, bool]:
    results = search_tickets(
        user, filters.q, order=filters.order, limit=filters.limit, cursor=filters.cursor
    )
    page = "desk:ticket" if user.is_agent else "portal:ticket"
    items = [
        {
            "kind": "ticket",
            "id": hit.ticket.pk,
            "title": hit.title_html,
            "snippet": hit.snippet_html,
            "url": reverse(page, args=[hit.ticket.pk]),
            "score": hit.score,
        }
        for hit in results.items
    ]
    return items, results.next_cursor, results.corrected_query, results.replaced


def _documents(user: User, filters: SearchFilters) -> tuple[list[dict[str, Any]], Any, Any, bool]:
    """Through the generic document index; nothing until the owning app registers its
    kind (documents.register_kind with visible_to and url: the knowledge base its
    articles, the community its topics)."""
    name, item_kind = DOCUMENT_SCOPES[filters.scope]
    kind = documents.kinds().get(name)
    if kind is None:
        return [], None, None, False
    allowed = documents.readable(name, user)
    page = documents.search(
        name,
        filters.q,
        allowed=allowed,
        order=filters.order,
        limit=filters.limit,
        cursor=filters.cursor,
    )
    items = [
        {
            "kind": item_kind,
            "id": hit.object_id,
            "title": hit.title_html,
            "snippet": hit.snippet_html,
            "url": kind.url(hit.object_id) if kind.url else "",
            "score": hit.score,
        }
        for hit in page.items
    ]
    return items, page.next_cursor, page.corrected_query, page.replaced


def _next_url(request: HttpRequest, cursor: str | None, corrected: str | None) -> str | None:
    if cursor is None:
        return None
    params = request.GET.copy()
    params["cursor"] = cursor
    if corrected:
        params["q"] = corrected
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")
