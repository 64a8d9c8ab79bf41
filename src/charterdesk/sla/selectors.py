"""Reads of SLA clocks: a ticket's clocks and events, and attainment reports."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from charterdesk.calendars import BusinessCalendar
from charterdesk.plans.models import PlanCoverage, Schedule
from charterdesk.tickets.models import Ticket

from .clocks import used_seconds
from .models import ClockState, SlaClock, SlaEvent


def clocks_of(ticket: Ticket) -> QuerySet[SlaClock]:
    return SlaClock.objects.filter(ticket=ticket).order_by("started_at", "id")


def events_of(ticket: Ticket) -> QuerySet[SlaEvent]:
    return SlaEvent.objects.filter(ticket=ticket).select_related("clock").order_by("at", "id")


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


def attainment(start: date, end: date) -> list[AttainmentRow]:
    """Per plan, metric, priority and month of the clock's start, in [start, end]: achieved
    (fulfilled in time), breached (deadline passed, whether or not fulfilled later) and still
    active. Aggregated in the database."""
    zone = timezone.get_current_timezone()
    since = datetime.combine(start, time.min, tzinfo=zone)
    until = datetime.combine(end, time.max, tzinfo=zone)
    rows = (
        SlaClock.objects.filter(started_at__gte=since, started_at__lte=until)
        .annotate(month=TruncMonth("started_at"))
        .values("ticket__contract__plan__name", "metric", "ticket__priority", "month")
        .annotate(
            achieved=Count("id", filter=Q(state=ClockState.FULFILLED, breached=False)),
            breached=Count("id", filter=Q(breached=True)),
            active=Count("id", filter=~Q(state=ClockState.FULFILLED) & Q(breached=False)),
        )
        .order_by("ticket__contract__plan__name", "metric", "ticket__priority", "month")
    )
    return [
        AttainmentRow(
            plan=row["ticket__contract__plan__name"] or "—",
            metric=row["metric"],
            priority=row["ticket__priority"],
            month=_as_date(row["month"]),
            achieved=row["achieved"],
            breached=row["breached"],
            active=row["active"],
        )
        for row in rows
    ]


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def sla_summaries(tickets: list[Ticket], now: datetime) -> dict[int, list[dict[str, object]]]:
    """Each ticket's clocks with business time used up to now, in three queries for any
    number of tickets (tickets should come with `contract__plan__calendar` selected)."""
    clocks = SlaClock.objects.filter(ticket__in=[t.pk for t in tickets]).order_by("started_at")
    by_ticket: dict[int, list[SlaClock]] = {t.pk: [] for t in tickets}
    for clock in clocks:
        by_ticket[clock.ticket_id].append(clock)
    plan_ids = {t.contract.plan_id for t in tickets if t.contract is not None}
    always = set(
        PlanCoverage.objects.filter(plan_id__in=plan_ids, schedule=Schedule.ALWAYS).values_list(
            "plan_id", "request_type"
        )
    )
    result: dict[int, list[dict[str, object]]] = {}
    for ticket in tickets:
        calendar = None
        if ticket.contract is not None:
            plan = ticket.contract.plan
            calendar = (
                BusinessCalendar.always_open()
                if (plan.pk, ticket.request_type) in always
                else plan.calendar.business_calendar
            )
        result[ticket.pk] = [
            {
                "metric": c.metric,
                "state": c.state,
                "breached": c.breached
                or (c.due_at is not None and c.due_at < now and c.state == ClockState.ACTIVE),
                "due_at": c.due_at,
                "business_seconds_used": (
                    used_seconds(c, calendar, now) if calendar else c.used_before
                ),
            }
            for c in by_ticket[ticket.pk]
        ]
    return result
