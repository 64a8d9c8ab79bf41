"""Transitions of one SLA clock, in business time on a calendar. No queries here."""

from datetime import datetime, timedelta

from charterdesk.calendars import BusinessCalendar
from charterdesk.plans.models import Plan

from .models import ClockState, SlaClock


def used_seconds(clock: SlaClock, calendar: BusinessCalendar, now: datetime) -> int:
    """Business seconds this clock has used up to `now`."""
    used = clock.used_before
    if clock.state == ClockState.ACTIVE and clock.running_since is not None:
        used += int(
            calendar.elapsed(clock.running_since, max(now, clock.running_since)).total_seconds()
        )
    return used


def schedule(clock: SlaClock, calendar: BusinessCalendar, plan: Plan) -> None:
    """Deadline and warning time of an active clock, from what it has used so far."""
    assert clock.running_since is not None  # noqa: S101 - active clocks run
    remaining = max(0, clock.target_minutes * 60 - clock.used_before)
    if not clock.overridden or clock.due_at is None:
        clock.due_at = calendar.add(clock.running_since, timedelta(seconds=remaining))
    lead = plan.sla_warn_minutes * 60
    if plan.sla_warn_percent:
        lead = max(lead, clock.target_minutes * 60 * (100 - plan.sla_warn_percent) // 100)
    clock.warn_at = calendar.add(clock.running_since, timedelta(seconds=max(0, remaining - lead)))


def start(clock: SlaClock, calendar: BusinessCalendar, plan: Plan, at: datetime) -> None:
    clock.state = ClockState.ACTIVE
    clock.started_at = at
    clock.running_since = at
    schedule(clock, calendar, plan)


def pause(clock: SlaClock, calendar: BusinessCalendar, at: datetime) -> None:
    clock.used_before = used_seconds(clock, calendar, at)
    _breach_if_late(clock, at)
    clock.state = ClockState.PAUSED
    clock.running_since = None
    clock.due_at = None
    clock.warn_at = None


def resume(clock: SlaClock, calendar: BusinessCalendar, plan: Plan, at: datetime) -> None:
    clock.state = ClockState.ACTIVE
    clock.running_since = at
    clock.fulfilled_at = None
    schedule(clock, calendar, plan)


def fulfil(clock: SlaClock, calendar: BusinessCalendar, at: datetime) -> None:
    clock.used_before = used_seconds(clock, calendar, at)
    _breach_if_late(clock, at)
    clock.state = ClockState.FULFILLED
    clock.running_since = None
    clock.fulfilled_at = at
    clock.warn_at = None


def withdraw(clock: SlaClock) -> None:
    """The ticket is no longer covered: the clock stops without being met or missed."""
    clock.state = ClockState.CANCELLED
    clock.running_since = None
    clock.warn_at = None


def _breach_if_late(clock: SlaClock, at: datetime) -> None:
    if clock.due_at is not None and at > clock.due_at:
        clock.breached = True
