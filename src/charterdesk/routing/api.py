"""Routing API: rules (managers edit, agents read), agents' availability and board, a dry
run of the rules, and "assign this ticket now". Customers get 403 (404 for tickets)."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from charterdesk.accounts.auth import user_of
from charterdesk.accounts.models import User
from charterdesk.core.pagination import check_limit
from charterdesk.customers.models import Organization
from charterdesk.tickets.selectors import tickets_visible_to

from . import selectors, services
from .models import Queue, RoutingRule
from .rules import CONDITIONS
from .schemas import (
    AssignOut,
    AvailabilityIO,
    AvailabilityOut,
    RuleIn,
    RuleOut,
    RulePatch,
    TrialIn,
    TrialOut,
)

router = Router(tags=["routing"])


class RulePage(Schema):
    items: list[RuleOut]
    next: str | None


class RuleOrder(Schema):
    ids: list[int] = Field(description="Every rule's id, in the order they are tried.")


class AgentOut(Schema):
    email: str
    name: str
    teams: list[str]
    availability: str
    on_shift: bool
    load: float
    capacity: int


class PageQuery(Schema):
    offset: int = Field(0, ge=0, le=10**9)
    limit: int = Field(50, ge=1, le=200)


def queue_ref(queue: Queue) -> dict[str, Any]:
    return {
        "id": queue.pk,
        "name": queue.name,
        "tier": queue.tier,
        "assignment": queue.assignment,
    }


def rule_out(rule: RoutingRule) -> dict[str, Any]:
    return {
        "id": rule.pk,
        "position": rule.position,
        "name": rule.name,
        "enabled": rule.enabled,
        "conditions": {c: getattr(rule, c) for c in CONDITIONS},
        "queue": queue_ref(rule.queue),
    }


def _changes(payload: RuleIn | RulePatch) -> dict[str, Any]:
    data = payload.dict(exclude_unset=isinstance(payload, RulePatch))
    changes = {k: v for k, v in data.items() if v is not None}
    if "queue" in changes:
        changes["queue_id"] = changes.pop("queue")
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
    return {"items": [rule_out(r) for r in rows], "next": next_url}


@router.post("/routing-rules", response={201: RuleOut})
def create_rule(request: HttpRequest, payload: RuleIn) -> Status[dict[str, Any]]:
    user = user_of(request)
    with transaction.atomic():
        rule = services.routing_rule_save(user, RoutingRule(), **_changes(payload))
    return Status(201, rule_out(_reloaded(rule)))


@router.put("/routing-rules/order", response=list[RuleOut])
def reorder_rules(request: HttpRequest, payload: RuleOrder) -> list[dict[str, Any]]:
    """Put every rule in a new order in one go."""
    with transaction.atomic():
        rules = services.routing_rules_reorder(user_of(request), payload.ids)
    return [rule_out(r) for r in rules]


def _rule_for(user: User, rule_id: int) -> RoutingRule:
    return selectors.rules_for(user).select_for_update().get(pk=rule_id)


@router.patch("/routing-rules/{rule_id}", response=RuleOut)
def update_rule(request: HttpRequest, rule_id: int, payload: RulePatch) -> dict[str, Any]:
    user = user_of(request)
    with transaction.atomic():
        rule = services.routing_rule_save(user, _rule_for(user, rule_id), **_changes(payload))
    return rule_out(_reloaded(rule))


@router.delete("/routing-rules/{rule_id}", response={204: None})
def delete_rule(request: HttpRequest, rule_id: int) -> Status[None]:
    user = user_of(request)
    with transaction.atomic():
        services.routing_rule_delete(user, _rule_for(user, rule_id))
    return Status(204, None)


def _reloaded(rule: RoutingRule) -> RoutingRule:
    return RoutingRule.objects.select_related("queue").get(pk=rule.pk)


def availability_out(user: User) -> dict[str, Any]:
    profile = selectors.profile_of(user)
    row = selectors.agent_row(profile, timezone.now())
    return {
        "availability": profile.availability,
        "on_shift": row.on_shift,
        "load": row.load,
        "capacity": profile.capacity,
        "calendar": str(profile.calendar) if profile.calendar else None,
    }


@router.get("/agents/me/availability", response=AvailabilityOut)
def my_availability(request: HttpRequest) -> dict[str, Any]:
    return availability_out(user_of(request))


@router.put("/agents/me/availability", response=AvailabilityOut)
def set_my_availability(request: HttpRequest, payload: AvailabilityIO) -> dict[str, Any]:
    """Available or away: away agents get no new tickets; their open ones stay theirs."""
    user = user_of(request)
    with transaction.atomic():
        services.agent_availability_set(user, payload.availability)
    return availability_out(user)


@router.get("/agents", response=list[AgentOut])
def agents(request: HttpRequest) -> list[dict[str, Any]]:
    """Every agent with a profile: on shift now, availability, load against capacity."""
    return [
        {
            "email": row.profile.user.email,
            "name": row.profile.user.name,
            "teams": row.teams,
            "availability": row.profile.availability,
            "on_shift": row.on_shift,
            "load": row.load,
            "capacity": row.profile.capacity,
        }
        for row in selectors.agents_board(user_of(request), timezone.now())
    ]


@router.post("/routing/trial", response=TrialOut)
def trial(request: HttpRequest, payload: TrialIn) -> dict[str, Any]:
    """Which rule, queue and agent a request like this would get now; nothing is written."""
    user = user_of(request)
    if not user.is_agent:
        raise PermissionDenied("Routing is visible to support staff only.")
    organization = None
    if payload.organization is not None:
        organization = Organization.objects.filter(pk=payload.organization).first()
        if organization is None:
            raise ValidationError({"organization": "No such organization."})
    decision, choice = selectors.trial_for(
        user,
        timezone.now(),
        request_type=payload.type,
        channel=payload.channel,
        organization=organization,
        product=payload.product,
        language=payload.language,
    )
    return {
        "rule": decision.rule.name if decision.rule else None,
        "queue": queue_ref(decision.queue),
        "note": f"{decision.note}; {choice.note}",
        "assignee": choice.assignee.email if choice.assignee else None,
        "assignment": choice.strategy,
    }


@router.post("/tickets/{ticket_id}/assign", response=AssignOut)
def assign(request: HttpRequest, ticket_id: int) -> dict[str, Any]:
    """Run the queue's assignment for an open, unassigned ticket now."""
    user = user_of(request)
    with transaction.atomic():
        ticket = (
            tickets_visible_to(user)
            .select_for_update(of=("self",))
            .select_related("organization", "assignee")
            .get(pk=ticket_id)
        )
        choice = services.ticket_assign(ticket, user, timezone.now())
    return {
        "assignee": choice.assignee.email if choice.assignee else None,
        "assignment": choice.strategy,
        "note": choice.note,
    }
