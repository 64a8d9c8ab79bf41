"""Time entries and hours banks: what work on tickets costs a contract."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from ninja import Router
from ninja.responses import Status

from charterdesk.accounts.auth import user_of
from charterdesk.accounts.models import User
from charterdesk.core.validators import Id
from charterdesk.plans.selectors import contracts_visible_to
from charterdesk.tickets.selectors import tickets_visible_to

from . import services
from .models import Purchase, TimeEntry
from .schemas import (
    BankOut,
    PurchaseIn,
    PurchaseOut,
    TimeEntryIn,
    TimeEntryOut,
    TimeEntryPatch,
    TimeList,
)
from .selectors import Bank, TicketTime, bank_get_for, ticket_time_of

router = Router(tags=["hours"])


def _agent(user: User) -> User:
    if not user.is_agent:
        raise PermissionDenied("Time entries are for support staff; see your hours bank.")
    return user


@router.get("/tickets/{ticket_id}/time-entries", response=TimeList)
def list_time(request: HttpRequest, ticket_id: Id) -> TicketTime:
    """A ticket's time entries and totals (agents only)."""
    user = _agent(user_of(request))
    return ticket_time_of(tickets_visible_to(user).get(pk=ticket_id))


@router.post("/tickets/{ticket_id}/time-entries", response={201: TimeEntryOut})
def log_time(request: HttpRequest, ticket_id: Id, payload: TimeEntryIn) -> Status[TimeEntry]:
    user = user_of(request)
    if not user.is_agent:
        tickets_visible_to(user).get(pk=ticket_id)  # 404 for what they may not see
        _agent(user)
    with transaction.atomic(durable=True):
        ticket = tickets_visible_to(user).select_for_update().get(pk=ticket_id)
        entry = services.time_entry_create(ticket, user, **payload.dict())
    return Status(201, entry)


def _entry(user: User, entry_id: Id) -> TimeEntry:
    _agent(user)
    return (
        TimeEntry.objects.select_for_update(of=("self",))
        .select_related("ticket", "agent", "contract")
        .get(pk=entry_id)
    )


@router.patch("/time-entries/{entry_id}", response=TimeEntryOut)
def correct_time(request: HttpRequest, entry_id: Id, payload: TimeEntryPatch) -> TimeEntry:
    """Correct your own entry (managers: anyone's); recorded in the ticket's history."""
    user = user_of(request)
    with transaction.atomic(durable=True):
        entry = _entry(user, entry_id)
        services.time_entry_update(entry, user, **payload.dict(exclude_unset=True))
    return entry


@router.delete("/time-entries/{entry_id}", response={204: None})
def delete_time(request: HttpRequest, entry_id: Id) -> Status[None]:
    user = user_of(request)
    with transaction.atomic(durable=True):
        services.time_entry_delete(_entry(user, entry_id), user)
    return Status(204, None)


@router.get("/contracts/{contract_id}/hours", response=BankOut)
def contract_bank(request: HttpRequest, contract_id: Id) -> Bank:
    """The contract's hours bank: included, purchased, used, remaining (customers: theirs)."""
    return bank_get_for(user_of(request), contract_id)


@router.post("/contracts/{contract_id}/purchases", response={201: PurchaseOut})
def record_purchase(request: HttpRequest, contract_id: Id, payload: PurchaseIn) -> Status[Purchase]:
    """Record hours the customer bought (support managers)."""
    user = user_of(request)
    with transaction.atomic(durable=True):
        contract = contracts_visible_to(user).select_for_update(of=("self",)).get(pk=contract_id)
        purchase: Purchase = services.purchase_create(
            contract, user, hours=payload.hours, note=payload.note
        )
    return Status(201, purchase)
