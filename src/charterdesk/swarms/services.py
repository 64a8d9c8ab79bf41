"""Writes of swarming. Callers own the transaction; mail leaves on commit.

Collaborators work a ticket alongside its assignee without taking it over. Every joining
and leaving is a line in the ticket's history (kind `collaborator`, internal)."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from charterdesk.accounts.guards import check_agent
from charterdesk.accounts.models import STAFF_ROLES, User
from charterdesk.mail.outbox import mail_queue
from charterdesk.tickets.guards import check_not_closed
from charterdesk.tickets.models import EventKind, Ticket
from charterdesk.tickets.services.history import record

from .models import Collaborator, HelpRequest
from .selectors import experts_for

MAX_SKILLS = 10
ONLY_AGENTS = "Only agents work in swarms."


def clean_skills(skills: list[str]) -> list[str]:
    """Skills as agents' profiles write them: trimmed, lower case, no duplicates."""
    seen: list[str] = []
    for skill in skills:
        name = str(skill).strip().lower()
        if name and name not in seen:
            seen.append(name)
    return seen


def help_request_create(
    ticket: Ticket, actor: User, *, skills: list[str], note: str = "", at: datetime | None = None
) -> HelpRequest:
    """Ask for help on a ticket: agents whose skills match are told by mail."""
    check_agent(actor, ONLY_AGENTS)
    check_not_closed(ticket, "ticket")
    wanted = clean_skills(skills)
    errors: dict[str, str] = {}
    if not wanted:
        errors["skills"] = "Name at least one skill you need (e.g. postgres, billing)."
    elif len(wanted) > MAX_SKILLS:
        errors["skills"] = f"Name at most {MAX_SKILLS} skills."
    if len(note) > 1000:
        errors["note"] = "Keep the note under 1000 characters."
    if errors:
        raise ValidationError(errors)
    now = at or timezone.now()
    busy = {actor.pk, ticket.assignee_id, *ticket.collaborators.values_list("agent_id", flat=True)}
    experts = experts_for(wanted, exclude={pk for pk in busy if pk is not None})
    help_request = HelpRequest.objects.create(
        ticket=ticket,
        requested_by=actor,
        skills=wanted,
        note=note.strip(),
        notified=[e.email for e in experts],
        created_at=now,
    )
    told = ", ".join(str(e) for e in experts) or "nobody with these skills is available"
    record(
        ticket,
        actor,
        EventKind.COLLABORATOR,
        field="help_request",
        new=", ".join(wanted),
        note=f"Asked for help ({told})" + (f": {help_request.note}" if help_request.note else ""),
        internal=True,
        at=now,
    )
    for expert in experts:
        mail_queue(
            to=[expert.email],
            template="swarms/mail/help_wanted",
            context={"help": help_request, "expert": expert, "by": actor},
            ticket=ticket,
        )
    return help_request


def collaborator_add(
    ticket: Ticket,
    actor: User | None,
    agent: User,
    *,
    help_request: HelpRequest | None = None,
    note: str = "",
    at: datetime | None = None,
) -> Collaborator:
    """An agent joins a ticket (or is added by another agent, or by an escalation from a
    swarm queue, actor None). The assignee stays the assignee."""
    if actor is not None:
        check_agent(actor, ONLY_AGENTS)
    check_not_closed(ticket, "ticket")
    if agent.role not in STAFF_ROLES or not agent.is_active:
        raise ValidationError({"agent_email": "Only an active agent can collaborate."})
    if agent.pk == ticket.assignee_id:
        raise ValidationError({"agent_email": f"{agent} is the assignee already."})
    if ticket.collaborators.filter(agent=agent).exists():
        raise ValidationError({"agent_email": f"{agent} is a collaborator already."})
    now = at or timezone.now()
    collaborator = Collaborator.objects.create(
        ticket=ticket, agent=agent, added_by=actor, help_request=help_request, added_at=now
    )
    joined = actor is not None and actor.pk == agent.pk
    head = (
        "Joined as a collaborator"
        if joined
        else f"Added as a collaborator by {actor or 'CharterDesk'}"
    )
    record(
        ticket,
        actor,
        EventKind.COLLABORATOR,
        field="collaborator",
        new=agent,
        note=f"{head} — {note}" if note else head,
        internal=True,
        at=now,
    )
    if not joined:
        mail_queue(
            to=[agent.email],
            template="swarms/mail/added",
            context={"agent": agent, "by": actor, "note": note},
            ticket=ticket,
        )
    return collaborator


def collaborator_remove(
    ticket: Ticket, actor: User, agent: User, *, at: datetime | None = None
) -> None:
    """A collaborator leaves (or is removed by another agent); their replies and time stay
    theirs on the ticket."""
    check_agent(actor, ONLY_AGENTS)
    deleted, _ = ticket.collaborators.filter(agent=agent).delete()
    if not deleted:
        raise ValidationError({"agent_email": f"{agent} is not a collaborator on this ticket."})
    record(
        ticket,
        actor,
        EventKind.COLLABORATOR,
        field="collaborator",
        old=agent,
        note="Left the swarm" if actor.pk == agent.pk else f"Removed by {actor}",
        internal=True,
        at=at,
    )
