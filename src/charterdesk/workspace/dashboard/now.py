"""What is happening now: each panel one query (agents on shift: routing's three), none
of them growing with the number of tickets beyond the open backlog they count."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import connection
from django.db.models import Avg, Count, F, Q
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.incidents.choices import OPEN_STATUSES as INCIDENT_OPEN
from charterdesk.incidents.choices import Qualification
from charterdesk.incidents.models import Incident
from charterdesk.plans.models import Metric
from charterdesk.routing.models import Queue, Tier
from charterdesk.routing.selectors import AgentRow, agents_board
from charterdesk.satisfaction.models import SATISFIED, Survey
from charterdesk.sla.models import SlaClock
from charterdesk.tickets.models import Ticket

BREACHING_WITHIN = timedelta(hours=1)
BREACHING_SHOWN = 15
INCIDENTS_SHOWN = 10


@dataclass(frozen=True)
class QueueRow:
    queue_id: int
    name: str
    tier: int
    open: int
    unassigned: int


@dataclass(frozen=True)
class Backlog:
    rows: list[QueueRow]
    tiers: list[tuple[str, int, int]]  # (tier label, open, unassigned)

    @property
    def open(self) -> int:
        return sum(r.open for r in self.rows)

    @property
    def unassigned(self) -> int:
        return sum(r.unassigned for r in self.rows)


def backlog() -> Backlog:
    """Open and unassigned tickets per queue, and per tier (one query, GROUP BY queue,
    over the partial index ticket_open_by_queue_assignee)."""
    rows = [
        QueueRow(r["queue_id"], r["queue__name"], r["queue__tier"], r["open"], r["unassigned"])
        for r in Ticket.objects.filter(in_queue=True)
        .values("queue_id", "queue__name", "queue__tier")
        .annotate(open=Count("id"), unassigned=Count("id", filter=Q(assignee__isnull=True)))
        .order_by("queue__tier", "queue__name")
    ]
    tiers: dict[int, list[int]] = {}
    for row in rows:
        totals = tiers.setdefault(row.tier, [0, 0])
        totals[0] += row.open
        totals[1] += row.unassigned
    labels = dict(Tier.choices)
    return Backlog(rows, [(labels.get(t, str(t)), o, u) for t, (o, u) in sorted(tiers.items())])


@dataclass(frozen=True)
class DueClock:
    metric: str
    due_at: datetime
    ticket_id: int
    subject: str
    queue: str
    assignee: str

    @property
    def metric_label(self) -> str:
        return str(dict(Metric.choices).get(self.metric, self.metric))


@dataclass(frozen=True)
class Breaching:
    clocks: list[DueClock]
    total: int


def breaching(now: datetime) -> Breaching:
    """Running clocks whose deadline falls within the next hour, soonest first, with how
    many there are in all: one query, a window count. The clock predicate is written as
    the partial index clock_breach_sweep's (literals, not parameters), so SQLite uses it."""
    clock, ticket = SlaClock._meta.db_table, Ticket._meta.db_table
    queue, user = Queue._meta.db_table, User._meta.db_table
    sql = (
        "SELECT c.metric, c.due_at, t.id, t.subject, q.name, "  # noqa: S608 - fixed names
        "COALESCE(NULLIF(u.name, ''), u.email, ''), COUNT(*) OVER () "
        f"FROM {clock} c JOIN {ticket} t ON t.id = c.ticket_id "
        f"JOIN {queue} q ON q.id = t.queue_id LEFT JOIN {user} u ON u.id = t.assignee_id "
        'WHERE c."state" = \'active\' AND NOT c."breached" AND c.due_at >= %s '
        "AND c.due_at < %s ORDER BY c.due_at, c.id LIMIT %s"
    )
    ops = connection.ops
    params = [
        ops.adapt_datetimefield_value(now),
        ops.adapt_datetimefield_value(now + BREACHING_WITHIN),
        BREACHING_SHOWN,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    clocks = [DueClock(r[0], _aware(r[1]), r[2], r[3], r[4], r[5]) for r in rows]
    return Breaching(clocks, rows[0][6] if rows else 0)


def _aware(value: datetime | str) -> datetime:
    """A timestamp read by a raw query: aware on PostgreSQL, UTC text on SQLite."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return moment if timezone.is_aware(moment) else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Shift:
    agents: list[AgentRow]
    off_shift: int

    @property
    def load(self) -> float:
        return sum(a.load for a in self.agents)

    @property
    def capacity(self) -> int:
        return sum(a.profile.capacity for a in self.agents)


def on_shift(viewer: User, now: datetime) -> Shift:
    """Agents on shift now by their own calendars, with their load against capacity,
    most loaded first (routing's board: three queries whatever the tickets)."""
    board = agents_board(viewer, now)
    working = [a for a in board if a.on_shift]
    working.sort(key=lambda a: (-_ratio(a), str(a.profile.user)))
    return Shift(working, len(board) - len(working))


def _ratio(row: AgentRow) -> float:
    return row.load / row.profile.capacity if row.profile.capacity else float(row.load > 0)


def incidents_in_progress() -> list[Incident]:
    """Incidents not dismissed and not yet resolved, most recent first (one query)."""
    return list(
        Incident.objects.filter(status__in=INCIDENT_OPEN)
        .exclude(qualification=Qualification.DISMISSED)
        .select_related("severity")
        .order_by("-started_at", "-id")[:INCIDENTS_SHOWN]
    )


@dataclass(frozen=True)
class Satisfaction:
    answered: int
    satisfied: int
    average: float | None

    @property
    def csat(self) -> int | None:
        return round(100 * self.satisfied / self.answered) if self.answered else None


def satisfaction_today(now: datetime) -> Satisfaction:
    """Surveys answered since midnight in the desk's time zone (one aggregate query)."""
    midnight = timezone.localtime(now, timezone.get_default_timezone()).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    figures = Survey.objects.filter(answered_at__gte=midnight, rating__isnull=False).aggregate(
        answered=Count("id"),
        satisfied=Count("id", filter=Q(rating__in=SATISFIED)),
        average=Avg(F("rating")),
    )
    return Satisfaction(figures["answered"], figures["satisfied"], figures["average"])
