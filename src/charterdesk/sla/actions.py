"""What happens when a clock warns or breaches, as each plan says.

Every `SlaAction` a plan can choose has one handler in `sla_actions`: sla itself notifies
the assignee or team lead and raises the priority (registered in sla/apps.py); the
escalations app escalates to the next tier (its apps.py). A handler gets one `SlaAlert`
per sweep batch, inside the sweep's transaction: the clocks whose plans want its action
and their tickets. Ticket changes go through the ticket services, so they are in the
ticket's history; mail goes through the outbox, one mail per person per batch."""

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from charterdesk.core.hooks import check_handler
from charterdesk.core.sql import in_ids
from charterdesk.core.vocabulary import Priority
from charterdesk.mail.outbox import mail_queue
from charterdesk.plans.models import Plan, SlaAction
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.services import ticket_update

from .models import SlaClock, SlaEventKind

NOTIFICATIONS = (SlaAction.NOTIFY_ASSIGNEE, SlaAction.NOTIFY_TEAM_LEAD)


@dataclass(frozen=True)
class SlaAlert:
    """Clocks of one sweep batch that warned or breached, and whose plans want an action."""

    kind: SlaEventKind
    at: datetime
    clock_ids: tuple[int, ...]
    ticket_ids: tuple[int, ...]  # their tickets, each once


SlaActionHandler = Callable[[SlaAlert], object]


class SlaActions:
    """One handler per `SlaAction`. A registration that cannot work (an unknown action, a
    second handler for one action, a handler that does not take one alert) raises
    `ImproperlyConfigured` at start-up; the system check reports actions left without."""

    def __init__(self) -> None:
        self._handlers: dict[str, SlaActionHandler] = {}

    def register(self, action: str, handler: SlaActionHandler) -> None:
        if action not in SlaAction.values:
            raise ImproperlyConfigured(f"SLA actions: {action!r} is not an SlaAction")
        check_handler(f"SLA action {action}", handler)
        if action in self._handlers:
            taken = self._handlers[action].__qualname__
            raise ImproperlyConfigured(f"SLA actions: {action} is already handled by {taken}")
        self._handlers[action] = handler

    def missing(self) -> list[SlaAction]:
        return [action for action in SlaAction if action not in self._handlers]

    def run(self, kind: SlaEventKind, at: datetime, rows: Sequence[tuple[int, int, Any]]) -> None:
        """`rows`: (clock id, ticket id, the actions its plan wants). Each handler runs once,
        with the clocks that want any of its actions; ticket changes first, notifications
        last, so the mail names who is responsible after the changes."""
        batches: dict[SlaActionHandler, tuple[dict[int, None], dict[int, None]]] = {}
        for action in [a for a in SlaAction if a not in NOTIFICATIONS] + list(NOTIFICATIONS):
            chosen = [(clock, ticket) for clock, ticket, wanted in rows if action in wanted]
            if not chosen:
                continue
            if action not in self._handlers:
                raise ImproperlyConfigured(f"SLA actions: no handler for {action}")
            clocks, tickets = batches.setdefault(self._handlers[action], ({}, {}))
            for clock, ticket in chosen:
                clocks[clock] = tickets[ticket] = None
        for handler, (clocks, tickets) in batches.items():
            handler(SlaAlert(kind, at, tuple(clocks), tuple(tickets)))


sla_actions = SlaActions()


def check_every_action_has_a_handler(**kwargs: object) -> list[checks.CheckMessage]:
    """System check: every action a plan can choose is carried out by some app."""
    return [
        checks.Error(
            f"No app handles the SLA action {action.value!r} ({action.label}).",
            hint="Register a handler with sla_actions.register() in an AppConfig.ready().",
            id="sla.E001",
        )
        for action in sla_actions.missing()
    ]


def run_actions(kind: SlaEventKind, clock_ids: list[int], now: datetime) -> None:
    """Apply each clock's plan actions. Reads only ids and plan ids for the whole batch;
    the handlers load what they change."""
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
    sla_actions.run(
        kind, now, [(clock, ticket, actions.get(plan) or []) for clock, ticket, plan in rows]
    )


def notify(alert: SlaAlert) -> None:
    """Notify the assignee or the team lead: one mail per person, listing every clock of
    theirs in the batch, queued in the outbox."""
    clocks = list(
        SlaClock.objects.filter(id__in=alert.clock_ids).select_related(
            "ticket__contract__plan", "ticket__queue__team__lead", "ticket__assignee"
        )
    )
    for email, theirs in recipients(clocks, alert.kind).items():
        mail_queue(
            to=email,
            template="sla/mail/notification",
            context={"kind": SlaEventKind(alert.kind).value, "clocks": theirs},
        )


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


def raise_priority(alert: SlaAlert) -> None:
    """Raise each open ticket's priority one step (urgent stays urgent)."""
    order = list(Priority)
    for ticket in Ticket.objects.filter(pk__in=alert.ticket_ids).select_related("queue"):
        if ticket.is_open and ticket.priority != Priority.URGENT:
            higher = order[order.index(Priority(ticket.priority)) - 1]
            ticket_update(ticket, None, priority=higher.value)
