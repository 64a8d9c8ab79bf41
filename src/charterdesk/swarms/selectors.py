"""Reads of swarming: who may help, who collaborates."""

from django.db.models import QuerySet

from charterdesk.accounts.models import STAFF_ROLES, User
from charterdesk.core.prepared import Prepared, with_parent
from charterdesk.routing.models import AgentProfile, Availability
from charterdesk.tickets.models import Ticket

from .models import Collaborator, HelpRequest

MAX_EXPERTS = 10


def experts_for(skills: list[str], exclude: set[int]) -> list[User]:
    """Available, active agents with at least one of the skills, best match first (one
    query: the profiles of agents are few, their skills are a JSON list)."""
    wanted = set(skills)
    profiles = (
        AgentProfile.objects.filter(
            user__is_active=True,
            user__role__in=STAFF_ROLES,
            availability=Availability.AVAILABLE,
        )
        .exclude(user_id__in=exclude)
        .select_related("user")
    )
    scored = []
    for profile in profiles:
        have = {str(s).strip().lower() for s in profile.skills or []}
        matched = len(wanted & have)
        if matched:
            scored.append((-matched, profile.user.email, profile.user))
    return [user for _, _, user in sorted(scored, key=lambda row: row[:2])][:MAX_EXPERTS]


def collaborators_of(ticket: Ticket) -> QuerySet[Collaborator]:
    return ticket.collaborators.select_related("agent", "help_request").order_by("added_at", "id")


def help_requests_of(ticket: Ticket) -> QuerySet[HelpRequest]:
    """A ticket's requests for help, newest first."""
    return ticket.help_requests.select_related("requested_by").order_by("-id")


_collaborators_of = Prepared(
    lambda ticket_id: (
        Collaborator.objects.filter(ticket_id=ticket_id)
        .select_related("agent", "help_request")
        .order_by("added_at", "id")
    ),
    int,
)
_latest_help_requests = Prepared(
    lambda ticket_id: (
        HelpRequest.objects.filter(ticket_id=ticket_id)
        .select_related("requested_by")
        .order_by("-id")[:3]
    ),
    int,
)


def collaborators_listed(ticket: Ticket) -> list[Collaborator]:
    """`collaborators_of(ticket)` as a list, its SQL compiled once (the ticket page)."""
    return with_parent(_collaborators_of(ticket.pk), "ticket", ticket)


def latest_help_requests(ticket: Ticket) -> list[HelpRequest]:
    """The ticket's three latest requests for help (the ticket page), compiled once."""
    return with_parent(_latest_help_requests(ticket.pk), "ticket", ticket)


def is_collaborator(ticket: Ticket, user: User) -> bool:
    return ticket.collaborators.filter(agent=user).exists()
