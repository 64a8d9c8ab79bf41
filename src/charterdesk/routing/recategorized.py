"""Routing again once triage categorizes a new ticket.

Intake routes a request before triage has read it (triage runs in a background task after
the ticket's transaction commits), so at intake a rule with a category condition can only
match a category that an earlier rule set. When the model then sets the category, the
rules are tried again with it: if the first matching rule has a category condition and
sends tickets elsewhere, the ticket moves to that queue (a "routed" line in its history says
why) and, when its assignee is not in the new queue's team, is assigned again by the new
queue's strategy. Nothing moves once a person has worked on the ticket (it is no longer
new), when a mailbox chose the queue without the rules, or when a person or a rule set the
category (a person's correction is theirs to route; a rule already routed)."""

from dataclasses import replace
from datetime import datetime

from charterdesk.tickets.hooks import TicketCategorized
from charterdesk.tickets.models import (
    CategorySource,
    EventKind,
    Status,
    Ticket,
    TicketEvent,
)
from charterdesk.tickets.services import ticket_update
from charterdesk.tickets.services.history import record

from .assignment import choose
from .intake import assigned_event
from .models import Assignment
from .rules import NOT_ASKED, Route, category_line, facts_for, route


def on_ticket_categorized(event: TicketCategorized) -> None:
    if event.source == CategorySource.MODEL:
        ticket_reroute_for_category(event.ticket, at=event.ticket.updated_at)


def ticket_reroute_for_category(ticket: Ticket, *, at: datetime) -> Route | None:
    """Move a new ticket to the queue of the first rule that now matches because of its
    category; the decision when it moved, else None. Callers own the transaction."""
    if ticket.status != Status.NEW or ticket.category is None or _queue_was_fixed(ticket):
        return None
    plan_id = ticket.contract.plan_id if ticket.contract_id and ticket.contract else None
    facts = facts_for(
        ticket.organization,
        ticket.request_type,
        ticket.channel,
        plan_id,
        product=ticket.product,
        language=ticket.language,
    )
    decision = route(replace(facts, categories=category_line(ticket.category)))
    if decision.rule is None or not decision.rule.categories:
        return None  # the category changes nothing: the intake decision stands
    if decision.queue.pk == ticket.queue_id:
        return None
    _move(ticket, decision, at)
    return decision


def _queue_was_fixed(ticket: Ticket) -> bool:
    last = (
        TicketEvent.objects.filter(ticket=ticket, kind=EventKind.ROUTED)
        .order_by("-created_at", "-id")
        .values_list("note", flat=True)
        .first()
    )
    return bool(last and last.endswith(NOT_ASKED))


def _move(ticket: Ticket, decision: Route, at: datetime) -> None:
    queue = decision.queue
    changes: dict[str, object] = {"queue": queue}
    keeps_assignee = (
        ticket.assignee_id is not None and queue.team.members.filter(pk=ticket.assignee_id).exists()
    )
    if ticket.assignee_id is not None and not keeps_assignee:
        changes["assignee"] = None
    ticket_update(ticket, None, at=at, **changes)
    category = ticket.category.path if ticket.category else ""
    record(
        ticket,
        None,
        EventKind.ROUTED,
        field="queue",
        new=queue.name,
        note=f"category {category} set by the model → {decision.note}",
        internal=True,
        at=at,
    )
    if ticket.assignee_id is None and queue.assignment != Assignment.MANUAL:
        choice = choose(queue, at, language=decision.facts.language)
        if choice.assignee is not None:
            ticket_update(ticket, None, at=at, assignee=choice.assignee)
        line = assigned_event(ticket, choice, at)
        record(
            ticket,
            None,
            EventKind.ASSIGNED,
            field="assignee",
            new=line.new_value,
            note=line.note,
            internal=True,
            at=at,
        )
