"""What the SLA app hears from lower apps (registered in `SlaConfig.ready`): every ticket
change, and a contract whose terms changed."""

from django.db import transaction

from charterdesk.plans.models import Contract, PlanVersion
from charterdesk.tickets.hooks import TicketChange
from charterdesk.tickets.models import Ticket

from . import deadlines
from .services import sla_public_reply, sla_recompute, sla_status_changed
from .tasks import follow_plan_version, recompute_contract_clocks

RECLASSIFYING = ("request_type", "priority")


def clocks_follow_ticket(change: TicketChange) -> None:
    """Status changes pause, resume or stop clocks; a public reply fulfils or starts them;
    reclassifying recomputes the deadlines from each clock's start. Then the ticket's
    promised first reply and queue order follow its nearest deadline."""
    ticket, at, changed = change.ticket, change.at, change.changed
    if "status" in changed:
        sla_status_changed(ticket, str(changed["status"]), at)
    if change.reply is not None:
        clocks_changed = sla_public_reply(ticket, change.reply.from_staff, at)
        if changed or clocks_changed or not _first_reply_owed(ticket):
            deadlines.refresh(ticket, at)
        return
    reclassified = [field for field in RECLASSIFYING if field in changed]
    if reclassified:
        sla_recompute(ticket, at, f"{', '.join(reclassified)} changed")
    deadlines.refresh(ticket, at if ticket.first_replied_at else ticket.created_at)


def _first_reply_owed(ticket: Ticket) -> bool:
    """The first-reply deadline still runs: the ticket's attention time is its nearest
    deadline, which a reply that changed no clock leaves where it was (without a running
    deadline, the attention time counts from this reply, so it is recomputed)."""
    return ticket.first_replied_at is None and ticket.first_reply_due_at is not None


def recompute_when_terms_change(contract: Contract) -> None:
    """A contract's plan or dates changed: recompute its open tickets' clocks after the
    change commits."""
    transaction.on_commit(lambda: recompute_contract_clocks.enqueue(contract.pk))


def clocks_follow_plan_version(version: PlanVersion) -> None:
    """A plan version took effect: its open tickets keep or recompute their clocks after
    the change commits."""
    transaction.on_commit(lambda: follow_plan_version.enqueue(version.pk))
