from dataclasses import dataclass

from charterdesk.tickets.models import Message, Ticket


@dataclass(frozen=True)
class Result:
    outcome: str
    ticket: Ticket | None
    reason: str
    message: Message | None = None
