"""What other apps hear about a new ticket, without intake importing them.

`ticket_created` is announced inside the caller's transaction, once the ticket, its first
message and its opening history are written (portal, mail, API, demo alike). A handler
that does slow work (triage) hands it to a background task enqueued with the transaction
(core.enqueue: one INSERT into the task queue), so taking a request in never waits for it
and the task is committed with the ticket. Inside `created_in_batch` (many mails in one
transaction) such a handler defers its work once for the batch instead."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from charterdesk.core.hooks import Hook
from charterdesk.tickets.models import Message, Ticket


@dataclass(frozen=True)
class TicketCreated:
    ticket: Ticket
    message: Message  # the first message: the request's text


ticket_created: Hook[TicketCreated] = Hook("ticket_created")


class CreatedInBatch:
    """New tickets of a batch (many mails in one transaction), for receivers that would
    enqueue background work per ticket (triage): they `defer` the ticket instead, and the
    batch hands each receiver its tickets once, at its end, inside its transaction (so
    the work is enqueued atomically with the tickets: durable)."""

    def __init__(self) -> None:
        self.deferred: dict[Callable[[list[int]], None], list[int]] = {}

    def defer(self, ticket_id: int, enqueue: Callable[[list[int]], None]) -> None:
        self.deferred.setdefault(enqueue, []).append(ticket_id)

    def flush(self) -> None:
        """Each receiver's tickets that still exist (a message whose savepoint rolled back
        took its ticket with it): one read for the batch."""
        ids = {pk for pks in self.deferred.values() for pk in pks}
        if not ids:
            return
        kept = set(Ticket.objects.filter(pk__in=ids).order_by().values_list("pk", flat=True))
        for enqueue, pks in self.deferred.items():
            listed = list(dict.fromkeys(pk for pk in pks if pk in kept))  # a reused id once
            if listed:
                enqueue(listed)
        self.deferred = {}


_created: ContextVar[CreatedInBatch | None] = ContextVar("tickets_created_in_batch", default=None)


@contextmanager
def created_in_batch() -> Iterator[CreatedInBatch]:
    """Use inside the batch's transaction; a block that raises hands nothing over."""
    batch = CreatedInBatch()
    token = _created.set(batch)
    try:
        yield batch
    finally:
        _created.reset(token)
    batch.flush()


def batch_of_created() -> CreatedInBatch | None:
    """The batch a new ticket is part of, if any (receivers: defer to it)."""
    return _created.get()
