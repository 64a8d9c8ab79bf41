from datetime import datetime, timedelta

from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.commitments.models import Commitment
from charterdesk.commitments.services import commitment_create
from charterdesk.tickets.models import Ticket


def promise(
    ticket: Ticket,
    agent: User,
    text: str = "Call back with the fix",
    due_in: timedelta = timedelta(hours=4),
    owner: User | None = None,
    at: datetime | None = None,
) -> Commitment:
    now = at or timezone.now()
    return commitment_create(
        ticket, agent, text=text, due_at=now + due_in, owner=owner or agent, at=now
    )
