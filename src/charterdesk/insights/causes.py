"""Root causes of solved tickets: counted by cause, product, plan and request type, and
the "fix the cause" list (cause × product ranked by the hours spent on their tickets).
Tickets count in the period they were solved in; each table is one GROUP BY query."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet, Sum

from charterdesk.core.vocabulary import RequestType
from charterdesk.hours.models import TimeEntry
from charterdesk.tickets.category_models import RootCause
from charterdesk.tickets.models import Ticket

from .periods import Period
from .volume import Dimension, Row, grouped

CAUSE_DIMENSIONS = {
    d.key: d
    for d in (
        Dimension("cause", "Root cause", "root_cause", "", dict(RootCause.choices)),
        Dimension("product", "Product", "product", "", {}),
        Dimension("plan", "Plan", "contract__plan_id", "contract__plan__name", {}),
        Dimension("request_type", "Request type", "request_type", "", dict(RequestType.choices)),
    )
}
FIX_LIST = 20


def solved_with_cause(period: Period) -> QuerySet[Ticket]:
    return Ticket.objects.filter(solved_at__gte=period.since, solved_at__lt=period.until).exclude(
        root_cause=""
    )


@dataclass(frozen=True)
class CauseCost:
    cause: str
    product: str
    tickets: int
    minutes: int

    @property
    def label(self) -> str:
        return RootCause(self.cause).label

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)


def fix_the_cause(period: Period, limit: int = FIX_LIST) -> list[CauseCost]:
    """Cause × product by hours spent on their tickets, then by tickets: two queries."""
    tickets = solved_with_cause(period)
    counts = {
        (r["root_cause"], r["product"]): r["n"]
        for r in tickets.values("root_cause", "product").annotate(n=Count("id"))
    }
    minutes = {
        (r["ticket__root_cause"], r["ticket__product"]): r["m"]
        for r in TimeEntry.objects.filter(ticket__in=tickets)
        .values("ticket__root_cause", "ticket__product")
        .annotate(m=Sum("minutes"))
    }
    costs = [CauseCost(c, p, n, minutes.get((c, p)) or 0) for (c, p), n in counts.items()]
    return sorted(costs, key=lambda c: (-c.minutes, -c.tickets, c.cause, c.product))[:limit]


def cause_rows(period: Period) -> dict[str, list[Row]]:
    tickets = solved_with_cause(period)
    return {key: grouped(tickets, d) for key, d in CAUSE_DIMENSIONS.items()}
