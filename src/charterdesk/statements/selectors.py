"""Reads for usage statements, scoped to what the user may see."""

from django.db.models import QuerySet

from charterdesk.accounts.models import User
from charterdesk.plans.models import Contract

from .usage import Statement, usage_statement

__all__ = ["Statement", "contract_get_for", "contracts_visible_to", "usage_statement"]


def contracts_visible_to(user: User) -> QuerySet[Contract]:
    """Agents and managers see every contract; a customer's contacts see their
    organization's contracts (the same people see the organization's tickets)."""
    contracts = Contract.objects.select_related("plan__calendar", "organization")
    if user.is_agent:
        return contracts
    contact = getattr(user, "contact", None)
    if contact is None or contact.organization_id is None or not user.is_active:
        return contracts.none()
    return contracts.filter(organization_id=contact.organization_id)


def contract_get_for(user: User, contract_id: int) -> Contract:
    """One contract the user may see; Contract.DoesNotExist otherwise (never saying why)."""
    return contracts_visible_to(user).get(pk=contract_id)
