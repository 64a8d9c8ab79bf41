"""A contract's plan or dates changed: the running deadlines of its open tickets are
recomputed from each clock's start (the task in tasks.py, enqueued on commit when plans
announces `contract_terms_changed`). A plan version took effect: the open tickets on the
plan keep or recompute their clocks, as the version says (`plan_version_applied`)."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from charterdesk.plans.models import ClockPolicy, Metric, PlanVersion
from charterdesk.tickets.models import OPEN_STATUSES, EventKind, Ticket
from charterdesk.tickets.services.history import record

from . import deadlines
from .models import RUNNING_STATES, SlaClock
from .services import sla_recompute

REPLANNED = "recomputed: the contract's plan or dates changed"


def contract_replan(contract_id: int) -> int:
    """Recompute the clocks of the contract's open tickets, one ticket per transaction;
    returns how many tickets."""
    ids = list(
        Ticket.objects.filter(contract_id=contract_id, status__in=OPEN_STATUSES).values_list(
            "pk", flat=True
        )
    )
    for pk in ids:
        with transaction.atomic(durable=True):
            ticket = (
                Ticket.objects.select_for_update(of=("self",))
                .select_related("contract__plan__calendar")
                .get(pk=pk)
            )
            now = timezone.now()
            sla_recompute(ticket, now, "plan changed")
            deadlines.refresh(ticket, ticket.first_replied_at or ticket.created_at)
            ticket.save(update_fields=["first_reply_due_at", "attention_at"])
            record(ticket, None, EventKind.CHANGED, field="deadlines", note=REPLANNED, at=now)
    return len(ids)


def plan_version_replan(version_id: int) -> int:
    """A plan version took effect: every open ticket on the plan keeps or recomputes its
    running clocks, as the version says, and its history says so; one ticket per
    transaction. Returns how many tickets."""
    version = PlanVersion.objects.select_related("plan__calendar").get(pk=version_id)
    ids = list(
        Ticket.objects.filter(
            contract__plan_id=version.plan_id, status__in=OPEN_STATUSES
        ).values_list("pk", flat=True)
    )
    for pk in ids:
        with transaction.atomic(durable=True):
            ticket = (
                Ticket.objects.select_for_update(of=("self",))
                .select_related("contract__plan__calendar")
                .get(pk=pk)
            )
            _follow_version(ticket, version, timezone.now())
    return len(ids)


def _follow_version(ticket: Ticket, version: PlanVersion, now: datetime) -> None:
    plan = version.plan
    said = f"The {plan.name} plan changed to version {version.number}"
    if version.clocks == ClockPolicy.RECOMPUTE:
        before = _due_times(ticket)
        sla_recompute(ticket, now, f"plan changed to version {version.number}")
        deadlines.refresh(ticket, ticket.first_replied_at or ticket.created_at)
        ticket.save(update_fields=["first_reply_due_at", "attention_at"])
        moved = _moves(before, _due_times(ticket), ZoneInfo(plan.calendar.timezone or "UTC"))
        note = f"{said}: clocks recomputed ({moved})." if moved else f"{said}: clocks unchanged."
    else:
        note = f"{said}: this ticket keeps its clocks."
    record(
        ticket,
        None,
        EventKind.CHANGED,
        field="plan_version",
        old=version.number - 1,
        new=version.number,
        note=note,
        at=now,
    )


def _due_times(ticket: Ticket) -> dict[str, datetime | None]:
    running = SlaClock.objects.filter(ticket=ticket, state__in=RUNNING_STATES)
    return dict(running.values_list("metric", "due_at"))


def _moves(
    before: dict[str, datetime | None], after: dict[str, datetime | None], zone: ZoneInfo
) -> str:
    """E.g. "first reply due 4 Jan 10:00 → 4 Jan 12:00"."""

    def when(moment: datetime | None) -> str:
        return f"{moment.astimezone(zone):%-d %b %H:%M}" if moment else "none"

    return "; ".join(
        f"{Metric(metric).label.lower()} due {when(before.get(metric))} → {when(after.get(metric))}"
        for metric in sorted(before.keys() | after.keys())
        if before.get(metric) != after.get(metric)
    )
