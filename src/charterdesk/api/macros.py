"""Macros over the API: list, create, apply to a ticket (agents only)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.responses import Status

from charterdesk.accounts.auth import user_of
from charterdesk.core.validators import Id
from charterdesk.routing.models import Team
from charterdesk.tickets import selectors
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.schemas import TicketOut
from charterdesk.workspace import services
from charterdesk.workspace.models import Macro
from charterdesk.workspace.schemas import MacroIn, MacroOut
from charterdesk.workspace.selectors import macro_get_for, macros_visible_to

from .tickets import _with_sla

router = Router(tags=["macros"])


def _agent_only(request: HttpRequest) -> None:
    if not user_of(request).is_agent:
        raise PermissionDenied("Macros are for agents.")


@router.get("/macros", response=list[MacroOut])
def list_macros(request: HttpRequest) -> QuerySet[Macro]:
    """The macros you may apply: yours, your teams', the shared ones; most used first."""
    _agent_only(request)
    return macros_visible_to(user_of(request)).order_by("-usage_count", "title", "id")[:500]


@router.post("/macros", response={201: MacroOut})
def create_macro(request: HttpRequest, payload: MacroIn) -> Status[Macro]:
    _agent_only(request)
    team = None
    if payload.team_id is not None:
        team = Team.objects.filter(pk=payload.team_id).first()
        if team is None:
            raise ValidationError({"team_id": "No such team."})
    data = services.MacroInput(
        title=payload.title,
        body=payload.body,
        note=payload.note,
        visibility=payload.visibility,
        team=team,
        changes=payload.changes,
    )
    with transaction.atomic(durable=True):
        macro = services.macro_create(user_of(request), data)
    return Status(201, macro)


@router.post("/tickets/{ticket_id}/macros/{macro_id}/apply", response=TicketOut)
def apply_macro(request: HttpRequest, ticket_id: Id, macro_id: Id) -> Ticket:
    """Apply a macro: its reply posted as a public message, its note, its changes."""
    _agent_only(request)
    user = user_of(request)
    with transaction.atomic(durable=True):
        ticket = selectors.ticket_lock_for(user, ticket_id, "requester", "organization")
        services.macro_apply(ticket, user, macro_get_for(user, macro_id))
    return _with_sla([selectors.ticket_get_for(user, ticket_id)])[0]
