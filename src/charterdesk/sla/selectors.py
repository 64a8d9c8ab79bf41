"""Reads of SLA clocks: a ticket's clocks and events, the response targets a customer sees,
and attainment reports."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, Exists, F, Q, QuerySet, Value
from django.db.models.functions import TruncMonth
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.calendars import BusinessCalendar
from charterdesk.core.prepared import Prepared
from charterdesk.plans.models import Metric, PlanCoverage, Schedule
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.selectors import ticket_get_for

from .clocks import used_seconds
from .models import RUNNING_STATES, Calendar, ClockState, SlaClock, SlaEvent


def clocks_of(ticket: Ticket) -> QuerySet[SlaClock]:
    return SlaClock.objects.filter(ticket=ticket).order_by("started_at", "id")


def running_clocks_of(ticket: Ticket) -> QuerySet[SlaClock]:
    """The ticket's clocks that still count (running or paused): those a person may move."""
    return SlaClock.objects.filter(ticket=ticket, state__in=RUNNING_STATES)


def clock_lock_of(ticket: Ticket, clock_id: int) -> SlaClock:
    """One of the ticket's clocks, its row locked for the caller's transaction;
    SlaClock.DoesNotExist otherwise."""
    return SlaClock.objects.select_for_update().get(ticket=ticket, pk=clock_id)


def events_of(ticket: Ticket) -> QuerySet[SlaEvent]:
    """All of a ticket's SLA events, for agents (with the internal `reason`)."""
    return events_of_id(ticket.pk)


_events_of_ticket = Prepared(lambda ticket_id: events_of_id(ticket_id), int)


def events_of_id(ticket_id: int) -> QuerySet[SlaEvent]:
    return SlaEvent.objects.filter(ticket_id=ticket_id).select_related("clock").order_by("at", "id")


def events_listed(ticket: Ticket) -> list[SlaEvent]:
    """`events_of(ticket)` as a list, the SQL compiled once (the agent's ticket page)."""
    return _events_of_ticket(ticket.pk)


def events_visible_to(user: User, ticket: Ticket) -> QuerySet[SlaEvent]:
    """The ticket's SLA events as `user` may read them: customers without the reason an
    agent gave for setting a deadline by hand (it is internal): `shown_reason` is empty."""
    shown = F("reason") if user.is_agent else Value("")
    return events_of(ticket).annotate(shown_reason=shown)


class TargetState(models.TextChoices):
    """A response target's state in the words the portal prints before its time. The
    states are the glossary's (docs/concepts.md); `breached` here is a running target
    whose deadline has passed."""

    ACTIVE = "active", "due by"
    PAUSED = "paused", "paused while the request waits on you or a third party"
    FULFILLED = "fulfilled", "met on"
    MET_LATE = "met_late", "missed, met late on"
    BREACHED = "breached", "overdue since"


@dataclass(frozen=True)
class PromisedTime:
    """One promised response time as a customer reads it: "First reply: due by Mon 23 Nov,
    10:30 UTC". `at` is the deadline, or when the target was met; None while paused."""

    metric: str
    state: TargetState
    at: datetime | None


def response_targets_for(ticket: Ticket, now: datetime) -> list[PromisedTime]:
    """The ticket's promised response times for its customer, oldest first. Withdrawn
    targets and the periodic updates already given are left out: nothing is due on them
    any more."""
    clocks = (
        clocks_of(ticket)
        .exclude(state=ClockState.CANCELLED)
        .exclude(metric=Metric.PERIODIC_UPDATE, state=ClockState.FULFILLED)
    )
    return [_promised_time(clock, now) for clock in clocks]


def _promised_time(clock: SlaClock, now: datetime) -> PromisedTime:
    metric = clock.get_metric_display()
    if clock.state == ClockState.FULFILLED:
        state = TargetState.MET_LATE if clock.breached else TargetState.FULFILLED
        return PromisedTime(metric, state, clock.fulfilled_at)
    if clock.state == ClockState.PAUSED:
        return PromisedTime(metric, TargetState.PAUSED, None)
    late = clock.breached or (clock.due_at is not None and clock.due_at < now)
    state = TargetState.BREACHED if late else TargetState.ACTIVE
    return PromisedTime(metric, state, clock.due_at)


@dataclass(frozen=True)
class AttainmentRow:
    plan: str
    metric: str
    priority: str
    month: date
    achieved: int
    breached: int
    active: int

    @property
    def total(self) -> int:
        return self.achieved + self.breached + self.active

    @property
    def attainment(self) -> float | None:
        """Share of decided clocks that were met."""
        decided = self.achieved + self.breached
        return self.achieved / decided if decided else None


def attainment_for(user: User, start: date, end: date) -> list[AttainmentRow]:
    """The attainment report, for agents only."""
    if not user.is_agent:
        raise PermissionDenied("Reports are for support staff.")
    if end < start:
        raise ValidationError({"to": "The end is before the start."})
    return attainment(start, end)


def clock_lock_for(user: User, ticket_id: int, clock_id: int) -> SlaClock:
    """One clock of a ticket the user may see, its row locked for the caller's transaction;
    DoesNotExist otherwise."""
    ticket = ticket_get_for(user, ticket_id)
    return (
        SlaClock.objects.select_for_update()
        .select_related("ticket")
        .get(pk=clock_id, ticket=ticket)
    )


def attainment(start: date, end: date) -> list[AttainmentRow]:
    """Per plan, metric, priority and month of the clock's start, in [start, end]: achieved
    (fulfilled in time), breached (deadline passed, whether or not fulfilled later) and still
    active. Aggregated in the database."""
    zone = timezone.get_current_timezone()
    since = datetime.combine(start, time.min, tzinfo=zone)
    until = datetime.combine(end, time.max, tzinfo=zone)
    rows = (
        SlaClock.objects.filter(started_at__gte=since, started_at__lte=until)
        .exclude(state=ClockState.CANCELLED)
        .annotate(month=TruncMonth("started_at"))
        .values("ticket__contract__plan__name", "metric", "ticket__priority", "month")
        .annotate(  # names unlike the model's fields, which the filters refer to
            n_achieved=Count("id", filter=Q(state=ClockState.FULFILLED, breached=False)),
            n_breached=Count("id", filter=Q(breached=True)),
            n_active=Count("id", filter=Q(state__in=RUNNING_STATES, breached=False)),
        )
        .order_by("ticket__contract__plan__name", "metric", "ticket__priority", "month")
    )
    return [
        AttainmentRow(
            plan=row["ticket__contract__plan__name"] or "—",
            metric=row["metric"],
            priority=row["ticket__priority"],
            month=_as_date(row["month"]),
            achieved=row["n_achieved"],
            breached=row["n_breached"],
            active=row["n_active"],
        )
        for row in rows
    ]


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def calendars_of(tickets: list[Ticket]) -> dict[int, BusinessCalendar | None]:
    """Each ticket's SLA calendar, in two queries for any number of tickets (tickets should
    come with `contract__plan` selected). Each distinct calendar is built once."""
    plans = {t.contract.plan for t in tickets if t.contract is not None}
    always = set(
        PlanCoverage.objects.filter(
            plan_id__in=[p.pk for p in plans], schedule=Schedule.ALWAYS
        ).values_list("plan_id", "request_type")
    )
    calendars = {
        c.pk: c.business_calendar
        for c in Calendar.objects.filter(pk__in={p.calendar_id for p in plans})
    }
    result: dict[int, BusinessCalendar | None] = {}
    for ticket in tickets:
        if ticket.contract is None:
            result[ticket.pk] = None
        elif (ticket.contract.plan_id, ticket.request_type) in always:
            result[ticket.pk] = BusinessCalendar.always_open()
        else:
            result[ticket.pk] = calendars[ticket.contract.plan.calendar_id]
    return result


@dataclass(frozen=True)
class ClockView:
    """A clock as people read it: what is promised, by when, how much time is left."""

    clock: SlaClock
    business_used: int
    business_left: int | None
    calendar_left: float | None

    @property
    def overdue(self) -> bool:
        return self.calendar_left is not None and self.calendar_left < 0


# The plan's calendar and whether the plan covers this request type around the clock.
_calendar = Prepared(
    lambda pk, plan_id, request_type: Calendar.objects.filter(pk=pk).annotate(
        always=Exists(
            PlanCoverage.objects.filter(
                plan_id=plan_id, request_type=request_type, schedule=Schedule.ALWAYS
            )
        )
    ),
    int,
    int,
    str,
)
_clocks_of = Prepared(
    lambda ticket_id: SlaClock.objects.filter(ticket_id=ticket_id).order_by("started_at", "id"),
    int,
)


def calendar_of(ticket: Ticket) -> BusinessCalendar | None:
    """`calendars_of([ticket])` for one ticket: one statement, compiled once."""
    if ticket.contract is None:
        return None
    plan = ticket.contract.plan
    (calendar,) = _calendar(plan.calendar_id, plan.pk, ticket.request_type)
    return BusinessCalendar.always_open() if calendar.always else calendar.business_calendar


def clock_views_of(ticket: Ticket, now: datetime) -> list[ClockView]:
    """`clock_views([ticket], now)` for one ticket (its page): two statements at most,
    each compiled once per process."""
    return _views(_clocks_of(ticket.pk), {ticket.pk: calendar_of(ticket)}, now)[ticket.pk]


def clock_views(tickets: list[Ticket], now: datetime) -> dict[int, list[ClockView]]:
    """Every clock of these tickets with business and calendar time used and left."""
    clocks = SlaClock.objects.filter(ticket__in=[t.pk for t in tickets])
    views = _views(clocks.order_by("started_at", "id"), calendars_of(tickets), now)
    return {t.pk: views.get(t.pk, []) for t in tickets}


def _views(
    clocks: Iterable[SlaClock], calendars: dict[int, BusinessCalendar | None], now: datetime
) -> dict[int, list[ClockView]]:
    views: dict[int, list[ClockView]] = {pk: [] for pk in calendars}
    for clock in clocks:
        calendar = calendars[clock.ticket_id]
        used = used_seconds(clock, calendar, now) if calendar else clock.used_before
        business_left = calendar_left = None
        if clock.state == ClockState.ACTIVE and clock.due_at is not None and calendar:
            calendar_left = (clock.due_at - now).total_seconds()
            business_left = int(
                calendar.elapsed(now, clock.due_at).total_seconds()
                if clock.due_at >= now
                else -calendar.elapsed(clock.due_at, now).total_seconds()
            )
        views[clock.ticket_id].append(ClockView(clock, used, business_left, calendar_left))
    return views


def new_clock_summaries(clocks: list[SlaClock]) -> list[dict[str, object]]:
    """The API's view of clocks that just started (nothing used, nothing breached)."""
    return [
        {
            "id": c.pk,
            "metric": c.metric,
            "state": c.state,
            "breached": False,
            "due_at": c.due_at,
            "business_seconds_used": 0,
        }
        for c in clocks
    ]


def sla_summaries(tickets: list[Ticket], now: datetime) -> dict[int, list[dict[str, object]]]:
    """Each ticket's clocks for the API, in three queries for any number of tickets."""
    return {
        ticket_id: [
            {
                "id": v.clock.pk,
                "metric": v.clock.metric,
                "state": v.clock.state,
                "breached": v.clock.breached or v.overdue,
                "due_at": v.clock.due_at,
                "business_seconds_used": v.business_used,
            }
            for v in views
        ]
        for ticket_id, views in clock_views(tickets, now).items()
    }


def nearest(views: list[ClockView]) -> ClockView | None:
    """The running clock whose deadline comes first."""
    running = [v for v in views if v.calendar_left is not None]
    return min(running, key=lambda v: v.calendar_left or 0.0, default=None)


def clocks_behind(
    plan: str, metric: str, priority: str, month: date, outcome: str, limit: int = 200
) -> list[SlaClock]:
    """The clocks behind one cell of the attainment report (`outcome`: achieved, breached or
    active), with their tickets: the report's drill-down. `plan` "—": tickets without one."""
    zone = timezone.get_current_timezone()
    since = datetime.combine(month.replace(day=1), time.min, tzinfo=zone)
    following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    until = datetime.combine(following, time.min, tzinfo=zone)
    clocks = SlaClock.objects.filter(
        started_at__gte=since, started_at__lt=until, metric=metric, ticket__priority=priority
    ).exclude(state=ClockState.CANCELLED)
    if plan == "—":
        clocks = clocks.filter(ticket__contract__isnull=True)
    else:
        clocks = clocks.filter(ticket__contract__plan__name=plan)
    outcomes = {
        "achieved": Q(state=ClockState.FULFILLED, breached=False),
        "breached": Q(breached=True),
        "active": Q(state__in=RUNNING_STATES, breached=False),
    }
    clocks = clocks.filter(outcomes.get(outcome, Q()))
    related = clocks.select_related("ticket__organization", "ticket__assignee")
    return list(related.order_by("started_at", "id")[:limit])
