from datetime import datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from charterdesk.tickets.schemas import PersonRef

from . import services

ActivityName = Literal["investigation", "reply", "call", "consulting", "training"]


class TimeEntryIn(Schema):
    minutes: int = Field(ge=1, le=services.MAX_MINUTES)
    activity: ActivityName
    billable: bool | None = Field(
        None, description="Default: false on a request the plan includes, true otherwise."
    )
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


class TimeList(Schema):  # read from a TicketTime
    items: list[TimeEntryOut] = Field(validation_alias="entries")
    total_minutes: int = Field(validation_alias="totals.minutes")
    billable_minutes: int = Field(validation_alias="totals.billable_minutes")
    bank_minutes: int = Field(validation_alias="totals.bank_minutes")
    overage_minutes: int = Field(validation_alias="totals.overage_minutes")


class BankOut(Schema):  # read from a Bank
    contract_id: int = Field(validation_alias="contract.pk")
    organization: str = Field(validation_alias="contract.organization.name")
    plan: str = Field(validation_alias="contract.plan.name")
    overage_policy: str = Field(validation_alias="contract.plan.overage_policy")
    included_hours: Decimal = Field(validation_alias="included")
    purchased_hours: Decimal = Field(validation_alias="purchased")
    used_hours: Decimal = Field(validation_alias="used")
    remaining_hours: Decimal = Field(validation_alias="remaining")
    overage_hours: Decimal = Field(validation_alias="overage")
    percent_used: int


class PurchaseIn(Schema):
    hours: Decimal = Field(gt=0, lt=10**6, max_digits=8, decimal_places=2)
    note: str = Field("", max_length=300)


class PurchaseOut(Schema):
    id: int
    contract_id: int
    hours: Decimal
    note: str
    recorded_by: PersonRef
    created_at: datetime
    purchased_hours: Decimal = Field(
        validation_alias="contract.hours_purchased",
        description="The contract's purchased hours after it.",
    )
