from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from charterdesk.accounts.auth import user_of
from charterdesk.accounts.models import User
from charterdesk.accounts.selectors import agent_by_email
from charterdesk.core.pagination import page_of
from charterdesk.tickets.schemas import PersonRef
from charterdesk.tickets.selectors import ticket_get_for, tickets_visible_to

from . import services
from .models import Commitment, CommitmentState
from .selectors import commitments_of

router = Router(tags=["commitments"])

StateName = Literal["open", "kept", "broken", "cancelled"]


class CommitmentIn(Schema):
    text: str = Field(min_length=1, max_length=300)
    due_at: datetime
    owner_email: str | None = Field(None, description="The agent who keeps it; default: you.")


class CommitmentPatch(Schema):
    state: Literal["kept", "broken", "cancelled"] | None = None
    due_at: datetime | None = Field(None, description="Move an open promise.")
    note: str = Field("", max_length=500, description="Why (shown to the customer).")


class CommitmentOut(Schema):
    id: int
    ticket_id: int
    text: str
    owner: PersonRef
    due_at: datetime
    state: StateName
    overdue: bool
    note: str
    created_at: datetime
    kept_at: datetime | None
    settled_at: datetime | None


class CommitmentPage(Schema):
    items: list[CommitmentOut]
    next: str | None


def commitment_out(c: Commitment) -> dict[str, Any]:
    return {
        "id": c.pk,
        "ticket_id": c.ticket_id,
        "text": c.text,
        "owner": {"email": c.owner.email, "name": c.owner.name},
        "due_at": c.due_at,
        "state": c.state,
        "overdue": c.is_overdue(),
        "note": c.note,
        "created_at": c.created_at,
        "kept_at": c.kept_at,
        "settled_at": c.settled_at,
    }


def _agent(email: str | None, default: User) -> User | None:
    if not email:
        return default
    return agent_by_email(email)


@router.get("/tickets/{ticket_id}/commitments", response=list[CommitmentOut])
def list_commitments(request: HttpRequest, ticket_id: int) -> list[dict[str, Any]]:
    ticket = ticket_get_for(user_of(request), ticket_id)
    return [commitment_out(c) for c in commitments_of(ticket)]


@router.post("/tickets/{ticket_id}/commitments", response={201: CommitmentOut})
def create_commitment(
    request: HttpRequest, ticket_id: int, payload: CommitmentIn
) -> Status[dict[str, Any]]:
    user = user_of(request)
    with transaction.atomic():
        ticket = tickets_visible_to(user).select_for_update().get(pk=ticket_id)
        commitment = services.commitment_create(
            ticket,
            user,
            text=payload.text,
            due_at=payload.due_at,
            owner=_agent(payload.owner_email, user),
        )
    return Status(201, commitment_out(commitment))


@router.patch("/tickets/{ticket_id}/commitments/{commitment_id}", response=CommitmentOut)
def update_commitment(
    request: HttpRequest, ticket_id: int, commitment_id: int, payload: CommitmentPatch
) -> dict[str, Any]:
    user = user_of(request)
    if payload.state is None and payload.due_at is None:
        raise ValidationError({"state": "Give a new state or a new due time."})
    with transaction.atomic():
        ticket = tickets_visible_to(user).get(pk=ticket_id)
        commitment = (
            Commitment.objects.select_for_update()
            .select_related("owner", "ticket__requester")
            .get(pk=commitment_id, ticket=ticket)
        )
        if payload.due_at is not None:
            services.commitment_reschedule(commitment, user, payload.due_at, payload.note)
        if payload.state is not None:
            services.commitment_settle(commitment, user, payload.state, payload.note)
    return commitment_out(commitment)


class CommitmentFilters(Schema):
    state: StateName | None = None
    overdue: bool = False
    owner_email: str | None = None
    cursor: str | None = None
    limit: int = 25


@router.get("/commitments", response=CommitmentPage)
def all_commitments(request: HttpRequest, filters: Query[CommitmentFilters]) -> dict[str, Any]:
    """Every promise across tickets, newest first (agents only)."""
    user = user_of(request)
    if not user.is_agent:
        raise PermissionDenied("The list of all promises is for support staff.")
    rows = Commitment.objects.select_related("owner")
    if filters.overdue:
        rows = rows.filter(state=CommitmentState.OPEN, due_at__lte=timezone.now())
    if filters.owner_email:
        rows = rows.filter(owner__email=filters.owner_email.lower())
    items, next_url = page_of(request, rows, filters.cursor, filters.limit, state=filters.state)
    return {"items": [commitment_out(c) for c in items], "next": next_url}
