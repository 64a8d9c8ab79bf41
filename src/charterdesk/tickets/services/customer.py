"""What a customer may do to their own request besides replying: mark it solved, or reopen
it within the plan's window. Agents change properties with `ticket_update`."""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from charterdesk.accounts.models import User

from ..models import OPEN_STATUSES, EventKind, Status, Ticket
from .changes import follow_up
from .history import record

DEFAULT_REOPEN_DAYS = 7  # a request without a contract (and so without a plan)


def reopen_until(ticket: Ticket) -> datetime | None:
    """Until when the customer may reopen a solved request; None when it is not solved."""
    if ticket.status != Status.SOLVED or ticket.solved_at is None:
        return None
    plan = ticket.contract.plan if ticket.contract_id else None  # type: ignore[union-attr]
    days = plan.reopen_days if plan else DEFAULT_REOPEN_DAYS
    return ticket.solved_at + timedelta(days=days)


def ticket_solve_by_customer(ticket: Ticket, actor: User, at: datetime | None = None) -> None:
    """The customer says the request is done: solved, clocks stopped, in the history.
    Called by the portal; the caller fetched the ticket through a customer selector."""
    _check_customer(ticket, actor)
    if ticket.status not in OPEN_STATUSES:
        raise ValidationError({"status": "This request is not open, so it cannot be solved."})
    _set_status(ticket, actor, Status.SOLVED, "marked solved by the customer", at)


def ticket_reopen_by_customer(ticket: Ticket, actor: User, at: datetime | None = None) -> None:
    """The customer says the problem is back: open again (clocks resume) if the plan's
    reopen window has not passed; otherwise they open a new request."""
    _check_customer(ticket, actor)
    now = at or timezone.now()
    until = reopen_until(ticket)
    if until is None:
        raise ValidationError({"status": "Only a solved request can be reopened."})
    if now > until:
        raise ValidationError(
            {"status": "The time to reopen this request has passed: please open a new one."}
        )
    _set_status(ticket, actor, Status.OPEN, "reopened by the customer", now)


def _check_customer(ticket: Ticket, actor: User) -> None:
    contact = getattr(actor, "contact", None)
    if actor.is_agent or contact is None:
        raise PermissionDenied("Only the customer solves or reopens a request here.")
    mine = (
        ticket.requester_id == contact.pk
        if contact.organization_id is None
        else ticket.organization_id == contact.organization_id
    )
    if not mine:
        raise PermissionDenied("This request belongs to another organization.")


def _set_status(
    ticket: Ticket, actor: User, status: Status, note: str, at: datetime | None
) -> None:
    now = at or timezone.now()
    old = ticket.status
    ticket.status = status
    record(ticket, actor, EventKind.CHANGED, field="status", old=old, new=status, note=note, at=now)
    follow_up(ticket, actor, {"status": old}, now)
    ticket.save()
