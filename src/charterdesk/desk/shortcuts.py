"""Helpers for the desk's views."""

from django.http import Http404

from charterdesk.accounts.models import User
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.selectors import ticket_lock_for


def ticket_locked_or_404(user: User, ticket_id: int, *related: str) -> Ticket:
    """The ticket, locked for the view's transaction, or a 404 that does not say why."""
    try:
        return ticket_lock_for(user, ticket_id, *related)
    except Ticket.DoesNotExist as exc:
        raise Http404("No such ticket.") from exc
