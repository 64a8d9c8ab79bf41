from datetime import datetime, timedelta

from django.utils import timezone

from charterdesk.satisfaction.models import Survey
from charterdesk.satisfaction.sweep import send_due_surveys
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.services import ticket_update
from tests.tickets.factories import open_ticket


def solved_ticket(
    email: str = "alice@acme.example", agent=None, hours_ago: float = 25, **fields: object
) -> Ticket:
    """A ticket an agent solved `hours_ago` hours ago (assigned to `agent`)."""
    from charterdesk.accounts.models import User

    agent = agent or User.objects.get(email="tier1@charterdesk.example")
    ticket = open_ticket(email, **fields)
    at = timezone.now() - timedelta(hours=hours_ago)
    ticket_update(ticket, agent, at=at, assignee=agent, status="solved")
    return ticket


def surveyed(ticket: Ticket, at: datetime | None = None) -> Survey:
    """The ticket's survey, sent by the scheduler's job."""
    send_due_surveys(at or timezone.now())
    return Survey.objects.select_related("ticket").get(ticket=ticket)
