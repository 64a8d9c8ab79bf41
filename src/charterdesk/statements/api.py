from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from charterdesk.accounts.auth import user_of

from .calendar_months import Month, current_month
from .export import as_data
from .selectors import contract_get_for, usage_statement

router = Router(tags=["statements"])


class RequesterOut(Schema):
    contact_id: int
    name: str
    email: str
    tickets: int
    hours: float


class SlaOut(Schema):
    achieved: int
    breached: int
    active: int
    percent: float | None = Field(description="Achieved of achieved + breached, in %.")


class PromisesOut(Schema):
    due: int
    kept: int
    broken: int
    cancelled: int
    open: int
    overdue: int


class SatisfactionOut(Schema):
    answers: int
    average: float | None
    csat_percent: float | None = Field(description="Answers rated 4 or 5, in %.")
    distribution: dict[str, int] = Field(description="Answers per rating 1 to 5.")


class StatementOut(Schema):
    contract_id: int
    organization: str
    plan: str
    month: str
    time_zone: str
    period_start: datetime
    period_end: datetime
    hours_included: float
    hours_purchased: float
    hours_used: float = Field(description="Hours drawn on the bank in the month.")
    hours_used_before: float = Field(description="Drawn on the bank before the month.")
    hours_remaining: float = Field(description="Left in the bank at the month's end; < 0 past it.")
    hours_overage: float
    tickets: int
    tickets_open: int
    tickets_by_type: dict[str, int]
    tickets_by_priority: dict[str, int]
    tickets_by_coverage: dict[str, int]
    by_requester: list[RequesterOut]
    time_total: float
    time_billable: float
    time_by_activity: dict[str, float]
    time_by_tier: dict[str, float]
    sla_attainment: dict[str, SlaOut]
    promises: PromisesOut
    satisfaction: SatisfactionOut


class MonthQuery(Schema):
    month: str | None = Field(None, description="YYYY-MM; default: the current month.")


@router.get("/contracts/{contract_id}/usage", response=StatementOut)
def contract_usage(
    request: HttpRequest, contract_id: int, query: Query[MonthQuery]
) -> dict[str, Any]:
    """The usage statement of a contract for one calendar month in the contract's time zone.
    Agents see every contract; customers their organization's."""
    contract = contract_get_for(user_of(request), contract_id)
    if query.month is None:
        month = current_month(contract, timezone.now())
    else:
        try:
            month = Month.parse(query.month)
        except ValueError as exc:
            raise ValidationError({"month": str(exc)}) from exc
    return as_data(usage_statement(contract, month))
