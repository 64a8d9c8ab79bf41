"""What intake asks of routing: decide the queue (reading only), assign, and the history
lines that say why."""

from datetime import datetime

from charterdesk.customers.models import Organization
from charterdesk.tickets.models import Category, CategorySource, EventKind, Ticket, TicketEvent

from .assignment import Choice, choose
from .models import Queue
from .rules import Route, facts_for, route


def route_new(
    organization: Organization | None,
    request_type: str,
    channel: str,
    plan_id: int | None,
    *,
    product: str = "",
    language: str = "",
    fixed: tuple[Queue, str] | None = None,
) -> Route:
    """Read only: the queue a new request goes to and the rule that chose it. `fixed`
    (a queue and what chose it: a mailbox that feeds a queue) skips the rules."""
    facts = facts_for(
        organization, request_type, channel, plan_id, product=product, language=language
    )
    if fixed is not None:
        return Route(fixed[0], None, facts, fixed_by=fixed[1])
    return route(facts)


def rule_category(decision: Route | None) -> Category | None:
    """The category the deciding rule sets on the new ticket (a deactivated one: none)."""
    rule = decision.rule if decision is not None else None
    if rule is None or rule.set_category is None or not rule.set_category.active:
        return None
    return rule.set_category


def category_fields(decision: Route | None) -> dict[str, object]:
    """The new ticket's category fields when its rule sets one (else nothing): who set
    it is the rule, so triage leaves the ticket's category alone."""
    category = rule_category(decision)
    if category is None:
        return {}
    return {"category": category, "category_source": CategorySource.RULE}


def assign_new(decision: Route, now: datetime) -> Choice:
    """Who gets the new ticket (by the queue's strategy); takes the agent."""
    return choose(decision.queue, now, language=decision.facts.language)


def routing_events(ticket: Ticket, decision: Route, choice: Choice, at: datetime) -> None:
    """The routing decision and, for automatic queues, the assignment, in the history.
    Internal: rule names and agents' loads are not for customers."""
    TicketEvent.objects.bulk_create(routing_event_rows(ticket, decision, choice, at))


def routing_event_rows(
    ticket: Ticket, decision: Route, choice: Choice, at: datetime
) -> list[TicketEvent]:
    """`routing_events`, not yet saved (intake writes them with its own lines at once)."""
    events = [
        TicketEvent(
            ticket=ticket,
            kind=EventKind.ROUTED,
            field="queue",
            new_value=decision.queue.name,
            note=decision.note[:500],
            internal=True,
            created_at=at,
        )
    ]
    category = rule_category(decision)
    if category is not None and decision.rule is not None:
        events.append(
            TicketEvent(
                ticket=ticket,
                kind=EventKind.CHANGED,
                field="category",
                new_value=category.path,
                note=f"by rule '{decision.rule.name}'"[:500],
                internal=True,
                created_at=at,
            )
        )
    if choice.automatic:
        events.append(assigned_event(ticket, choice, at))
    return events


def assigned_event(ticket: Ticket, choice: Choice, at: datetime) -> TicketEvent:
    return TicketEvent(
        ticket=ticket,
        kind=EventKind.ASSIGNED,
        field="assignee",
        new_value=choice.assignee.email if choice.assignee else "nobody",
        note=choice.note[:500],
        internal=True,
        created_at=at,
    )
