"""What happens when a clock warns or breaches, as each plan says: notify the assignee or
the team lead (one mail per person per sweep, sent by the worker), raise the priority,
escalate to the next tier. Every change to a ticket goes through the ticket services, so
it is in the ticket's history."""

from collections import defaultdict
from datetime import datetime
from typing import Any

from django.db import connection, transaction

from charterdesk.core.sql import in_ids
from charterdesk.core.vocabulary import Priority
from charterdesk.plans.models import Plan, SlaAction
from charterdesk.tickets.models import Ticket

from .models import SlaClock, SlaEventKind


def run_actions(kind: SlaEventKind, clock_ids: list[int], now: datetime) -> None:
    """Apply each clock's plan actions. Reads only ids and plan ids for the whole batch;
    loads tickets only where an action changes them."""
    where, params = in_ids("c.id", clock_ids)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.id, c.ticket_id, k.plan_id FROM sla_slaclock c "  # noqa: S608
            "JOIN tickets_ticket t ON t.id = c.ticket_id "
            f"LEFT JOIN plans_contract k ON k.id = t.contract_id WHERE {where}",
            params,
        )
        rows = cursor.fetchall()
    plan_ids = {plan for _, _, plan in rows if plan is not None}
    field = "sla_warning_actions" if kind == SlaEventKind.WARNED else "sla_breach_actions"
    actions = dict(Plan.objects.filter(pk__in=plan_ids).values_list("pk", field))
    notify: list[int] = []
    changes: dict[int, set[str]] = {}
    for clock_id, ticket_id, plan_id in rows:
        wanted = set(actions.get(plan_id) or [])
        if wanted & {SlaAction.NOTIFY_ASSIGNEE, SlaAction.NOTIFY_TEAM_LEAD}:
            notify.append(clock_id)
        if wanted & {SlaAction.RAISE_PRIORITY, SlaAction.ESCALATE_TIER}:
            changes.setdefault(ticket_id, set()).update(wanted)
    for ticket in Ticket.objects.filter(pk__in=list(changes)).select_related("queue"):
        _change_ticket(ticket, changes[ticket.pk], kind, now)
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


def _change_ticket(ticket: "Ticket", wanted: set[str], kind: str, now: datetime) -> None:
    from charterdesk.escalations.services import escalate_for_sla
    from charterdesk.tickets.services import ticket_update

    changes: dict[str, Any] = {}
    if SlaAction.RAISE_PRIORITY in wanted and ticket.priority != Priority.URGENT:
        order = list(Priority)
        changes["priority"] = order[order.index(Priority(ticket.priority)) - 1].value
    if changes and ticket.is_open:
        ticket_update(ticket, None, **changes)
    if SlaAction.ESCALATE_TIER in wanted and ticket.is_open:
        # the escalation service: same queue choice, record and hand-off as agents' ones
        escalate_for_sla(ticket, f"SLA {SlaEventKind(kind).label.lower()}", now)


def _enqueue(kind: str, clock_ids: list[int]) -> None:
    from .tasks import send_sla_notifications

    send_sla_notifications.enqueue(kind, clock_ids)
