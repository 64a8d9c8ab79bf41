"""Promised times on a ticket: the first-reply deadline and the queue's sort key."""

from datetime import datetime, timedelta

from django.db.models import OuterRef, Subquery

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
    schedule = PlanCoverage.objects.filter(
        plan=OuterRef("plan"), request_type=OuterRef("request_type")
    ).values("schedule")[:1]
    target = (
        ResponseTarget.objects.filter(
            plan_id=contract.plan_id,
            request_type=request_type,
            priority=priority,
            metric=Metric.FIRST_REPLY,
        )
        .values_list("minutes", Subquery(schedule))
        .first()
    )
    if target is None:
        return None
    minutes, on = target
    calendar = (
        BusinessCalendar.always_open()
        if on == Schedule.ALWAYS
        else contract.plan.calendar.business_calendar
    )
    return calendar.add(start, timedelta(minutes=minutes))


def attention_at(due: datetime | None, priority: str, since: datetime) -> datetime:
    return due or since + HOUSE_TARGETS[Priority(priority)]
