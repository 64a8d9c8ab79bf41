"""Consulting estimates: agents quote billable work, the customer's contacts decide."""

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from charterdesk.accounts.auth import user_of
from charterdesk.hours.selectors import hours_of
from charterdesk.tickets.schemas import PersonRef
from charterdesk.tickets.selectors import ticket_get_for, tickets_visible_to

from . import services
from .models import Estimate
from .selectors import estimate_get_for, estimates_of

router = Router(tags=["estimates"])


class EstimateIn(Schema):
    hours: Decimal = Field(gt=0, max_digits=7, decimal_places=2)
    rate: Decimal | None = Field(
        None, ge=0, max_digits=8, decimal_places=2, description="Default: the plan's rate."
    )
    scope: str = Field(min_length=1, max_length=services.MAX_SCOPE)


class DecisionIn(Schema):
    note: str = Field("", max_length=500)


class EstimateOut(Schema):
    id: int
    ticket_id: int
    hours: Decimal
    rate: Decimal
    total: Decimal
    scope: str
    state: Literal["sent", "approved", "declined", "withdrawn"]
    author: PersonRef
    decided_by: str | None = Field(description="Email of the contact who decided.")
    decided_at: datetime | None
    decision_note: str
    tracked_hours: Decimal = Field(description="Time logged against it, in hours.")
    created_at: datetime


def estimate_out(e: Estimate) -> dict[str, Any]:
    tracked = getattr(e, "tracked_minutes", None)
    if tracked is None:
        tracked = sum(e.time_entries.values_list("minutes", flat=True))
    return {
        "id": e.pk,
        "ticket_id": e.ticket_id,
        "hours": e.hours,
        "rate": e.rate,
        "total": e.total,
        "scope": e.scope,
        "state": e.state,
        "author": {"email": e.author.email, "name": e.author.name},
        "decided_by": e.decided_by.email if e.decided_by else None,
        "decided_at": e.decided_at,
        "decision_note": e.decision_note,
        "tracked_hours": hours_of(tracked),
        "created_at": e.created_at,
    }


@router.get("/tickets/{ticket_id}/estimates", response=list[EstimateOut])
def list_estimates(request: HttpRequest, ticket_id: int) -> list[dict[str, Any]]:
    ticket = ticket_get_for(user_of(request), ticket_id)
    return [estimate_out(e) for e in estimates_of(ticket)]


@router.post("/tickets/{ticket_id}/estimates", response={201: EstimateOut})
def send_estimate(
    request: HttpRequest, ticket_id: int, payload: EstimateIn
) -> Status[dict[str, Any]]:
    """Quote billable work; an estimate still awaiting a decision is replaced."""
    user = user_of(request)
    with transaction.atomic():
        ticket = (
            tickets_visible_to(user)
            .select_for_update(of=("self",))
            .select_related("requester", "contract__plan")
            .get(pk=ticket_id)
        )
        estimate = services.estimate_send(ticket, user, **payload.dict())
    return Status(201, estimate_out(estimate))


def _decide(request: HttpRequest, estimate_id: int, choice: str, note: str) -> dict[str, Any]:
    user = user_of(request)
    with transaction.atomic():
        estimate = estimate_get_for(user, estimate_id)
        Estimate.objects.select_for_update().filter(pk=estimate.pk).first()
        estimate.refresh_from_db(fields=["state"])
        contact = getattr(user, "contact", None)
        if user.is_agent or contact is None:
            raise PermissionDenied("Only contacts of the customer decide on an estimate.")
        services.estimate_decide(estimate, contact, choice, note)
    return estimate_out(estimate)


@router.post("/estimates/{estimate_id}/approve", response=EstimateOut)
def approve(request: HttpRequest, estimate_id: int, payload: DecisionIn) -> dict[str, Any]:
    return _decide(request, estimate_id, services.APPROVE, payload.note)


@router.post("/estimates/{estimate_id}/decline", response=EstimateOut)
def decline(request: HttpRequest, estimate_id: int, payload: DecisionIn) -> dict[str, Any]:
    """Decline: the request closes with the alternatives offered."""
    return _decide(request, estimate_id, services.DECLINE, payload.note)


@router.post("/estimates/{estimate_id}/withdraw", response=EstimateOut)
def withdraw(request: HttpRequest, estimate_id: int, payload: DecisionIn) -> dict[str, Any]:
    user = user_of(request)
    with transaction.atomic():
        estimate = estimate_get_for(user, estimate_id)
        Estimate.objects.select_for_update().filter(pk=estimate.pk).first()
        estimate.refresh_from_db(fields=["state"])
        services.estimate_withdraw(estimate, user, payload.note)
    return estimate_out(estimate)
