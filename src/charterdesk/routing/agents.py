"""Writes on agents: invite, change, deactivate, reactivate, for the settings pages
(manage) and the configuration API and import (configuration). The caller owns the
transaction; the audit log records every field (core.audit on User, AgentProfile
and Team's members).

Least privilege: inviting and changing roles needs Perm.INVITE_STAFF; nobody grants a
role that may do more than their own (a manager cannot make an administrator), changes
their own role or deactivates themselves, or changes someone whose role may do more than
theirs."""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from charterdesk.accounts.invitations import invitation_send
from charterdesk.accounts.models import Invitation, Role, User
from charterdesk.accounts.roles import Perm, permissions_of
from charterdesk.accounts.sessions import sessions_sign_out_all
from charterdesk.tickets.models import OPEN_STATUSES, Ticket
from charterdesk.tickets.services import ticket_update

from .models import AgentProfile, Team

# The roles the settings pages hand out: everyone who works tickets (not operators).
AGENT_ROLES = (Role.AGENT, Role.TEAM_LEAD, Role.MANAGER, Role.ADMIN)
TIERED_ROLES = (Role.AGENT, Role.TEAM_LEAD)  # these need a tier: it decides their queues
PROFILE_FIELDS = ("skills", "languages", "calendar", "capacity")


@dataclass
class AgentData:
    """What the agent form gives: the account's name, role and tier, the profile's fields
    and the teams."""

    name: str
    role: str
    tier: int | None
    teams: list[Team] = field(default_factory=list)
    profile: dict[str, Any] = field(default_factory=dict)


def roles_grantable_by(actor: User) -> list[str]:
    """The roles `actor` may give: those that may do nothing `actor` may not."""
    if not actor.has_perm(Perm.INVITE_STAFF):
        return []
    mine = actor.get_all_permissions()
    return [role for role in AGENT_ROLES if permissions_of(role) <= mine]


def may_edit(actor: User, agent: User) -> bool:
    """Whether `actor` may change this agent's name, tier, profile and teams: their own,
    or someone whose role may do nothing `actor` may not."""
    return agent.pk == actor.pk or permissions_of(agent.role) <= actor.get_all_permissions()


def may_change(actor: User, agent: User) -> bool:
    """Whether `actor` may change this agent's role or deactivate them."""
    if agent.pk == actor.pk or not actor.has_perm(Perm.INVITE_STAFF):
        return False
    return permissions_of(agent.role) <= actor.get_all_permissions()


def agent_invite(*, actor: User, email: str, data: AgentData) -> User:
    """A new agent: an inactive account with its profile and teams, and the mail with the
    link to set a password (accounts.invitations)."""
    _check_role(actor, data)
    agent = invitation_send(
        email=email, invited_by=actor, name=data.name, role=data.role, tier=data.tier
    )
    profile = AgentProfile.objects.filter(user=agent).first() or AgentProfile(user=agent)
    _save_profile(profile, data.profile)
    _set_teams(agent, data.teams)
    return agent


def agent_update(*, actor: User, agent: User, data: AgentData) -> User:
    """Change an agent's name, role, tier, profile and teams."""
    if not may_edit(actor, agent):
        raise PermissionDenied(_refusal(actor, agent))
    if data.role != agent.role:
        if not may_change(actor, agent):
            raise PermissionDenied(_refusal(actor, agent))
        _check_role(actor, data)
    else:
        _check_tier(data)
    agent.name, agent.role, agent.tier = data.name, data.role, data.tier
    agent.full_clean(exclude=["password"], validate_unique=False)
    agent.save(update_fields=["name", "role", "tier"])
    profile = AgentProfile.objects.filter(user=agent).first() or AgentProfile(user=agent)
    _save_profile(profile, data.profile)
    _set_teams(agent, data.teams)
    return agent


def agent_deactivate(*, actor: User | None, agent: User) -> int:
    """The agent can no longer sign in (sessions and pending invitation end) and gets no
    new tickets; their open tickets go back to their queues unassigned, each with a line
    in its history. Tickets, history and time entries keep their name. Returns how many
    tickets were unassigned. Called by the agent's settings page, the configuration API
    (`"is_active": false`) and an import (also with `delete_missing`); `actor` None: the
    operator at the command line."""
    if actor is not None and not may_change(actor, agent):
        raise PermissionDenied(_refusal(actor, agent))
    agent.is_active = False
    agent.save(update_fields=["is_active"])
    agent.invitations.filter(accepted_at__isnull=True).delete()
    sessions_sign_out_all(agent)
    tickets = list(_open_tickets_of(agent))
    now = timezone.now()
    for ticket in tickets:
        ticket_update(ticket, actor, now, assignee=None)
    return len(tickets)


def agent_reactivate(*, actor: User, agent: User) -> bool:
    """Open the account again. Returns False when its owner never set a password: then a
    fresh invitation is mailed instead, and the account opens when it is accepted."""
    if not may_change(actor, agent):
        raise PermissionDenied(_refusal(actor, agent))
    if agent.has_usable_password():
        agent.is_active = True
        agent.save(update_fields=["is_active"])
        return True
    Invitation.objects.create(user=agent, invited_by=actor)  # invitation_send renews it
    invitation_send(email=agent.email, invited_by=actor, name=agent.name, role=agent.role)
    return False


def _open_tickets_of(agent: User) -> QuerySet[Ticket]:
    return Ticket.objects.filter(assignee=agent, status__in=OPEN_STATUSES).order_by("id")


def _check_role(actor: User, data: AgentData) -> None:
    if data.role not in roles_grantable_by(actor):
        raise ValidationError({"role": "You cannot give a role that may do more than yours."})
    _check_tier(data)


def _check_tier(data: AgentData) -> None:
    if data.role in TIERED_ROLES and data.tier is None:
        raise ValidationError({"tier": "Agents and team leads work in a tier: choose 1, 2 or 3."})


def _refusal(actor: User, agent: User) -> str:
    if agent.pk == actor.pk:
        return "You cannot change your own role or deactivate yourself."
    return "Your role cannot change this person."


def _save_profile(profile: AgentProfile, values: dict[str, Any]) -> None:
    for name in PROFILE_FIELDS:
        if name in values:
            setattr(profile, name, values[name])
    profile.save()


def _set_teams(agent: User, teams: list[Team]) -> None:
    """Membership changes from each team's side, so the log shows them on the team."""
    wanted = {team.pk for team in teams}
    current = set(agent.teams.values_list("pk", flat=True))
    for team in Team.objects.filter(pk__in=wanted ^ current).order_by("name"):
        if team.pk in wanted:
            team.members.add(agent)
        else:
            team.members.remove(agent)
