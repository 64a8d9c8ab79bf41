"""What the agent's ticket page shows, read once (issue #13): one plain object the page's
template draws from, instead of each part of the page reading on its own."""

from dataclasses import dataclass
from datetime import datetime

from charterdesk.accounts.models import User
from charterdesk.sla.models import RUNNING_STATES, SlaEvent
from charterdesk.sla.selectors import ClockView, clock_views, events_of
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
    """The ticket page's data for `user` (an agent), a fixed number of statements
    whatever the number of messages, events and clocks."""
    clocks = clock_views([ticket], now)[ticket.pk]
    messages = list(selectors.messages_visible_to(user, ticket).prefetch_related("uploads"))
    return TicketPage(
        ticket=ticket,
        messages=messages[::-1],
        events=list(selectors.events_visible_to(user, ticket)),
        recent=selectors.recent_tickets_around(ticket),
        clocks=clocks,
        sla_events=list(events_of(ticket)),
        overridable=any(v.clock.state in RUNNING_STATES for v in clocks),
    )
