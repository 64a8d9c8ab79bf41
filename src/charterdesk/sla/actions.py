"""What happens when a clock warns or breaches, as each plan says: notify the assignee or
the team lead (one mail per person per sweep, sent by the worker), raise the priority,
escalate to the next tier. Every change to a ticket goes through the ticket services, so
it is in the ticket's history."""

from collections import defaultdict
from datetime import datetime
from typing import Any

from django.db import transaction

from charterdesk.core.vocabulary import Priority
from charterdesk.plans.models import SlaAction
from charterdesk.routing.models import Queue

from .models import SlaClock, SlaEventKind


def run_actions(kind: SlaEventKind, clock_ids: list[int], now: datetime) -> None:
    clocks = SlaClock.objects.filter(id__in=clock_ids).select_related(
        "ticket__contract__plan", "ticket__queue__team", "ticket__assignee"
    )
    notify: list[int] = []
    by_ticket: dict[int, tuple[SlaClock, set[str]]] = {}
    for clock in clocks:
        plan = clock.ticket.contract.plan if clock.ticket.contract else None
        wanted = set(
            (plan.sla_warning_actions if kind == SlaEventKind.WARNED else plan.sla_breach_actions)
            if plan
            else []
        )
        if wanted & {SlaAction.NOTIFY_ASSIGNEE, SlaAction.NOTIFY_TEAM_LEAD}:
            notify.append(clock.pk)
        if wanted & {SlaAction.RAISE_PRIORITY, SlaAction.ESCALATE_TIER}:
            by_ticket.setdefault(clock.ticket_id, (clock, set()))[1].update(wanted)
    for clock, wanted in by_ticket.values():
        _change_ticket(clock, wanted, kind)
    if notify:
        transaction.on_commit(lambda: _enqueue(kind, notify))


def recipients(clocks: list[SlaClock], kind: str) -> dict[str, list[SlaClock]]:
    """Who hears about which clocks, as their plans say."""
    mail: dict[str, list[SlaClock]] = defaultdict(list)
    for clock in clocks:
        ticket = clock.ticket
        plan = ticket.contract.plan if ticket.contract else None
        if plan is None:
            continue
        wanted = (
            plan.sla_warning_actions if kind == SlaEventKind.WARNED else plan.sla_breach_actions
        )
        if SlaAction.NOTIFY_ASSIGNEE in wanted and ticket.assignee:
            mail[ticket.assignee.email].append(clock)
        lead = ticket.queue.team.lead
        if SlaAction.NOTIFY_TEAM_LEAD in wanted and lead:
            mail[lead.email].append(clock)
    return mail


def _change_ticket(clock: SlaClock, wanted: set[str], kind: SlaEventKind) -> None:
    from charterdesk.tickets.services import ticket_update

    ticket = clock.ticket
    changes: dict[str, Any] = {}
    if SlaAction.RAISE_PRIORITY in wanted and ticket.priority != Priority.URGENT:
        order = list(Priority)
        changes["priority"] = order[order.index(Priority(ticket.priority)) - 1].value
    if SlaAction.ESCALATE_TIER in wanted:
        higher = Queue.objects.filter(tier=ticket.queue.tier + 1).order_by("position").first()
        if higher is not None:
            changes["queue"] = higher
    if changes and ticket.is_open:
        ticket_update(ticket, None, **changes)


def _enqueue(kind: str, clock_ids: list[int]) -> None:
    from .tasks import send_sla_notifications

    send_sla_notifications.enqueue(kind, clock_ids)
