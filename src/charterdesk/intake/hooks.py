"""What other apps hear about a new ticket, without intake importing them.

`ticket_created` is announced inside the caller's transaction, once the ticket, its first
message and its opening history are written (portal, mail, API, demo alike). A handler
that does slow work (triage) hands it to a background task enqueued with the transaction
(core.enqueue: one INSERT into the task queue), so taking a request in never waits for it
and the task is committed with the ticket."""

from dataclasses import dataclass

from charterdesk.core.hooks import Hook
from charterdesk.tickets.models import Message, Ticket


@dataclass(frozen=True)
class TicketCreated:
    ticket: Ticket
    message: Message  # the first message: the request's text


ticket_created: Hook[TicketCreated] = Hook("ticket_created")
