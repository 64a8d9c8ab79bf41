"""A contract's plan or dates changed: the running deadlines of its open tickets are
recomputed from each clock's start (the task in tasks.py, enqueued on commit when plans
announces `contract_terms_changed`)."""

from django.db import transaction
from django.utils import timezone

from charterdesk.tickets.models import OPEN_STATUSES, EventKind, Ticket
from charterdesk.tickets.services.history import record

from . import deadlines
from .services import sla_recompute

REPLANNED = "recomputed: the contract's plan or dates changed"


def contract_replan(contract_id: int) -> int:
    """Recompute the clocks of the contract's open tickets, one ticket per transaction;
    returns how many tickets."""
    ids = list(
        Ticket.objects.filter(contract_id=contract_id, status__in=OPEN_STATUSES).values_list(
            "pk", flat=True
        )
    )
    for pk in ids:
        with transaction.atomic(durable=True):
            ticket = (
                Ticket.objects.select_for_update(of=("self",))
                .select_related("contract__plan__calendar")
                .get(pk=pk)
            )
            now = timezone.now()
            sla_recompute(ticket, now, "plan changed")
            deadlines.refresh(ticket, ticket.first_replied_at or ticket.created_at)
            ticket.save(update_fields=["first_reply_due_at", "attention_at"])
            record(ticket, None, EventKind.CHANGED, field="deadlines", note=REPLANNED, at=now)
    return len(ids)
