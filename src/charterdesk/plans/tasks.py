from django.db import transaction
from django.utils import timezone
from django_tasks import task

from charterdesk.sla import deadlines
from charterdesk.sla.services import sla_recompute
from charterdesk.tickets.models import OPEN_STATUSES, Ticket


@task()
def recompute_contract_clocks(contract_id: int) -> int:
    """A contract's plan or terms changed: recompute the running SLA deadlines of its open
    tickets from each clock's start, one ticket per transaction."""
    ids = list(
        Ticket.objects.filter(contract_id=contract_id, status__in=OPEN_STATUSES).values_list(
            "pk", flat=True
        )
    )
    for pk in ids:
        with transaction.atomic():
            ticket = (
                Ticket.objects.select_for_update(of=("self",))
                .select_related("contract__plan__calendar")
                .get(pk=pk)
            )
            now = timezone.now()
            sla_recompute(ticket, now, "plan changed")
            deadlines.refresh(ticket, ticket.first_replied_at or ticket.created_at)
            ticket.save(update_fields=["first_reply_due_at", "attention_at"])
    return len(ids)
