"""Swarm and tiered queues compared, over the tickets resolved in a period: time to
resolution (median and average), hand-offs per ticket (functional escalations that moved
the ticket), reopen rate, collaborators per ticket and the share of time logged by
collaborators. A ticket counts for the work mode of the queue it was resolved in.
Everything is aggregated in the database: a handful of grouped queries, whatever the
number of tickets."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Sum,
)
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.core.moments import check_reasonable
from charterdesk.hours.models import TimeEntry
from charterdesk.routing.models import WorkMode
from charterdesk.swarms.models import Collaborator
from charterdesk.tickets.models import EventKind, Status, Ticket, TicketEvent

from .models import Escalation, EscalationKind

MODE = "queue__work_mode"
SOLVED = (Status.SOLVED, Status.CLOSED)  # a reopened ticket loses its solved_at


class SecondsBetween(Func):
    """Seconds from the second expression to the first, in the database's own arithmetic
    (Django's duration subtraction calls back into Python for every row on SQLite)."""

    output_field = FloatField()
    template = "EXTRACT(EPOCH FROM (%(expressions)s))"
    arg_joiner = " - "

    def as_sqlite(self, compiler, connection, **extra):  # type: ignore[no-untyped-def]
        return super().as_sql(
            compiler,
            connection,
            template="((julianday(%(expressions)s)) * 86400.0)",
            arg_joiner=") - julianday(",
            **extra,
        )


TO_RESOLUTION = SecondsBetween(F("solved_at"), F("created_at"))


@dataclass(frozen=True)
class ModeFigures:
    mode: str
    label: str
    resolved: int
    median_hours: float | None
    average_hours: float | None
    handoffs_per_ticket: float | None
    reopen_rate: float | None
    collaborators_per_ticket: float | None
    minutes_logged: int
    collaborator_minutes: int


def resolved_between(start: datetime, end: datetime) -> QuerySet[Ticket]:
    return Ticket.objects.filter(status__in=SOLVED, solved_at__gte=start, solved_at__lt=end)


@dataclass(frozen=True)
class Report:
    start: datetime
    end: datetime
    modes: list[ModeFigures]


def report_for(user: User, start: datetime | None, end: datetime | None, now: datetime) -> Report:
    """The report over a period, for agents only."""
    if not user.is_agent:
        raise PermissionDenied("Reports are for support staff.")
    start, end = period_of(start, end, now)
    return Report(start, end, swarming_report(start, end))


def period_of(
    start: datetime | None, end: datetime | None, now: datetime
) -> tuple[datetime, datetime]:
    """The report's period: given bounds (without a time zone: the site's), else the last
    30 days."""
    check_reasonable(start, "from")
    check_reasonable(end, "to")
    end = end or now
    start = start or end - timedelta(days=30)
    start, end = (timezone.make_aware(v) if timezone.is_naive(v) else v for v in (start, end))
    if start >= end:
        raise ValidationError({"from": "The period must start before it ends."})
    return start, end


def swarming_report(start: datetime, end: datetime) -> list[ModeFigures]:
    tickets = resolved_between(start, end)
    ids = tickets.values("pk")
    counts = {
        row[MODE]: row
        for row in tickets.values(MODE).annotate(n=Count("id"), avg=Avg(TO_RESOLUTION))
    }
    handoffs = _by_mode(
        Escalation.objects.filter(
            ticket__in=ids, kind=EscalationKind.FUNCTIONAL, handed_off=True
        ).values(f"ticket__{MODE}"),
        Count("id"),
    )
    reopened = _by_mode(
        TicketEvent.objects.filter(
            ticket__in=ids, kind=EventKind.CHANGED, field="status", old_value=Status.SOLVED
        )
        .exclude(new_value__in=[Status.SOLVED, Status.CLOSED])
        .values(f"ticket__{MODE}"),
        Count("ticket", distinct=True),
    )
    collaborators = _by_mode(
        Collaborator.objects.filter(ticket__in=ids).values(f"ticket__{MODE}"), Count("id")
    )
    time = _time_by_mode(ids)
    figures = []
    for mode in WorkMode:
        row = counts.get(mode.value, {"n": 0, "avg": None})
        n = row["n"]
        minutes, by_collaborators = time.get(mode.value, (0, 0))
        figures.append(
            ModeFigures(
                mode=mode.value,
                label=mode.label,
                resolved=n,
                median_hours=_hours(_median(tickets.filter(**{MODE: mode.value}), n)),
                average_hours=_hours(row["avg"]),
                handoffs_per_ticket=_per(handoffs.get(mode.value, 0), n),
                reopen_rate=_per(reopened.get(mode.value, 0), n),
                collaborators_per_ticket=_per(collaborators.get(mode.value, 0), n),
                minutes_logged=minutes,
                collaborator_minutes=by_collaborators,
            )
        )
    return figures


def _by_mode(rows: "QuerySet[Any, dict[str, Any]]", aggregate: Count) -> dict[str, int]:
    key = f"ticket__{MODE}"
    return {r[key]: r["n"] for r in rows.annotate(n=aggregate)}


def _time_by_mode(ids: "QuerySet[Ticket, Any]") -> dict[str, tuple[int, int]]:
    """Minutes logged on the tickets, and those logged by the tickets' collaborators."""
    by_collaborator = Exists(
        Collaborator.objects.filter(ticket=OuterRef("ticket"), agent=OuterRef("agent"))
    )
    rows = (
        TimeEntry.objects.filter(ticket__in=ids)
        .values(f"ticket__{MODE}")
        .annotate(total=Sum("minutes"), collab=Sum("minutes", filter=Q(by_collaborator)))
    )
    return {r[f"ticket__{MODE}"]: (r["total"] or 0, r["collab"] or 0) for r in rows}


def _median(tickets: QuerySet[Ticket], n: int) -> float | None:
    """The middle time to resolution in seconds, found by the database's sort (the one or
    two middle rows are all that leave the database)."""
    if n == 0:
        return None
    middle = list(
        tickets.annotate(spent=TO_RESOLUTION)
        .order_by("spent", "id")
        .values_list("spent", flat=True)[(n - 1) // 2 : n // 2 + 1]
    )
    return sum(float(seconds) for seconds in middle) / len(middle)  # numeric on PostgreSQL


def _hours(seconds: float | None) -> float | None:
    return None if seconds is None else round(float(seconds) / 3600, 1)


def _per(count: int, n: int) -> float | None:
    return round(count / n, 2) if n else None
