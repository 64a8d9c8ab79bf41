"""The agent workspace over the API: macros, saved views with counts, bulk updates
(agents only)."""

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
from charterdesk.workspace.bulk import BulkResult, bulk_undo, last_bulk_of, tickets_bulk_update
from charterdesk.workspace.models import Macro, SavedView
from charterdesk.workspace.schemas import BulkIn, BulkOut, MacroIn, MacroOut, ViewIn, ViewOut
from charterdesk.workspace.selectors import (
    macro_get_for,
    macros_visible_to,
    view_counts,
    views_visible_to,
)

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


@router.get("/views", response=list[ViewOut])
def list_views(request: HttpRequest) -> list[SavedView]:
    """Your views and the shared ones, each with its count (one query for the counts)."""
    _agent_only(request)
    user = user_of(request)
    views = list(views_visible_to(user)[:200])
    counts = view_counts(user, views)
    for view in views:
        setattr(view, "count", counts[view.pk])  # noqa: B010 - read by ViewOut
    return views


@router.post("/views", response={201: ViewOut})
def create_view(request: HttpRequest, payload: ViewIn) -> Status[SavedView]:
    _agent_only(request)
    user = user_of(request)
    with transaction.atomic(durable=True):
        view = services.view_create(
            user, name=payload.name, filters=payload.filters, shared=payload.shared
        )
    setattr(view, "count", view_counts(user, [view])[view.pk])  # noqa: B010
    return Status(201, view)


def _bulk_out(result: BulkResult) -> dict[str, object]:
    return {
        "bulk_id": result.bulk.pk if result.bulk else None,
        "outcomes": [o.__dict__ for o in result.outcomes],
    }


@router.post("/tickets/bulk", response=BulkOut)
def bulk_update(request: HttpRequest, payload: BulkIn) -> dict[str, object]:
    """The same changes (and/or a macro) on up to 1,000 tickets; an outcome per ticket:
    a refused ticket (closed, a required field empty) does not stop the others."""
    _agent_only(request)
    user = user_of(request)
    with transaction.atomic(durable=True):
        macro = macro_get_for(user, payload.macro_id) if payload.macro_id else None
        result = tickets_bulk_update(user, payload.ids, payload.changes, macro=macro)
    return _bulk_out(result)


@router.post("/tickets/bulk/undo", response=BulkOut)
def bulk_undo_last(request: HttpRequest) -> dict[str, object]:
    """Undo your last bulk action (within a day): fields, tags and custom fields go back;
    replies a macro sent stay sent."""
    _agent_only(request)
    user = user_of(request)
    with transaction.atomic(durable=True):
        last = last_bulk_of(user)
        if last is None:
            raise ValidationError({"bulk": "There is no bulk action of yours to undo."})
        result = bulk_undo(user, last)
    return _bulk_out(result)
