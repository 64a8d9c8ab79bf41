from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from charterdesk.accounts.models import STAFF_ROLES, User
from charterdesk.core.vocabulary import Priority, RequestType
from charterdesk.plans.coverage import CoverageDecision, decide_coverage

from ..hooks import TicketChange, ticket_changed
from ..models import EventKind, Status, Ticket, TypeSource
from .causes import cause_missing
from .fields import missing_to_solve
from .history import record
from .saving import ticket_save
from .validation import check_choice

FIELDS = ("request_type", "priority", "status", "assignee", "queue")


# Queues are how the desk organizes itself (tiers, engineering, triage): not for customers.
INTERNAL_FIELDS = frozenset({"queue"})


def ticket_update(
    ticket: Ticket, actor: User | None, at: datetime | None = None, **changes: object
) -> list[str]:
    """Change properties of a ticket as an agent (or as CharterDesk itself, actor None,
    for automatic actions); every change goes to the history.

    Reclassifying decides coverage again; type and priority changes recompute the SLA
    deadlines from each clock's start; status changes pause, resume or stop clocks.
    Returns the changed fields.
    """
    if actor is not None and not actor.is_agent:
        raise PermissionDenied("Only agents change a ticket's properties.")
    if ticket.status == Status.CLOSED:
        raise ValidationError({"status": "A closed ticket is final; open a follow-up instead."})
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown ticket fields: {', '.join(sorted(unknown))}")
    _check(changes)
    if changes.get("status") == Status.SOLVED and ticket.status != Status.SOLVED:
        _check_solvable(ticket)
    _check_assignee_active(ticket, changes.get("assignee"))
    changed: dict[str, object] = {}
    for field, new in changes.items():
        old = getattr(ticket, field)
        if new != old:
            setattr(ticket, field, new)
            internal = field in INTERNAL_FIELDS
            record(
                ticket,
                actor,
                EventKind.CHANGED,
                field=field,
                old=old,
                new=new,
                at=at,
                internal=internal,
            )
            changed[field] = old
    if changed:
        follow_up(ticket, actor, changed, at or timezone.now())
        ticket_save(ticket)
    return list(changed)


def _check(changes: dict[str, object]) -> None:
    if "request_type" in changes:
        check_choice("type", str(changes["request_type"]), RequestType)
    if "priority" in changes:
        check_choice("priority", str(changes["priority"]), Priority)
    if "status" in changes and changes["status"] not in Status.values:
        raise ValidationError({"status": f"Use one of: {', '.join(Status.values)}."})
    assignee = changes.get("assignee")
    if assignee is not None and (
        not isinstance(assignee, User) or assignee.role not in STAFF_ROLES
    ):
        raise ValidationError({"assignee": "Only an agent can be assigned."})


def _check_solvable(ticket: Ticket) -> None:
    if cause_missing(ticket):
        raise ValidationError({"status": "Record the root cause before solving this ticket."})
    missing = missing_to_solve(ticket)
    if missing:
        names = ", ".join(field.label for field in missing)
        raise ValidationError({"status": f"Fill in {names} before solving this ticket."})


def _check_assignee_active(ticket: Ticket, assignee: object) -> None:
    """A deactivated agent keeps the tickets' history, never a new assignment."""
    if isinstance(assignee, User) and not assignee.is_active and assignee.pk != ticket.assignee_id:
        raise ValidationError({"assignee": f"{assignee} is deactivated: assign an active agent."})


def follow_up(
    ticket: Ticket, actor: User | None, changed: dict[str, object], now: datetime
) -> None:
    """What a change implies: coverage again, clocks again, solved time, queue order."""
    if "request_type" in changed:
        ticket.type_source = TypeSource.AGENT
        coverage = decide_coverage(
            ticket.organization, ticket.requester, ticket.request_type, now.date()
        )
        old = ticket.coverage
        for field, value in coverage_fields(coverage).items():
            setattr(ticket, field, value)
        record(
            ticket,
            actor,
            EventKind.COVERAGE,
            old=old,
            new=coverage.decision,
            note=coverage.reason,
            at=now,
        )
    if "status" in changed:
        ticket.solved_at = now if ticket.status == Status.SOLVED else None
    ticket_changed.announce(TicketChange(ticket, actor, now, changed))
    ticket.updated_at = now


def coverage_fields(coverage: CoverageDecision) -> dict[str, object]:
    """The ticket's fields that record a coverage decision."""
    return {
        "contract": coverage.contract,
        "coverage": coverage.decision,
        "coverage_reason": coverage.reason[:500],
        "coverage_alternative": coverage.alternative,
        "plan_version": coverage.contract.plan.version if coverage.contract else None,
    }
