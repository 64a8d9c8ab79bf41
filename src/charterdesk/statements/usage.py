"""The usage statement of one contract and calendar month, aggregated in the database.

Eight queries (seven given the contract) whatever the size of the contract: the contract,
the hours bank, time entries grouped by activity, tier and requester, tickets grouped by
type, priority, coverage and requester, the requesters' names, SLA clocks per metric,
promises and survey answers. Python only folds the grouped rows into the figures: their
number is bounded by the choices times the people who asked that month, not by the
tickets or entries.

What counts in a month (the contract's time zone, midnight of the 1st to midnight of the
next 1st):
- tickets opened in the month; time worked in the month; survey answers first given in it;
- SLA deadlines that started in the month, as in the SLA attainment report;
- promises due in the month.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, Sum
from django.utils import timezone

from charterdesk.commitments.models import Commitment, CommitmentState
from charterdesk.core.vocabulary import Decision, Priority, RequestType
from charterdesk.customers.models import Contact
from charterdesk.hours.models import Activity, TimeEntry
from charterdesk.hours.selectors import period_filter
from charterdesk.plans.models import Contract, Metric
from charterdesk.satisfaction.models import SATISFIED, Rating, Survey
from charterdesk.sla.models import RUNNING_STATES, ClockState, SlaClock
from charterdesk.tickets.models import OPEN_STATUSES, Ticket

from .calendar_months import Month, zone_of

MINUTES_PER_HOUR = 60
CENT = Decimal("0.01")
TIERS = (1, 2, 3)


def hours(minutes: int | None) -> Decimal:
    """Minutes as decimal hours, to the hundredth."""
    return (Decimal(minutes or 0) / MINUTES_PER_HOUR).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Row:
    """One bar of a breakdown: a choice's key and label, and its figure."""

    key: str
    label: str
    value: Decimal | int


@dataclass(frozen=True)
class Requester:
    contact_id: int
    name: str
    email: str
    tickets: int
    hours: Decimal = Decimal(0)


@dataclass(frozen=True)
class SlaRow:
    metric: str
    label: str
    achieved: int
    breached: int
    active: int

    @property
    def percent(self) -> Decimal | None:
        """Share of decided deadlines that were met (as the SLA attainment report)."""
        decided = self.achieved + self.breached
        if not decided:
            return None
        return (Decimal(100 * self.achieved) / decided).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class Promises:
    due: int = 0
    kept: int = 0
    broken: int = 0
    cancelled: int = 0
    open: int = 0
    overdue: int = 0


@dataclass(frozen=True)
class Satisfaction:
    answers: int
    average: Decimal | None
    csat_percent: Decimal | None
    distribution: list[Row]


@dataclass
class Statement:
    contract: Contract
    month: Month
    zone: ZoneInfo
    start: datetime
    end: datetime
    hours_included: Decimal = Decimal(0)
    hours_purchased: Decimal = Decimal(0)
    hours_used: Decimal = Decimal(0)
    hours_used_before: Decimal = Decimal(0)
    tickets: int = 0
    open_tickets: int = 0
    tickets_by_type: list[Row] = field(default_factory=list)
    tickets_by_priority: list[Row] = field(default_factory=list)
    tickets_by_coverage: list[Row] = field(default_factory=list)
    requesters: list[Requester] = field(default_factory=list)
    time_total: Decimal = Decimal(0)
    time_billable: Decimal = Decimal(0)
    time_by_activity: list[Row] = field(default_factory=list)
    time_by_tier: list[Row] = field(default_factory=list)
    sla: list[SlaRow] = field(default_factory=list)
    promises: Promises = field(default_factory=Promises)
    satisfaction: Satisfaction = field(
        default_factory=lambda: Satisfaction(0, None, None, _rows(Rating, {}))
    )

    @property
    def hours_available(self) -> Decimal:
        return self.hours_included + self.hours_purchased

    @property
    def hours_remaining(self) -> Decimal:
        """What is left in the bank at the end of the month; negative past 100%."""
        return self.hours_available - self.hours_used_before - self.hours_used

    @property
    def hours_overage(self) -> Decimal:
        return max(Decimal(0), -self.hours_remaining)

    @property
    def used_percent(self) -> int | None:
        if not self.hours_available:
            return None
        used = self.hours_used_before + self.hours_used
        return int(used * 100 / self.hours_available)


def usage_statement(
    contract: Contract | int, month: Month, now: datetime | None = None
) -> Statement:
    """The statement of `contract` for `month`. `now` decides which open promises are
    overdue (default: the current time)."""
    if not isinstance(contract, Contract):
        contract = Contract.objects.select_related("plan__calendar", "organization").get(
            pk=contract
        )
    zone = zone_of(contract)
    start, end = month.bounds(zone)
    statement = Statement(contract, month, zone, start, end)
    statement.hours_included = contract.hours_included
    # Purchased hours: Contract.hours_purchased, which recording a purchase adds to.
    statement.hours_purchased = contract.hours_purchased
    _bank(statement)
    minutes_by_requester = _time(statement)
    tickets_by_requester = _tickets(statement)
    _requesters(statement, tickets_by_requester, minutes_by_requester)
    statement.sla = _sla(contract, start, end)
    statement.promises = _promises(contract, start, end, now or timezone.now())
    statement.satisfaction = _satisfaction(contract, start, end)
    return statement


def _rows(choices: Iterable[object], figures: dict[str, Decimal | int]) -> list[Row]:
    """Every choice in its order, with zero where nothing was counted."""
    rows = []
    for choice in choices:
        key = str(getattr(choice, "value", choice))
        rows.append(Row(key, str(getattr(choice, "label", key)), figures.get(key, 0)))
    return rows


def _bank(s: Statement) -> None:
    """Minutes drawn on the bank in the month, and before it since the contract started:
    the bank is the contract period's, with the same bounds as `charterdesk.hours` (time
    outside the contract's period never counts), as it stood at the end of the month."""
    totals = TimeEntry.objects.filter(
        period_filter(s.contract), contract=s.contract, draws_on_bank=True, worked_at__lt=s.end
    ).aggregate(
        before=Sum("minutes", filter=Q(worked_at__lt=s.start)),
        month=Sum("minutes", filter=Q(worked_at__gte=s.start)),
    )
    s.hours_used_before = hours(totals["before"])
    s.hours_used = hours(totals["month"])


def _time(s: Statement) -> dict[int, int]:
    """Time of the month by activity and tier; returns the minutes per requester (one pass
    over the month's entries for both)."""
    grouped = (
        TimeEntry.objects.filter(contract=s.contract, worked_at__gte=s.start, worked_at__lt=s.end)
        .values("activity", "tier", "ticket__requester_id")
        .annotate(total=Sum("minutes"), billed=Sum("minutes", filter=Q(billable=True)))
        .order_by()
    )
    by_activity: dict[str, int] = defaultdict(int)
    by_tier: dict[str, int] = defaultdict(int)
    by_requester: dict[int, int] = defaultdict(int)
    total = billable = 0
    for row in grouped:
        by_activity[row["activity"]] += row["total"]
        by_tier[str(row["tier"] or "")] += row["total"]
        by_requester[row["ticket__requester_id"]] += row["total"]
        total += row["total"]
        billable += row["billed"] or 0
    s.time_total, s.time_billable = hours(total), hours(billable)
    s.time_by_activity = _rows(Activity, {k: hours(v) for k, v in by_activity.items()})
    tiers = [Row(str(t), f"Tier {t}", hours(by_tier.get(str(t)))) for t in TIERS]
    if by_tier.get(""):
        tiers.append(Row("", "No tier", hours(by_tier[""])))
    s.time_by_tier = tiers
    return by_requester


def _tickets(s: Statement) -> dict[int, int]:
    """Tickets opened in the month by type, priority and coverage; returns the tickets per
    requester (one pass over the month's tickets for both)."""
    grouped = (
        Ticket.objects.filter(contract=s.contract, created_at__gte=s.start, created_at__lt=s.end)
        .values("request_type", "priority", "coverage", "requester_id")
        .annotate(n=Count("id"), still_open=Count("id", filter=Q(status__in=OPEN_STATUSES)))
        .order_by()
    )
    by_type: dict[str, int] = defaultdict(int)
    by_priority: dict[str, int] = defaultdict(int)
    by_coverage: dict[str, int] = defaultdict(int)
    by_requester: dict[int, int] = defaultdict(int)
    for row in grouped:
        by_type[row["request_type"]] += row["n"]
        by_priority[row["priority"]] += row["n"]
        by_coverage[row["coverage"]] += row["n"]
        by_requester[row["requester_id"]] += row["n"]
        s.tickets += row["n"]
        s.open_tickets += row["still_open"]
    s.tickets_by_type = _rows(RequestType, dict(by_type))
    s.tickets_by_priority = _rows(Priority, dict(by_priority))
    s.tickets_by_coverage = _rows(Decision, dict(by_coverage))
    return by_requester


def _requesters(s: Statement, opened: dict[int, int], minutes: dict[int, int]) -> None:
    """Who is asking: tickets opened in the month, and hours worked in it on their tickets."""
    people = Contact.objects.filter(pk__in=set(opened) | set(minutes)).values_list(
        "id", "name", "email"
    )
    s.requesters = sorted(
        (
            Requester(pk, name, email, opened.get(pk, 0), hours(minutes.get(pk)))
            for pk, name, email in people
        ),
        key=lambda r: (-r.hours, -r.tickets, r.email),
    )


def _sla(contract: Contract, start: datetime, end: datetime) -> list[SlaRow]:
    """Achieved, breached and active deadlines per metric, defined as in
    `charterdesk.sla.selectors.attainment` (withdrawn clocks do not count)."""
    grouped = (
        SlaClock.objects.filter(
            ticket__contract=contract, started_at__gte=start, started_at__lt=end
        )
        .exclude(state=ClockState.CANCELLED)
        .values("metric")
        .annotate(
            n_achieved=Count("id", filter=Q(state=ClockState.FULFILLED, breached=False)),
            n_breached=Count("id", filter=Q(breached=True)),
            n_active=Count("id", filter=Q(state__in=RUNNING_STATES, breached=False)),
        )
        .order_by()
    )
    found = {row["metric"]: row for row in grouped}
    empty = {"n_achieved": 0, "n_breached": 0, "n_active": 0}
    return [
        SlaRow(
            m.value,
            m.label,
            found.get(m.value, empty)["n_achieved"],
            found.get(m.value, empty)["n_breached"],
            found.get(m.value, empty)["n_active"],
        )
        for m in Metric
    ]


def _promises(contract: Contract, start: datetime, end: datetime, now: datetime) -> Promises:
    open_ = Q(state=CommitmentState.OPEN)
    counts = Commitment.objects.filter(
        ticket__contract=contract, due_at__gte=start, due_at__lt=end
    ).aggregate(
        due=Count("id"),
        kept=Count("id", filter=Q(state=CommitmentState.KEPT)),
        broken=Count("id", filter=Q(state=CommitmentState.BROKEN)),
        cancelled=Count("id", filter=Q(state=CommitmentState.CANCELLED)),
        open=Count("id", filter=open_),
        overdue=Count("id", filter=open_ & Q(due_at__lte=now)),
    )
    return Promises(**counts)


def _satisfaction(contract: Contract, start: datetime, end: datetime) -> Satisfaction:
    grouped = (
        Survey.objects.filter(
            contract=contract,
            answered_at__gte=start,
            answered_at__lt=end,
            rating__isnull=False,
        )
        .values("rating")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {str(row["rating"]): row["n"] for row in grouped}
    answers = sum(counts.values())
    distribution = _rows(Rating, dict(counts))
    if not answers:
        return Satisfaction(0, None, None, distribution)
    total = sum(int(k) * n for k, n in counts.items())
    satisfied = sum(counts.get(str(int(r)), 0) for r in SATISFIED)
    return Satisfaction(
        answers,
        (Decimal(total) / answers).quantize(CENT),
        (Decimal(100 * satisfied) / answers).quantize(Decimal("0.1")),
        distribution,
    )
