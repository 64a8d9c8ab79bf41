"""Writes on commitments. Callers own the transaction; mail leaves on commit.

Every change is a public line in the ticket's history (kind `commitment`): the customer
sees what was promised, when it moved and whether it was kept."""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from charterdesk.accounts.guards import check_agent
from charterdesk.accounts.models import STAFF_ROLES, User
from charterdesk.core.moments import OUT_OF_RANGE, is_reasonable
from charterdesk.customers.models import OptionalMail
from charterdesk.mail.outbox import mail_queue
from charterdesk.tickets.guards import check_not_closed
from charterdesk.tickets.models import EventKind, Ticket
from charterdesk.tickets.services.history import record

from .models import Commitment, CommitmentState

SETTLED = (CommitmentState.KEPT, CommitmentState.BROKEN, CommitmentState.CANCELLED)
ONLY_AGENTS = "Only agents record and change commitments."


def when_text(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%a %d %b %Y, %H:%M %Z")


def _check(text: str, due_at: datetime, owner: User | None, now: datetime) -> None:
    errors: dict[str, str] = {}
    if not text.strip():
        errors["text"] = "Say what is promised."
    elif len(text) > 300:
        errors["text"] = "Keep the promise under 300 characters."
    if timezone.is_naive(due_at):
        errors["due_at"] = "Give the due time with its time zone."
    elif not is_reasonable(due_at):
        errors["due_at"] = OUT_OF_RANGE
    elif due_at <= now:
        errors["due_at"] = "The due time must be in the future."
    if owner is None or owner.role not in STAFF_ROLES or not owner.is_active:
        errors["owner_email"] = "The owner of a promise is an active agent."
    if errors:
        raise ValidationError(errors)


def commitment_create(
    ticket: Ticket,
    actor: User,
    *,
    text: str,
    due_at: datetime,
    owner: User | None,
    at: datetime | None = None,
) -> Commitment:
    """Record a promise on a ticket; the requester is told by mail (unless they turned
    promise notices off in their profile)."""
    check_agent(actor, ONLY_AGENTS)
    now = at or timezone.now()
    check_not_closed(ticket, "text")
    _check(text, due_at, owner, now)
    assert owner is not None  # noqa: S101 - checked above
    commitment = Commitment.objects.create(
        ticket=ticket,
        text=text.strip(),
        owner=owner,
        due_at=due_at,
        created_by=actor,
        created_at=now,
    )
    record(
        ticket,
        actor,
        EventKind.COMMITMENT,
        field="commitment",
        new=CommitmentState.OPEN,
        note=f"Promised: {commitment.text} (due {when_text(due_at)}, owner {owner})",
        at=now,
    )
    _tell_requester(commitment, "commitments/mail/promised")
    if owner != actor:
        mail_queue(
            to=[owner.email],
            template="commitments/mail/owner_assigned",
            context={"commitment": commitment, "by": actor},
            ticket=ticket,
        )
    return commitment


def commitment_reschedule(
    commitment: Commitment,
    actor: User,
    due_at: datetime,
    note: str = "",
    at: datetime | None = None,
) -> Commitment:
    """Move an open promise to a new due time; the requester is told, reminders rearm."""
    check_agent(actor, ONLY_AGENTS)
    now = at or timezone.now()
    _check_open(commitment)
    _check(commitment.text, due_at, commitment.owner, now)
    old = commitment.due_at
    commitment.due_at = due_at
    commitment.reminded_at = commitment.overdue_notified_at = None
    commitment.save(update_fields=["due_at", "reminded_at", "overdue_notified_at"])
    record(
        commitment.ticket,
        actor,
        EventKind.COMMITMENT,
        field="due_at",
        old=when_text(old),
        new=when_text(due_at),
        note=_note(f"Moved: {commitment.text}", note),
        at=now,
    )
    _tell_requester(commitment, "commitments/mail/moved", {"old_due_at": old, "reason": note})
    return commitment


def commitment_settle(
    commitment: Commitment,
    actor: User | None,
    state: str,
    note: str = "",
    at: datetime | None = None,
) -> Commitment:
    """Mark an open promise kept, broken or cancelled (actor None: CharterDesk itself)."""
    if actor is not None:
        check_agent(actor, ONLY_AGENTS)
    if state not in SETTLED:
        raise ValidationError({"state": f"Use one of: {', '.join(SETTLED)}."})
    _check_open(commitment)
    now = at or timezone.now()
    commitment.state = state
    commitment.settled_at = now
    commitment.kept_at = now if state == CommitmentState.KEPT else None
    commitment.note = note[:500]
    commitment.save(update_fields=["state", "settled_at", "kept_at", "note"])
    record(
        commitment.ticket,
        actor,
        EventKind.COMMITMENT,
        field="commitment",
        old=CommitmentState.OPEN,
        new=state,
        note=_note(f"{CommitmentState(state).label}: {commitment.text}", note),
        at=now,
    )
    return commitment


def _check_open(commitment: Commitment) -> None:
    if commitment.state != CommitmentState.OPEN:
        raise ValidationError(
            {"state": f"This promise is already {commitment.get_state_display().lower()}."}
        )


def _note(head: str, note: str) -> str:
    return f"{head} — {note}" if note else head


def _tell_requester(
    commitment: Commitment, template: str, extra: dict[str, object] | None = None
) -> None:
    requester = commitment.ticket.requester
    if requester.bouncing_since is not None:
        return
    mail_queue(
        to=[requester.email],
        template=template,
        context={"commitment": commitment, **(extra or {})},
        ticket=commitment.ticket,
        optional=OptionalMail.PROMISES,
    )


def remind_before() -> int:
    """Minutes before the due time at which the owner is reminded."""
    return int(getattr(settings, "COMMITMENT_REMIND_MINUTES", 60))


def grace_hours() -> int:
    """Hours after the due time at which an open promise counts as broken."""
    return int(getattr(settings, "COMMITMENT_GRACE_HOURS", 24))
