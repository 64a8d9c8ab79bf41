"""Consulting estimates: agents quote billable work, the customer's contacts decide."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.responses import Status

from charterdesk.accounts.auth import user_of
from charterdesk.core.validators import Id
from charterdesk.tickets.selectors import ticket_get_for, tickets_visible_to

from . import services
from .models import Estimate
from .schemas import DecisionIn, EstimateIn, EstimateOut
from .selectors import estimate_lock_for, estimates_of

router = Router(tags=["estimates"])


@router.get("/tickets/{ticket_id}/estimates", response=list[EstimateOut])
def list_estimates(request: HttpRequest, ticket_id: Id) -> QuerySet[Estimate]:
    return estimates_of(ticket_get_for(user_of(request), ticket_id))


@router.post("/tickets/{ticket_id}/estimates", response={201: EstimateOut})
def send_estimate(request: HttpRequest, ticket_id: Id, payload: EstimateIn) -> Status[Estimate]:
    """Quote billable work; an estimate still awaiting a decision is replaced."""
    user = user_of(request)
    with transaction.atomic(durable=True):
        ticket = (
            tickets_visible_to(user)
            .select_for_update(of=("self",))
            .select_related("requester", "contract__plan")
            .get(pk=ticket_id)
        )
        estimate = services.estimate_send(ticket, user, **payload.dict())
    return Status(201, estimate)


def _decide(request: HttpRequest, estimate_id: Id, choice: str, note: str) -> Estimate:
    user = user_of(request)
    with transaction.atomic(durable=True):
        estimate = estimate_lock_for(user, estimate_id)
        contact = getattr(user, "contact", None)
        if user.is_agent or contact is None:
            raise PermissionDenied("Only contacts of the customer decide on an estimate.")
        services.estimate_decide(estimate, contact, choice, note)
    return estimate


@router.post("/estimates/{estimate_id}/approve", response=EstimateOut)
def approve(request: HttpRequest, estimate_id: Id, payload: DecisionIn) -> Estimate:
    return _decide(request, estimate_id, services.APPROVE, payload.note)


@router.post("/estimates/{estimate_id}/decline", response=EstimateOut)
def decline(request: HttpRequest, estimate_id: Id, payload: DecisionIn) -> Estimate:
    """Decline: the request closes with the alternatives offered."""
    return _decide(request, estimate_id, services.DECLINE, payload.note)


@router.post("/estimates/{estimate_id}/withdraw", response=EstimateOut)
def withdraw(request: HttpRequest, estimate_id: Id, payload: DecisionIn) -> Estimate:
    user = user_of(request)
    with transaction.atomic(durable=True):
        estimate = estimate_lock_for(user, estimate_id)
        services.estimate_withdraw(estimate, user, payload.note)
    return estimate
