"""Keyset paging of the agent queue on (attention_at, id): the same speed on every page."""

from datetime import datetime

from django.db.models import Q, QuerySet

from charterdesk.tickets.models import Ticket

PAGE_SIZE = 50


def after_key(ticket: Ticket) -> str:
    return f"{ticket.attention_at.isoformat()}_{ticket.pk}"


def page_after(tickets: QuerySet[Ticket], after: str | None) -> tuple[list[Ticket], str | None]:
    if after:
        try:
            when_text, _, pk_text = after.rpartition("_")
            when, pk = datetime.fromisoformat(when_text), int(pk_text)
            tickets = tickets.filter(Q(attention_at__gt=when) | Q(attention_at=when, id__gt=pk))
        except ValueError:
            pass  # a mangled link shows the first page
    rows = list(tickets[: PAGE_SIZE + 1])
    if len(rows) > PAGE_SIZE:
        return rows[:PAGE_SIZE], after_key(rows[PAGE_SIZE - 1])
    return rows, None
