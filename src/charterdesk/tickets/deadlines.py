"""Promised times on a ticket: the first-reply deadline and the queue's sort key."""

from datetime import datetime, timedelta

from charterdesk.calendars import BusinessCalendar
from charterdesk.core.vocabulary import Decision, Priority
from charterdesk.plans.models import Contract, Metric, PlanCoverage, ResponseTarget, Schedule

# For tickets without a promised deadline (no contract, not covered): how long, in
# calendar time, before they need attention. Documented in docs/concepts.md.
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
    if contract is None or decision == Decision.NOT_COVERED:
        return None
    plan = contract.plan
    target = ResponseTarget.objects.filter(
        plan=plan, request_type=request_type, priority=priority, metric=Metric.FIRST_REPLY
    ).first()
    if target is None:
        return None
    return schedule_calendar(contract, request_type).add(start, timedelta(minutes=target.minutes))


def schedule_calendar(contract: Contract, request_type: str) -> BusinessCalendar:
    """24×7 where the plan supports this request type around the clock, else its calendar."""
    schedule = (
        PlanCoverage.objects.filter(plan_id=contract.plan_id, request_type=request_type)
        .values_list("schedule", flat=True)
        .first()
    )
    if schedule == Schedule.ALWAYS:
        return BusinessCalendar.always_open()
    return contract.plan.calendar.business_calendar


def attention_at(due: datetime | None, priority: str, since: datetime) -> datetime:
    return due or since + HOUSE_TARGETS[Priority(priority)]
