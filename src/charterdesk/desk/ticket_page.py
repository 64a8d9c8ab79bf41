"""What the agent's ticket page shows, read once (issue #13): one plain object the page's
template draws from, instead of each part of the page reading on its own."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied

from charterdesk.accounts.models import User
from charterdesk.sla.models import RUNNING_STATES, SlaEvent
from charterdesk.sla.selectors import ClockView, clock_views_of, events_listed
from charterdesk.tickets import selectors
from charterdesk.tickets.models import Message, Ticket, TicketEvent


@dataclass(frozen=True)
class TicketPage:
    ticket: Ticket
    messages: list[Message]  # newest first, each with its uploaded files
    events: list[TicketEvent]  # the history, oldest first
    recent: list[Ticket]  # the organization's (or requester's) other latest tickets
    clocks: list[ClockView]
    sla_events: list[SlaEvent]
    overridable: bool  # a clock still counts: its deadline may be changed by hand


def ticket_page_of(user: User, ticket: Ticket, now: datetime) -> TicketPage:
    """The ticket page's data for `user` (an agent: every message and history line), a
    fixed number of statements whatever the number of messages, events and clocks, each
    compiled once per process (core.prepared)."""
    if not user.is_agent:
        raise PermissionDenied("The ticket page is for agents.")
    clocks = clock_views_of(ticket, now)
    return TicketPage(
        ticket=ticket,
        messages=selectors.conversation_for_agents(ticket)[::-1],
        events=selectors.history_for_agents(ticket),
        recent=selectors.recent_tickets_around(ticket),
        clocks=clocks,
        sla_events=events_listed(ticket),
        overridable=any(v.clock.state in RUNNING_STATES for v in clocks),
    )
