"""Reads of the agents and teams pages (managers and administrators only: the views'
permission check)."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet

from charterdesk.accounts.models import Invitation, User
from charterdesk.routing.agents import AGENT_ROLES
from charterdesk.routing.models import Queue, Team

PAGE_SIZE = 50
STATES = [("active", "Active"), ("invited", "Invited"), ("deactivated", "Deactivated")]


def agents_listed(state: str = "", team_id: int | None = None) -> QuerySet[User]:
    """Agents with their profile, schedule and teams (three queries a page, whatever its
    length), by name; narrowed by state and team."""
    pending = Invitation.objects.filter(user=OuterRef("pk"), accepted_at__isnull=True)
    agents = (
        User.objects.filter(role__in=AGENT_ROLES)
        .annotate(invited=Exists(pending))
        .select_related("agent_profile__calendar")
        .prefetch_related(Prefetch("teams", queryset=Team.objects.order_by("name")))
        .order_by("name", "email")
    )
    if state == "active":
        agents = agents.filter(is_active=True)
    elif state == "invited":
        agents = agents.filter(is_active=False, invited=True)
    elif state == "deactivated":
        agents = agents.filter(is_active=False, invited=False)
    if team_id:
        agents = agents.filter(teams=team_id)
    return agents


def page_of(rows: QuerySet, number: str | None) -> Page:
    return Paginator(rows, PAGE_SIZE).get_page(number)


def agent_get(agent_id: int) -> User:
    """One agent (any state); User.DoesNotExist for anyone else."""
    return User.objects.filter(role__in=AGENT_ROLES).get(pk=agent_id)


def is_invited(agent: User) -> bool:
    """The account waits for its owner to accept an invitation."""
    return not agent.is_active and agent.invitations.filter(accepted_at__isnull=True).exists()


def teams_listed() -> QuerySet[Team]:
    """Teams with their lead, hand-over team, member count and queues (two queries)."""
    return (
        Team.objects.select_related("lead", "hands_over_to")
        .annotate(member_count=Count("members", distinct=True))
        .prefetch_related(Prefetch("queues", queryset=Queue.objects.order_by("position", "name")))
        .order_by("name")
    )
