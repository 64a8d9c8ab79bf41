from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router

from charterdesk.accounts.auth import user_of
from charterdesk.core.validators import Id

from .calendar_months import Month, current_month
from .schemas import MonthQuery, StatementOut
from .selectors import contract_get_for, usage_statement
from .usage import Statement

router = Router(tags=["statements"])


@router.get("/contracts/{contract_id}/usage", response=StatementOut)
def contract_usage(request: HttpRequest, contract_id: Id, query: Query[MonthQuery]) -> Statement:
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
    return usage_statement(contract, month)
