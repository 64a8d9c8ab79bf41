from datetime import datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from charterdesk.hours.selectors import hours_of
from charterdesk.tickets.schemas import PersonRef

from . import services
from .models import Estimate


class EstimateIn(Schema):
    hours: Decimal = Field(gt=0, lt=10**5, max_digits=7, decimal_places=2)
    rate: Decimal | None = Field(
        None,
        ge=0,
        lt=10**6,
        max_digits=8,
        decimal_places=2,
        description="Default: the plan's rate.",
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
    currency: str = Field(description="ISO 4217 code of rate and total, e.g. EUR.")
    scope: str
    state: Literal["sent", "approved", "declined", "withdrawn"]
    author: PersonRef
    decided_by: str | None = Field(description="Email of the contact who decided.")
    decided_at: datetime | None
    decision_note: str
    tracked_hours: Decimal = Field(description="Time logged against it, in hours.")
    created_at: datetime

    @staticmethod
    def resolve_decided_by(estimate: Estimate) -> str | None:
        return estimate.decided_by.email if estimate.decided_by else None

    @staticmethod
    def resolve_tracked_hours(estimate: Estimate) -> Decimal:
        # Lists sum the minutes in their query (estimates_of); one estimate sums them here.
        tracked = getattr(estimate, "tracked_minutes", None)
        if tracked is None:
            tracked = sum(estimate.time_entries.values_list("minutes", flat=True))
        return hours_of(tracked)
