from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema
from ninja.responses import Status

from charterdesk.accounts.auth import user_of
from charterdesk.accounts.models import User
from charterdesk.accounts.selectors import agent_by_email
from charterdesk.tickets.schemas import PersonRef
from charterdesk.tickets.selectors import ticket_get_for, ticket_lock_for

from . import services
from .models import Collaborator, HelpRequest
from .selectors import collaborators_of

router = Router(tags=["swarms"])


class HelpRequestIn(Schema):
    skills: list[str] = Field(min_length=1, max_length=10, description="e.g. ['postgres']")
    note: str = Field("", max_length=1000)


class HelpRequestOut(Schema):
    id: int
    ticket_id: int
    skills: list[str]
    note: str
    notified: list[str] = Field(description="Emails of the agents told by mail.")
    requested_by: PersonRef
    created_at: datetime


class CollaboratorIn(Schema):
    agent_email: str | None = Field(None, description="Default: you join.")


class CollaboratorOut(Schema):
    agent: PersonRef
    added_by: PersonRef | None
    added_at: datetime


def _person(user: User | None) -> dict[str, str] | None:
    return None if user is None else {"email": user.email, "name": user.name}


def _collaborator_out(c: Collaborator) -> dict[str, Any]:
    return {"agent": _person(c.agent), "added_by": _person(c.added_by), "added_at": c.added_at}


def _agent_only(user: User, ticket_id: int) -> None:
    if not user.is_agent:
        ticket_get_for(user, ticket_id)  # 404 for tickets they cannot see
        raise PermissionDenied("Swarms are for support staff.")


def _agent(email: str | None, default: User) -> User:
    if not email:
        return default
    agent = agent_by_email(email.strip())
    if agent is None:
        raise ValidationError({"agent_email": "No agent has this address."})
    return agent


@router.post("/tickets/{ticket_id}/help-requests", response={201: HelpRequestOut})
def ask_for_help(
    request: HttpRequest, ticket_id: int, payload: HelpRequestIn
) -> Status[dict[str, Any]]:
    """Ask for help: available agents whose skills match are told by mail."""
    user = user_of(request)
    _agent_only(user, ticket_id)
    with transaction.atomic():
        ticket = ticket_lock_for(user, ticket_id)
        asked: HelpRequest = services.help_request_create(
            ticket, user, skills=payload.skills, note=payload.note
        )
    return Status(
        201,
        {
            "id": asked.pk,
            "ticket_id": ticket.pk,
            "skills": asked.skills,
            "note": asked.note,
            "notified": asked.notified,
            "requested_by": _person(user),
            "created_at": asked.created_at,
        },
    )


@router.get("/tickets/{ticket_id}/collaborators", response=list[CollaboratorOut])
def list_collaborators(request: HttpRequest, ticket_id: int) -> list[dict[str, Any]]:
    user = user_of(request)
    _agent_only(user, ticket_id)
    ticket = ticket_get_for(user, ticket_id)
    return [_collaborator_out(c) for c in collaborators_of(ticket).select_related("added_by")]


@router.post("/tickets/{ticket_id}/collaborators", response={201: CollaboratorOut})
def add_collaborator(
    request: HttpRequest, ticket_id: int, payload: CollaboratorIn
) -> Status[dict[str, Any]]:
    """Join a ticket as a collaborator (or add another agent)."""
    user = user_of(request)
    _agent_only(user, ticket_id)
    with transaction.atomic():
        ticket = ticket_lock_for(user, ticket_id)
        collaborator = services.collaborator_add(ticket, user, _agent(payload.agent_email, user))
    return Status(201, _collaborator_out(collaborator))


@router.delete("/tickets/{ticket_id}/collaborators", response={204: None})
def remove_collaborator(
    request: HttpRequest, ticket_id: int, agent_email: str | None = None
) -> HttpResponse:
    """Leave a ticket (or remove another agent: `?agent_email=`)."""
    user = user_of(request)
    _agent_only(user, ticket_id)
    with transaction.atomic():
        ticket = ticket_lock_for(user, ticket_id)
        services.collaborator_remove(ticket, user, _agent(agent_email, user))
    return HttpResponse(status=204)
