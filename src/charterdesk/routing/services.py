"""Writes of routing: rules, agents' availability, assignment of an existing ticket.
Callers own the transaction."""

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm
from charterdesk.core.querystring import MAX_ID
from charterdesk.core.vocabulary import Channel, RequestType
from charterdesk.customers.models import Organization
from charterdesk.plans.models import Plan
from charterdesk.tickets.models import Category, Ticket
from charterdesk.tickets.services import ticket_update
from charterdesk.tickets.services.history import record

from .assignment import Choice, choose
from .intake import assigned_event
from .models import AgentProfile, Availability, Queue, RoutingRule
from .rules import CONDITIONS, facts_for, queue_for_request

__all__ = [
    "agent_availability_set",
    "queue_for_request",
    "routing_rule_delete",
    "routing_rule_move",
    "routing_rule_save",
    "routing_rules_reorder",
    "ticket_assign",
]

RULE_FIELDS = (
    "name",
    "position",
    "enabled",
    "queue",
    "queue_id",
    "set_category",
    "set_category_id",
    *CONDITIONS,
)
MAX_POSITION = 1_000_000


def _managers_only(actor: User) -> None:
    if not actor.has_perm(Perm.EDIT_ROUTING_RULES):
        raise PermissionDenied("Only support managers edit routing rules.")


def routing_rule_save(actor: User, rule: RoutingRule, **changes: Any) -> RoutingRule:
    """Create or change a rule as a manager; every field is checked, all errors at once."""
    _managers_only(actor)
    unknown = set(changes) - set(RULE_FIELDS)
    if unknown:
        raise ValueError(f"unknown rule fields: {', '.join(sorted(unknown))}")
    for field, value in changes.items():
        setattr(rule, field, value)
    check_rule(rule)
    try:
        rule.save()
    except IntegrityError as exc:
        raise ValidationError({"name": "Another rule has this name."}) from exc
    return rule


def check_rule(rule: RoutingRule) -> None:
    """Field-level errors for a rule: known request types, channels, organizations, plans."""
    errors: dict[str, str] = {}
    if not (rule.name or "").strip():
        errors["name"] = "Give the rule a name."
    elif RoutingRule.objects.filter(name=rule.name).exclude(pk=rule.pk).exists():
        errors["name"] = "Another rule has this name."
    errors.update(_where_errors(rule))
    for field in CONDITIONS:
        value = getattr(rule, field)
        if not isinstance(value, list):
            errors[field] = "Give a list (empty for any)."
    known: dict[str, set[Any]] = {
        "request_types": set(RequestType.values),
        "channels": set(Channel.values),
        "organizations": set(
            Organization.objects.filter(pk__in=_ints(rule.organizations)).values_list(
                "pk", flat=True
            )
        ),
        "plans": set(Plan.objects.filter(pk__in=_ints(rule.plans)).values_list("pk", flat=True)),
        "categories": set(
            Category.objects.filter(pk__in=_ints(rule.categories)).values_list("pk", flat=True)
        ),
    }
    for field, allowed in known.items():
        value = getattr(rule, field)
        wrong = [v for v in value if v not in allowed] if isinstance(value, list) else []
        if wrong and field not in errors:
            errors[field] = f"Unknown: {', '.join(map(str, wrong))}."
    errors.update(_set_category_errors(rule))
    if errors:
        raise ValidationError(errors)


def _set_category_errors(rule: RoutingRule) -> dict[str, str]:
    """The category a rule sets exists and is offered (active); an unchanged one may stay."""
    if rule.set_category_id is None:
        return {}
    found = Category.objects.filter(pk=rule.set_category_id).first()
    if found is None:
        return {"set_category": f"No category has id {rule.set_category_id}."}
    saved = RoutingRule.objects.filter(pk=rule.pk).values_list("set_category_id", flat=True)
    if not found.active and (rule.pk is None or saved.first() != found.pk):
        return {"set_category": f"“{found.path}” is deactivated; choose another."}
    return {}


def routing_rule_delete(actor: User, rule: RoutingRule) -> None:
    """Remove a rule; tickets it routed keep their queue and their history line."""
    _managers_only(actor)
    rule.delete()


def routing_rules_reorder(actor: User, ids: list[int]) -> list[RoutingRule]:
    """Put the rules in this order (positions 10, 20, …); every rule must be listed once."""
    _managers_only(actor)
    rules = {r.pk: r for r in RoutingRule.objects.select_for_update().order_by("pk")}
    if len(set(ids)) != len(ids) or set(ids) != set(rules):
        raise ValidationError(
            {"ids": "List every rule's id exactly once, in the order they are tried."}
        )
    ordered = [rules[pk] for pk in ids]
    for index, rule in enumerate(ordered, start=1):
        rule.position = index * 10
    RoutingRule.objects.bulk_update(ordered, ["position"])
    return ordered


def routing_rule_move(actor: User, rule: RoutingRule, step: int) -> None:
    """Move a rule one place earlier (step -1) or later (+1) in the order."""
    ids = list(RoutingRule.objects.order_by("position", "id").values_list("pk", flat=True))
    index = ids.index(rule.pk)
    target = min(max(index + step, 0), len(ids) - 1)
    ids.insert(target, ids.pop(index))
    routing_rules_reorder(actor, ids)


def _where_errors(rule: RoutingRule) -> dict[str, str]:
    """The queue exists and the position is in range."""
    errors = {}
    if rule.queue_id is None:
        errors["queue"] = "Choose the queue the rule sends tickets to."
    elif not Queue.objects.filter(pk=rule.queue_id).exists():
        errors["queue"] = f"No queue has id {rule.queue_id}."
    if not 0 <= (rule.position or 0) <= MAX_POSITION:
        errors["position"] = f"Use a position from 0 to {MAX_POSITION:,}."
    return errors


def _ints(values: object) -> list[int]:
    if not isinstance(values, list):
        return []
    return [v for v in values if isinstance(v, int) and not isinstance(v, bool) and 0 < v <= MAX_ID]


def agent_availability_set(user: User, availability: str) -> AgentProfile:
    """An agent says they are available or away. Their open tickets stay theirs."""
    if not user.is_agent:
        raise PermissionDenied("Only agents have an availability.")
    if availability not in Availability.values:
        raise ValidationError({"availability": f"Use one of: {', '.join(Availability.values)}."})
    profile, _ = AgentProfile.objects.get_or_create(user=user)
    if profile.availability != availability:
        profile.availability = availability
        profile.save(update_fields=["availability"])
    return profile


def ticket_assign(ticket: Ticket, actor: User | None, now: datetime) -> Choice:
    """Run the queue's assignment again for an open, unassigned ticket (an agent's
    "Assign next", or after a rule change); the decision goes to the history."""
    if actor is not None and not actor.is_agent:
        raise PermissionDenied("Only agents assign tickets.")
    if not ticket.is_open:
        raise ValidationError({"status": "Only open tickets are assigned."})
    if ticket.assignee_id is not None:
        raise ValidationError({"assignee": f"Already assigned to {ticket.assignee}."})
    queue = Queue.objects.select_related("team").get(pk=ticket.queue_id)
    language = facts_for(ticket.organization, ticket.request_type, ticket.channel, None).language
    choice = choose(queue, now, language=ticket.language or language)
    if choice.assignee is not None:
        ticket_update(ticket, actor, at=now, assignee=choice.assignee)
    if choice.automatic:
        event = assigned_event(ticket, choice, now)
        record(
            ticket,
            actor,
            event.kind,  # type: ignore[arg-type]
            field=event.field,
            new=event.new_value,
            note=event.note,
            internal=True,
            at=now,
        )
    return choice
