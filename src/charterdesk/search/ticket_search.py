"""Ticket search for a reader: agents match every ticket's subject, people, replies and
internal notes; customers their organization's tickets (tickets_visible_to), and never
text that exists only in internal notes (the backend matches only public columns)."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.safestring import SafeString

from charterdesk.accounts.models import User
from charterdesk.core.forms import add_service_errors
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.selectors import tickets_visible_to

from . import engine
from .highlight import marked
from .index import TICKETS
from .ticket_filters import allowed_tickets, organization_of

RELATED = ("organization", "requester", "assignee", "queue")
# What the results pages show of a hit's ticket (portal/search.html; desk/search.html also
# the organization and the assignee; the API only the id), read with the page's tickets;
# any other field loads when first used. A ticket costs its model instances and its
# columns' conversions per hit (six timestamps), so a page of many hits reads only these.
HIT_FIELDS = (
    "subject",
    "status",
    "request_type",
    "created_at",
    "organization",
    "requester__name",
    "requester__email",
)
AGENT_HIT_FIELDS = (*HIT_FIELDS, "organization__name", "assignee__name", "assignee__email")


@dataclass(frozen=True)
class TicketHit:
    ticket: Ticket
    score: float
    title_html: SafeString
    snippet_html: SafeString


@dataclass(frozen=True)
class TicketResults:
    items: list[TicketHit]
    next_cursor: str | None
    corrected_query: str | None
    replaced: bool = False  # the items answer `corrected_query`
    jump_to: Ticket | None = None  # `#123` named a ticket the reader may open


def search_tickets(
    user: User, q: str, *, order: str = "relevance", limit: int = 20, cursor: str | None = None
) -> TicketResults:
    """One page of the tickets matching `q` that `user` may see. ValidationError with
    field errors (q, order, limit, cursor) for what cannot be searched."""
    query = engine.parsed(q)
    if query.jump_to is not None:
        engine.check(order, limit)
        ticket = tickets_visible_to(user).select_related(*RELATED).filter(pk=query.jump_to)
        found = ticket.first()
        if found is not None:
            hit = TicketHit(found, 1.0, marked(found.subject), marked(""))
            return TicketResults([hit], None, None, jump_to=found)
    page = engine.search(
        TICKETS,
        query,
        private=user.is_agent,
        allowed=allowed_tickets(user, query),
        order=order,
        limit=limit,
        after=cursor,
        organization=organization_of(user),
    )
    tickets = _hit_tickets(user, [row.key for row in page.rows])
    items = [
        TicketHit(tickets[row.key], row.score, marked(row.title), marked(row.snippet))
        for row in page.rows
        if row.key in tickets
    ]
    return TicketResults(items, page.next_cursor, page.corrected_query, page.replaced)


def _hit_tickets(user: User, ids: list[int]) -> dict[int, Ticket]:
    """The page's tickets the reader may see, with what their results page shows."""
    if not ids:
        return {}
    tickets = tickets_visible_to(user)
    if user.is_agent:
        tickets = tickets.select_related("organization", "requester", "assignee")
        return tickets.only(*AGENT_HIT_FIELDS).in_bulk(ids)
    return tickets.select_related("requester").only(*HIT_FIELDS).in_bulk(ids)


def search_for_form(form: forms.Form, user: User, q: str, **options: Any) -> TicketResults | None:
    """For a search page: the results, or None with the reason shown on the form."""
    try:
        return search_tickets(user, q, **options)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
