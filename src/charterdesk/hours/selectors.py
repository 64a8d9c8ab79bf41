"""Reads on time and hours banks, scoped to what the user may see. Banks aggregate in SQL."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.core.prepared import Prepared, with_parent
from charterdesk.plans.models import Contract, OveragePolicy
from charterdesk.plans.selectors import contracts_visible_to
from charterdesk.tickets.models import Ticket

from .models import Purchase, TimeEntry

HUNDRED = Decimal(100)
MINUTES_PER_HOUR = 60


def hours_of(minutes: int) -> Decimal:
    """Minutes as decimal hours, to the hundredth."""
    return (Decimal(minutes) / MINUTES_PER_HOUR).quantize(Decimal("0.01"))


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass(frozen=True)
class Bank:
    """A contract's hours bank for its period: included + purchased − used."""

    contract: Contract
    included: Decimal
    purchased: Decimal
    used_minutes: int
    overage_minutes: int

    @property
    def total(self) -> Decimal:
        return self.included + self.purchased

    @property
    def total_minutes(self) -> int:
        return int(self.total * MINUTES_PER_HOUR)

    @property
    def used(self) -> Decimal:
        return hours_of(self.used_minutes)

    @property
    def remaining(self) -> Decimal:
        return max(self.total - self.used, Decimal(0))

    @property
    def remaining_minutes(self) -> int:
        return max(self.total_minutes - self.used_minutes, 0)

    @property
    def overage(self) -> Decimal:
        return hours_of(self.overage_minutes)

    @property
    def percent_used(self) -> int:
        if self.total_minutes == 0:
            return 100 if self.used_minutes else 0
        return int(HUNDRED * self.used_minutes / self.total_minutes)

    @property
    def used_up(self) -> bool:
        return self.used_minutes >= self.total_minutes

    @property
    def needs_approval(self) -> bool:
        """Used up under a plan where metered work past the bank needs an estimate."""
        return self.used_up and self.contract.plan.overage_policy == OveragePolicy.NEED_APPROVAL


def period_filter(contract: Contract) -> Q:
    """Time entries worked within the contract's period."""
    within = Q(worked_at__gte=_start_of(contract.starts_on))
    if contract.ends_on is not None:
        within &= Q(worked_at__lt=_start_of(contract.ends_on + timedelta(days=1)))
    return within


def _drawn(entries: QuerySet[TimeEntry]) -> QuerySet[TimeEntry, tuple[int, int]]:
    """The minutes and overage of entries drawing on a bank: one row (none without any)."""
    drawing = entries.filter(draws_on_bank=True).order_by().values("contract")
    return drawing.annotate(used=Sum("minutes"), overage=Sum("overage_minutes")).values_list(
        "used", "overage"
    )


# The bank's totals, an open-ended contract or one with an end (two shapes of SQL).
_drawn_since = Prepared(
    lambda contract_id, start: _drawn(
        TimeEntry.objects.filter(contract_id=contract_id, worked_at__gte=start)
    ),
    int,
    datetime,
)
_drawn_between = Prepared(
    lambda contract_id, start, end: _drawn(
        TimeEntry.objects.filter(contract_id=contract_id, worked_at__gte=start, worked_at__lt=end)
    ),
    int,
    datetime,
    datetime,
)


def bank_of(contract: Contract) -> Bank:
    """The contract's bank; `used` is the sum of entries drawing on it in the period
    (`period_filter`; one statement, compiled once per process)."""
    start = _start_of(contract.starts_on)
    if contract.ends_on is None:
        totals = _drawn_since(contract.pk, start)
    else:
        end = _start_of(contract.ends_on + timedelta(days=1))
        totals = _drawn_between(contract.pk, start, end)
    used, overage = totals[0] if totals else (0, 0)
    return Bank(
        contract,
        contract.hours_included,
        contract.hours_purchased,
        int(used or 0),
        int(overage or 0),
    )


def bank_get_for(user: User, contract_id: int) -> Bank:
    """The bank of a contract the user may see; Contract.DoesNotExist otherwise."""
    return bank_of(contracts_visible_to(user).get(pk=contract_id))


def time_entry_lock_for(user: User, entry_id: int) -> TimeEntry:
    """One time entry, for agents (time entries are theirs), its row locked for the
    caller's transaction; TimeEntry.DoesNotExist otherwise."""
    entries = TimeEntry.objects.all() if user.is_agent else TimeEntry.objects.none()
    return (
        entries.select_related("ticket", "agent", "contract")
        .select_for_update(of=("self",))
        .get(pk=entry_id)
    )


def time_entries_of(ticket: Ticket) -> QuerySet[TimeEntry]:
    """A ticket's time entries, for agents (they carry agents' notes)."""
    return ticket.time.select_related("agent").order_by("worked_at", "id")


_time_entries_of = Prepared(
    lambda ticket_id: (
        TimeEntry.objects.filter(ticket_id=ticket_id)
        .select_related("agent")
        .order_by("worked_at", "id")
    ),
    int,
)


def time_entries_listed(ticket: Ticket) -> list[TimeEntry]:
    """`time_entries_of(ticket)` as a list, its SQL compiled once (the ticket page)."""
    return with_parent(_time_entries_of(ticket.pk), "ticket", ticket)


@dataclass(frozen=True)
class TimeTotals:
    minutes: int
    billable_minutes: int
    bank_minutes: int
    overage_minutes: int

    @property
    def hours(self) -> Decimal:
        return hours_of(self.minutes)


def time_totals_of(ticket: Ticket) -> TimeTotals:
    """Totals of a ticket's time, in one query."""
    zero = 0
    row = ticket.time.aggregate(
        n_all=Coalesce(Sum("minutes"), zero),
        n_billable=Coalesce(Sum("minutes", filter=Q(billable=True)), zero),
        n_bank=Coalesce(Sum("minutes", filter=Q(draws_on_bank=True)), zero),
        n_overage=Coalesce(Sum("overage_minutes"), zero),
    )
    return TimeTotals(row["n_all"], row["n_billable"], row["n_bank"], row["n_overage"])


def totals_of_entries(entries: list[TimeEntry]) -> TimeTotals:
    """The totals of entries already read (all of a ticket's): no query."""
    return TimeTotals(
        sum(e.minutes for e in entries),
        sum(e.minutes for e in entries if e.billable),
        sum(e.minutes for e in entries if e.draws_on_bank),
        sum(e.overage_minutes for e in entries),
    )


@dataclass(frozen=True)
class TicketTime:
    """A ticket's time entries with their totals."""

    entries: list[TimeEntry]
    totals: TimeTotals


def ticket_time_of(ticket: Ticket) -> TicketTime:
    """A ticket's time entries and totals, for agents (entries carry agents' notes)."""
    totals = time_totals_of(ticket)
    return TicketTime(list(time_entries_of(ticket)), totals)


def purchases_of(contract: Contract) -> QuerySet[Purchase]:
    return contract.hour_purchases.select_related("recorded_by").order_by("-created_at", "-id")
