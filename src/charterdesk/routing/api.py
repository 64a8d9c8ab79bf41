"""Routing API: rules (managers edit, agents read), agents' availability and board, a dry
run of the rules, and "assign this ticket now". Customers get 403 (404 for tickets)."""

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router
from ninja.responses import Status

from charterdesk.accounts.auth import user_of
from charterdesk.accounts.models import User
from charterdesk.core.pagination import check_limit
from charterdesk.core.validators import Id
from charterdesk.tickets.selectors import tickets_visible_to

from . import selectors, services
from .assignment import Choice
from .models import RoutingRule
from .schemas import (
    AgentOut,
    AssignOut,
    AvailabilityIO,
    AvailabilityOut,
    PageQuery,
    RuleIn,
    RuleOrder,
    RuleOut,
    RulePage,
    RulePatch,
    TrialIn,
    TrialOut,
)

router = Router(tags=["routing"])


def _changes(payload: RuleIn | RulePatch) -> dict[str, Any]:
    data = payload.dict(exclude_unset=isinstance(payload, RulePatch))
    changes = {k: v for k, v in data.items() if v is not None}
    if "queue" in changes:
        changes["queue_id"] = changes.pop("queue")
    if "set_category" in data:  # null clears it
        changes.pop("set_category", None)
        changes["set_category_id"] = data["set_category"]
    return changes


@router.get("/routing-rules", response=RulePage)
def list_rules(request: HttpRequest, page: Query[PageQuery]) -> dict[str, Any]:
    """The rules in the order they are tried (agents only); the first match wins."""
    check_limit(page.limit)
    rows = list(selectors.rules_for(user_of(request))[page.offset : page.offset + page.limit + 1])
    next_url = None
    if len(rows) > page.limit:
        rows = rows[: page.limit]
        params = request.GET.copy()
        params["offset"], params["limit"] = str(page.offset + page.limit), str(page.limit)
        next_url = request.build_absolute_uri(f"{request.path}?{params.urlencode()}")
    return {"items": rows, "next": next_url}


@router.post("/routing-rules", response={201: RuleOut})
def create_rule(request: HttpRequest, payload: RuleIn) -> Status[RoutingRule]:
    user = user_of(request)
    with transaction.atomic(durable=True):
        rule = services.routing_rule_save(user, RoutingRule(), **_changes(payload))
    return Status(201, _reloaded(rule))


@router.put("/routing-rules/order", response=list[RuleOut])
def reorder_rules(request: HttpRequest, payload: RuleOrder) -> list[RoutingRule]:
    """Put every rule in a new order in one go."""
    with transaction.atomic(durable=True):
        return services.routing_rules_reorder(user_of(request), payload.ids)


def _rule_for(user: User, rule_id: Id) -> RoutingRule:
    return selectors.rule_lock_for(user, rule_id)


@router.patch("/routing-rules/{rule_id}", response=RuleOut)
def update_rule(request: HttpRequest, rule_id: Id, payload: RulePatch) -> RoutingRule:
    user = user_of(request)
    with transaction.atomic(durable=True):
        rule = services.routing_rule_save(user, _rule_for(user, rule_id), **_changes(payload))
    return _reloaded(rule)


@router.delete("/routing-rules/{rule_id}", response={204: None})
def delete_rule(request: HttpRequest, rule_id: Id) -> Status[None]:
    user = user_of(request)
    with transaction.atomic(durable=True):
        services.routing_rule_delete(user, _rule_for(user, rule_id))
    return Status(204, None)


def _reloaded(rule: RoutingRule) -> RoutingRule:
    return RoutingRule.objects.select_related("queue", "set_category").get(pk=rule.pk)


@router.get("/agents/me/availability", response=AvailabilityOut)
def my_availability(request: HttpRequest) -> selectors.AgentRow:
    return selectors.availability_of(user_of(request), timezone.now())


@router.put("/agents/me/availability", response=AvailabilityOut)
def set_my_availability(request: HttpRequest, payload: AvailabilityIO) -> selectors.AgentRow:
    """Available or away: away agents get no new tickets; their open ones stay theirs."""
    user = user_of(request)
    with transaction.atomic(durable=True):
        services.agent_availability_set(user, payload.availability)
    return selectors.availability_of(user, timezone.now())


@router.get("/agents", response=list[AgentOut])
def agents(request: HttpRequest) -> list[selectors.AgentRow]:
    """Every agent with a profile: on shift now, availability, load against capacity."""
    return selectors.agents_board(user_of(request), timezone.now())


@router.post("/routing/trial", response=TrialOut)
def trial(request: HttpRequest, payload: TrialIn) -> selectors.Trial:
    """Which rule, queue and agent a request like this would get now; nothing is written."""
    return selectors.trial_for(
        user_of(request),
        timezone.now(),
        request_type=payload.type,
        channel=payload.channel,
        organization_id=payload.organization,
        product=payload.product,
        language=payload.language,
    )


@router.post("/tickets/{ticket_id}/assign", response=AssignOut)
def assign(request: HttpRequest, ticket_id: Id) -> Choice:
    """Run the queue's assignment for an open, unassigned ticket now."""
    user = user_of(request)
    with transaction.atomic(durable=True):
        ticket = (
            tickets_visible_to(user)
            .select_for_update(of=("self",))
            .select_related("organization", "assignee")
            .get(pk=ticket_id)
        )
        return services.ticket_assign(ticket, user, timezone.now())
