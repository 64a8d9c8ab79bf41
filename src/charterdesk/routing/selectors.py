"""Reads of routing, for agents only (rules, agents' shifts and loads are internal)."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet

from charterdesk.accounts.models import STAFF_ROLES, User
from charterdesk.customers.models import Organization

from .assignment import Choice, choose, loads_of, on_shift
from .models import AgentProfile, RoutingRule
from .rules import Route, facts_for, route


def _agents_only(user: User) -> None:
    if not user.is_agent:
        raise PermissionDenied("Routing is visible to support staff only.")


def rules_for(user: User) -> QuerySet[RoutingRule]:
    """Every rule (enabled or not) in the order they are tried."""
    _agents_only(user)
    return RoutingRule.objects.select_related("queue", "set_category").order_by("position", "id")


def rule_get_for(user: User, rule_id: int) -> RoutingRule:
    """One rule, for agents; RoutingRule.DoesNotExist when there is no such rule."""
    return rules_for(user).get(pk=rule_id)


def rule_lock_for(user: User, rule_id: int) -> RoutingRule:
    """One rule, its row locked for the caller's transaction; RoutingRule.DoesNotExist
    when there is no such rule."""
    return rules_for(user).select_for_update(of=("self",)).get(pk=rule_id)


def profile_of(user: User) -> AgentProfile:
    """The agent's profile; an unsaved default one (available, capacity 25) if none yet."""
    _agents_only(user)
    found = AgentProfile.objects.select_related("calendar").filter(user=user).first()
    return found or AgentProfile(user=user)


@dataclass(frozen=True)
class AgentRow:
    profile: AgentProfile
    teams: list[str]
    on_shift: bool
    load: float


def agent_row(profile: AgentProfile, now: datetime) -> AgentRow:
    """One agent's shift and load now (the teams are not read)."""
    load = loads_of([profile.user_id]).get(profile.user_id, 0.0)
    return AgentRow(profile, [], on_shift(profile, now), load)


def availability_of(user: User, now: datetime) -> AgentRow:
    """The agent's own availability, shift and load now (agents only)."""
    return agent_row(profile_of(user), now)


def agents_board(user: User, now: datetime) -> list[AgentRow]:
    """Every agent with a profile: teams, on shift now, load against capacity (3 queries)."""
    _agents_only(user)
    profiles = list(
        AgentProfile.objects.filter(user__role__in=STAFF_ROLES, user__is_active=True)
        .select_related("user", "calendar")
        .prefetch_related("user__teams")
        .order_by("user__name", "user__email")
    )
    loads = loads_of([p.user_id for p in profiles])
    return [
        AgentRow(
            p,
            [t.name for t in p.user.teams.all()],
            on_shift(p, now),
            loads.get(p.user_id, 0.0),
        )
        for p in profiles
    ]


@dataclass(frozen=True)
class Trial:
    route: Route
    choice: Choice


def trial_for(
    user: User,
    now: datetime,
    *,
    request_type: str,
    channel: str,
    organization_id: int | None,
    product: str = "",
    language: str = "",
) -> Trial:
    """Test a ticket against the rules without writing: the rule, the queue, and who would
    be assigned now."""
    _agents_only(user)
    organization = None
    if organization_id is not None:
        organization = Organization.objects.filter(pk=organization_id).first()
        if organization is None:
            raise ValidationError({"organization": "No such organization."})
    contract = organization.contracts.order_by("-starts_on").first() if organization else None
    facts = facts_for(
        organization,
        request_type,
        channel,
        contract.plan_id if contract else None,
        product=product,
        language=language,
    )
    decision = route(facts)
    return Trial(decision, choose(decision.queue, now, language=facts.language, claim=False))
