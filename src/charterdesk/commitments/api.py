from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router
from ninja.responses import Status

from charterdesk.accounts.auth import user_of
from charterdesk.accounts.models import User
from charterdesk.accounts.selectors import agent_by_email
from charterdesk.core.pagination import page_of
from charterdesk.core.validators import Id
from charterdesk.tickets.selectors import ticket_get_for, tickets_visible_to

from . import services
from .models import Commitment
from .schemas import (
    CommitmentFilters,
    CommitmentIn,
    CommitmentOut,
    CommitmentPage,
    CommitmentPatch,
)
from .selectors import commitment_lock_for, commitments_for_staff, commitments_of

router = Router(tags=["commitments"])


def _agent(email: str | None, default: User) -> User | None:
    if not email:
        return default
    return agent_by_email(email)


@router.get("/tickets/{ticket_id}/commitments", response=list[CommitmentOut])
def list_commitments(request: HttpRequest, ticket_id: Id) -> QuerySet[Commitment]:
    return commitments_of(ticket_get_for(user_of(request), ticket_id))


@router.post("/tickets/{ticket_id}/commitments", response={201: CommitmentOut})
def create_commitment(
    request: HttpRequest, ticket_id: Id, payload: CommitmentIn
) -> Status[Commitment]:
    user = user_of(request)
    with transaction.atomic(durable=True):
        ticket = tickets_visible_to(user).select_for_update().get(pk=ticket_id)
        commitment = services.commitment_create(
            ticket,
            user,
            text=payload.text,
            due_at=payload.due_at,
            owner=_agent(payload.owner_email, user),
        )
    return Status(201, commitment)


@router.patch("/tickets/{ticket_id}/commitments/{commitment_id}", response=CommitmentOut)
def update_commitment(
    request: HttpRequest, ticket_id: Id, commitment_id: Id, payload: CommitmentPatch
) -> Commitment:
    user = user_of(request)
    if payload.state is None and payload.due_at is None:
        raise ValidationError({"state": "Give a new state or a new due time."})
    with transaction.atomic(durable=True):
        commitment = commitment_lock_for(user, commitment_id, ticket_id=ticket_id)
        if payload.due_at is not None:
            services.commitment_reschedule(commitment, user, payload.due_at, payload.note)
        if payload.state is not None:
            services.commitment_settle(commitment, user, payload.state, payload.note)
    return commitment


@router.get("/commitments", response=CommitmentPage)
def all_commitments(request: HttpRequest, filters: Query[CommitmentFilters]) -> dict[str, Any]:
    """Every promise across tickets, newest first (agents only)."""
    rows = commitments_for_staff(
        user_of(request), timezone.now(), overdue=filters.overdue, owner_email=filters.owner_email
    )
    items, next_url = page_of(request, rows, filters.cursor, filters.limit, state=filters.state)
    return {"items": items, "next": next_url}
