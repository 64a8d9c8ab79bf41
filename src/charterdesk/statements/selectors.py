"""Reads for usage statements, scoped to what the user may see."""

from django.db.models import QuerySet

from charterdesk.accounts.models import User
from charterdesk.plans import selectors as plans
from charterdesk.plans.models import Contract

from .calendar_months import Month
from .models import StatementMailing
from .usage import Statement, usage_statement

__all__ = [
    "Statement",
    "contract_get_for",
    "contracts_visible_to",
    "statement_mailing_of",
    "usage_statement",
]


def contracts_visible_to(user: User) -> QuerySet[Contract]:
    """Agents and managers see every contract; a customer's contacts see their
    organization's (the same people who see the organization's tickets)."""
    if not user.is_active:
        return Contract.objects.none()
    return (
        plans.contracts_visible_to(user)
        .select_related("plan__calendar")
        .prefetch_related(None)  # the authorized contacts are not needed here
    )


def contract_get_for(user: User, contract_id: int) -> Contract:
    """One contract the user may see; Contract.DoesNotExist otherwise (never saying why)."""
    return contracts_visible_to(user).get(pk=contract_id)


def statement_mailing_of(contract: Contract, month: Month) -> StatementMailing | None:
    """For agents on the desk: the month's statement mailing with its outbox rows (their
    state, and the reason a held one was not sent), or None when it was not mailed."""
    return (
        StatementMailing.objects.filter(contract=contract, month=month.first_day)
        .prefetch_related("mails")
        .first()
    )
