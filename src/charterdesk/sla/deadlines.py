"""Promised times on a ticket: the first-reply deadline and the queue's sort key."""

from datetime import datetime, timedelta

from charterdesk.core.vocabulary import Priority
from charterdesk.plans.models import Contract, Metric
from charterdesk.tickets.models import Ticket

from . import store
from .models import SlaClock
from .terms import terms_of

# For tickets without a running deadline (no contract, not covered, or between cycles):
# how long, in calendar time, before they need attention. Documented in docs/concepts.md.
HOUSE_TARGETS = {
    Priority.URGENT: timedelta(hours=1),
    Priority.HIGH: timedelta(hours=4),
    Priority.NORMAL: timedelta(hours=24),
    Priority.LOW: timedelta(hours=72),
}


def first_reply_due(
    contract: Contract | None, decision: str, request_type: str, priority: str, start: datetime
) -> datetime | None:
    """The instant the plan promises a first reply by, on the coverage's schedule."""
    terms = terms_of(contract, decision, request_type, priority)
    if terms is None or Metric.FIRST_REPLY not in terms.minutes:
        return None
    return terms.calendar.add(start, timedelta(minutes=terms.minutes[Metric.FIRST_REPLY]))


def attention_at(due: datetime | None, priority: str, since: datetime) -> datetime:
    return due or since + HOUSE_TARGETS[Priority(priority)]


def earliest_due(clocks: list[SlaClock]) -> datetime | None:
    return min((c.due_at for c in clocks if c.due_at is not None), default=None)


def refresh(ticket: Ticket, since: datetime) -> None:
    """After clocks changed: the promised first reply and the queue's sort key."""
    first_reply, nearest = store.deadlines(ticket)  # one statement
    ticket.first_reply_due_at = first_reply
    ticket.attention_at = attention_at(nearest, ticket.priority, since)
