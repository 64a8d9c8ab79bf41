"""What a ticket's plan promises: targets per metric and the calendar they count on."""

from dataclasses import dataclass

from charterdesk.calendars import BusinessCalendar
from charterdesk.core.vocabulary import Decision
from charterdesk.plans.models import Contract, Plan, PlanCoverage, ResponseTarget, Schedule
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
    """The terms for a request of this type and priority under this contract. Pass the
    coverage's schedule when it is known already, to save a query."""
    if contract is None or decision == Decision.NOT_COVERED:
        return None
    plan = contract.plan
    minutes = dict(
        ResponseTarget.objects.filter(
            plan_id=plan.pk, request_type=request_type, priority=priority
        ).values_list("metric", "minutes")
    )
    if not minutes:
        return None
    if schedule is None:
        schedule = (
            PlanCoverage.objects.filter(plan_id=plan.pk, request_type=request_type)
            .values_list("schedule", flat=True)
            .first()
        )
    calendar = (
        BusinessCalendar.always_open()
        if schedule == Schedule.ALWAYS
        else plan.calendar.business_calendar
    )
    return Terms(plan, calendar, minutes)
