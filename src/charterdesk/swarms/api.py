from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Router
from ninja.responses import Status

from charterdesk.accounts.auth import user_of
from charterdesk.accounts.models import User
from charterdesk.accounts.selectors import agent_by_email
from charterdesk.core.validators import Email, Id
from charterdesk.tickets.selectors import ticket_get_for, ticket_lock_for

from . import services
from .models import Collaborator, HelpRequest
from .schemas import (
    CollaboratorIn,
    CollaboratorOut,
    HelpRequestIn,
    HelpRequestOut,
)
from .selectors import collaborators_of

router = Router(tags=["swarms"])


def _agent_only(user: User, ticket_id: Id) -> None:
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
    request: HttpRequest, ticket_id: Id, payload: HelpRequestIn
) -> Status[HelpRequest]:
    """Ask for help: available agents whose skills match are told by mail."""
    user = user_of(request)
    _agent_only(user, ticket_id)
    with transaction.atomic(durable=True):
        ticket = ticket_lock_for(user, ticket_id)
        asked: HelpRequest = services.help_request_create(
            ticket, user, skills=payload.skills, note=payload.note
        )
    return Status(201, asked)


@router.get("/tickets/{ticket_id}/collaborators", response=list[CollaboratorOut])
def list_collaborators(request: HttpRequest, ticket_id: Id) -> QuerySet[Collaborator]:
    user = user_of(request)
    _agent_only(user, ticket_id)
    ticket = ticket_get_for(user, ticket_id)
    return collaborators_of(ticket).select_related("added_by")


@router.post("/tickets/{ticket_id}/collaborators", response={201: CollaboratorOut})
def add_collaborator(
    request: HttpRequest, ticket_id: Id, payload: CollaboratorIn
) -> Status[Collaborator]:
    """Join a ticket as a collaborator (or add another agent)."""
    user = user_of(request)
    _agent_only(user, ticket_id)
    with transaction.atomic(durable=True):
        ticket = ticket_lock_for(user, ticket_id)
        collaborator = services.collaborator_add(ticket, user, _agent(payload.agent_email, user))
    return Status(201, collaborator)


@router.delete("/tickets/{ticket_id}/collaborators", response={204: None})
def remove_collaborator(
    request: HttpRequest, ticket_id: Id, agent_email: Email | None = None
) -> HttpResponse:
    """Leave a ticket (or remove another agent: `?agent_email=`)."""
    user = user_of(request)
    _agent_only(user, ticket_id)
    with transaction.atomic(durable=True):
        ticket = ticket_lock_for(user, ticket_id)
        services.collaborator_remove(ticket, user, _agent(agent_email, user))
    return HttpResponse(status=204)
