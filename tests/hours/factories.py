from decimal import Decimal

from charterdesk.accounts.models import User
from charterdesk.hours.models import TimeEntry
from charterdesk.hours.services import time_entry_create
from charterdesk.plans.models import Contract, OveragePolicy
from charterdesk.tickets.models import Ticket
from tests.tickets.factories import open_ticket


def metered_ticket(**fields: object) -> Ticket:
    """A how-to request from carol: metered under Initech's Bronze plan (10 hours)."""
    return open_ticket("carol@initech.example", request_type="how_to", **fields)


def log(ticket: Ticket, agent: User, minutes: int = 30, **fields: object) -> TimeEntry:
    values: dict[str, object] = {"activity": "investigation", "billable": True, **fields}
    return time_entry_create(ticket, agent, minutes=minutes, **values)  # type: ignore[arg-type]


def bank_set(
    contract: Contract,
    included: str = "10",
    purchased: str = "0",
    policy: OveragePolicy = OveragePolicy.SERVE_AND_BILL,
) -> Contract:
    Contract.objects.filter(pk=contract.pk).update(
        hours_included=Decimal(included), hours_purchased=Decimal(purchased)
    )
    contract.plan.overage_policy = policy
    contract.plan.save(update_fields=["overage_policy"])
    contract.refresh_from_db()
    return contract
