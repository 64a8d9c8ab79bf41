"""How triage hears of new tickets: intake's `ticket_created`, answered with a background
task once the ticket's transaction commits (so intake never waits for the model). In a
batch of new tickets (mail ingest), one task for the batch's tickets, enqueued in its
transaction."""

from django.db import transaction

from charterdesk.intake.hooks import TicketCreated, batch_of_created

from .tasks import triage_ticket, triage_tickets


def on_ticket_created(event: TicketCreated) -> None:
    ticket_id = event.ticket.pk
    batch = batch_of_created()
    if batch is not None:
        batch.defer(ticket_id, _enqueue_many)
        return
    transaction.on_commit(lambda: triage_ticket.enqueue(ticket_id))


def _enqueue_many(ticket_ids: list[int]) -> None:
    triage_tickets.enqueue(ticket_ids)
