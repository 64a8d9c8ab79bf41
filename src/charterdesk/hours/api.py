"""Time entries and hours banks: what work on tickets costs a contract."""

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from charterdesk.accounts.auth import user_of
from charterdesk.accounts.models import User
from charterdesk.plans.selectors import contracts_visible_to
from charterdesk.tickets.schemas import PersonRef
from charterdesk.tickets.selectors import tickets_visible_to

from . import services
from .models import Purchase, TimeEntry
from .selectors import Bank, bank_get_for, time_entries_of, time_totals_of

router = Router(tags=["hours"])

ActivityName = Literal["investigation", "reply", "call", "consulting", "training"]


class TimeEntryIn(Schema):
    minutes: int = Field(ge=1, le=services.MAX_MINUTES)
    activity: ActivityName
    billable: bool = True
    note: str = Field("", max_length=300, description="Seen by agents only.")
    worked_at: datetime | None = Field(None, description="When the work was done; default now.")


class TimeEntryPatch(Schema):
    minutes: int | None = Field(None, ge=1, le=services.MAX_MINUTES)
    activity: ActivityName | None = None
    billable: bool | None = None
    note: str | None = Field(None, max_length=300)


class TimeEntryOut(Schema):
    id: int
    ticket_id: int
    agent: PersonRef
    minutes: int
    activity: ActivityName
    billable: bool
    draws_on_bank: bool
    overage_minutes: int
    estimate_id: int | None
    tier: int | None
    note: str
    worked_at: datetime
    created_at: datetime


class TimeList(Schema):
    items: list[TimeEntryOut]
    total_minutes: int
    billable_minutes: int
    bank_minutes: int
    overage_minutes: int


class BankOut(Schema):
    contract_id: int
    organization: str
    plan: str
    overage_policy: str
    included_hours: Decimal
    purchased_hours: Decimal
    used_hours: Decimal
    remaining_hours: Decimal
    overage_hours: Decimal
    percent_used: int


class PurchaseIn(Schema):
    hours: Decimal = Field(gt=0, max_digits=8, decimal_places=2)
    note: str = Field("", max_length=300)


class PurchaseOut(Schema):
    id: int
    contract_id: int
    hours: Decimal
    note: str
    recorded_by: PersonRef
    created_at: datetime
    purchased_hours: Decimal = Field(description="The contract's purchased hours after it.")


def entry_out(e: TimeEntry) -> dict[str, Any]:
    return {
        **{f: getattr(e, f) for f in TimeEntryOut.model_fields if f != "agent"},
        "agent": {"email": e.agent.email, "name": e.agent.name},
    }


def bank_out(bank: Bank) -> dict[str, Any]:
    contract = bank.contract
    return {
        "contract_id": contract.pk,
        "organization": contract.organization.name,
        "plan": contract.plan.name,
        "overage_policy": contract.plan.overage_policy,
        "included_hours": bank.included,
        "purchased_hours": bank.purchased,
        "used_hours": bank.used,
        "remaining_hours": bank.remaining,
        "overage_hours": bank.overage,
        "percent_used": bank.percent_used,
    }


def _agent(user: User) -> User:
    if not user.is_agent:
        raise PermissionDenied("Time entries are for support staff; see your hours bank.")
    return user


@router.get("/tickets/{ticket_id}/time-entries", response=TimeList)
def list_time(request: HttpRequest, ticket_id: int) -> dict[str, Any]:
    """A ticket's time entries and totals (agents only)."""
    user = _agent(user_of(request))
    ticket = tickets_visible_to(user).get(pk=ticket_id)
    totals = time_totals_of(ticket)
    return {
        "items": [entry_out(e) for e in time_entries_of(ticket)],
        "total_minutes": totals.minutes,
        "billable_minutes": totals.billable_minutes,
        "bank_minutes": totals.bank_minutes,
        "overage_minutes": totals.overage_minutes,
    }


@router.post("/tickets/{ticket_id}/time-entries", response={201: TimeEntryOut})
def log_time(request: HttpRequest, ticket_id: int, payload: TimeEntryIn) -> Status[dict[str, Any]]:
    user = user_of(request)
    if not user.is_agent:
        tickets_visible_to(user).get(pk=ticket_id)  # 404 for what they may not see
        _agent(user)
    with transaction.atomic():
        ticket = tickets_visible_to(user).select_for_update().get(pk=ticket_id)
        entry = services.time_entry_create(ticket, user, **payload.dict())
    return Status(201, entry_out(entry))


def _entry(user: User, entry_id: int) -> TimeEntry:
    _agent(user)
    return (
        TimeEntry.objects.select_for_update(of=("self",))
        .select_related("ticket", "agent", "contract")
        .get(pk=entry_id)
    )


@router.patch("/time-entries/{entry_id}", response=TimeEntryOut)
def correct_time(request: HttpRequest, entry_id: int, payload: TimeEntryPatch) -> dict[str, Any]:
    """Correct your own entry (managers: anyone's); recorded in the ticket's history."""
    user = user_of(request)
    with transaction.atomic():
        entry = _entry(user, entry_id)
        services.time_entry_update(entry, user, **payload.dict(exclude_unset=True))
    return entry_out(entry)


@router.delete("/time-entries/{entry_id}", response={204: None})
def delete_time(request: HttpRequest, entry_id: int) -> Status[None]:
    user = user_of(request)
    with transaction.atomic():
        services.time_entry_delete(_entry(user, entry_id), user)
    return Status(204, None)


@router.get("/contracts/{contract_id}/hours", response=BankOut)
def contract_bank(request: HttpRequest, contract_id: int) -> dict[str, Any]:
    """The contract's hours bank: included, purchased, used, remaining (customers: theirs)."""
    return bank_out(bank_get_for(user_of(request), contract_id))


@router.post("/contracts/{contract_id}/purchases", response={201: PurchaseOut})
def record_purchase(
    request: HttpRequest, contract_id: int, payload: PurchaseIn
) -> Status[dict[str, Any]]:
    """Record hours the customer bought (support managers)."""
    user = user_of(request)
    with transaction.atomic():
        contract = contracts_visible_to(user).select_for_update(of=("self",)).get(pk=contract_id)
        purchase: Purchase = services.purchase_create(
            contract, user, hours=payload.hours, note=payload.note
        )
    return Status(
        201,
        {
            "id": purchase.pk,
            "contract_id": contract.pk,
            "hours": purchase.hours,
            "note": purchase.note,
            "recorded_by": {"email": user.email, "name": user.name},
            "created_at": purchase.created_at,
            "purchased_hours": contract.hours_purchased,
        },
    )
