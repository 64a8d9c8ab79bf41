from decimal import Decimal

from charterdesk.accounts.models import User
from charterdesk.estimates.models import Estimate
from charterdesk.estimates.services import estimate_send
from charterdesk.tickets.models import Ticket
from tests.tickets.factories import open_ticket


def consulting_ticket(email: str = "alice@acme.example") -> Ticket:
    """A consulting request: billable (professional services) under every demo plan."""
    return open_ticket(email, request_type="consulting", subject="Best way to shard our tenants?")


def quote(ticket: Ticket, agent: User, hours: str = "6", **fields: object) -> Estimate:
    values: dict[str, object] = {"scope": "Review the data model and propose a sharding plan"}
    values.update(fields)
    return estimate_send(ticket, agent, hours=Decimal(hours), **values)  # type: ignore[arg-type]
