"""What a ticket's plan promises: targets per metric and the calendar they count on."""

from dataclasses import dataclass

from charterdesk.calendars import BusinessCalendar
from charterdesk.core.vocabulary import Decision
from charterdesk.plans.config import plan_terms
from charterdesk.plans.models import Contract, Plan, Schedule
from charterdesk.tickets.models import Ticket


@dataclass(frozen=True)
class Terms:
    plan: Plan
    calendar: BusinessCalendar
    minutes: dict[str, int]  # metric -> target in business minutes


def terms_for(ticket: Ticket) -> Terms | None:
    """The SLA terms of a ticket; None when it has no contract or is not covered."""
    return terms_of(ticket.contract, ticket.coverage, ticket.request_type, ticket.priority)


def terms_of(
    contract: Contract | None,
    decision: str,
    request_type: str,
    priority: str,
    schedule: str | None = None,
) -> Terms | None:
    """The terms for a request of this type and priority under this contract, from the
    per-process configuration cache (plans.config). `schedule`: the coverage's, when the
    caller knows it already."""
    if contract is None or decision == Decision.NOT_COVERED:
        return None
    held = plan_terms(contract.plan_id)
    minutes = dict(held.minutes.get((request_type, priority), {}))
    if not minutes:
        return None
    if schedule is None:
        row = held.coverage.get(request_type)
        schedule = row.schedule if row is not None else None
    calendar = (
        BusinessCalendar.always_open()
        if schedule == Schedule.ALWAYS
        else held.plan.calendar.business_calendar
    )
    return Terms(held.plan, calendar, minutes)
