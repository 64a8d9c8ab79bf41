"""Removing a ticket's personal data for good, instead of deleting the ticket.

Tickets, messages and history are never deleted (see models.refuse_deleting_ticket_records);
when a person's data must go (a request to be forgotten, a retention period), an
administrator or an operator anonymizes the ticket: the texts, files and addresses are
blanked, the ticket row with its number, status, times, clocks, time entries and history
stays, and the history says who did it, when and why."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm
from charterdesk.core.validators import invalid_text_reason

from ..hooks import TicketAnonymization, ticket_anonymizing
from ..models import (
    CustomField,
    CustomFieldValue,
    EventKind,
    FieldKind,
    Message,
    Status,
    Ticket,
    TicketEvent,
)
from .history import record

ANONYMIZED_SUBJECT = "Anonymized ticket"
REMOVED_TEXT = "(removed when the ticket was anonymized)"
# History lines whose values may name a person or quote their words.
PERSONAL_HISTORY_FIELDS = ("subject", "requester", "body")
# History lines whose notes are CharterDesk's own words (coverage, routing, assignment,
# collaborators); every other note may quote someone (a promise, an estimate's scope, a
# time note, an escalation's reason, a mail address) and is blanked. A change made by
# CharterDesk itself (actor None) keeps its note too: "closed automatically …".
WORDLESS_KINDS = (
    EventKind.CREATED,
    EventKind.COVERAGE,
    EventKind.ROUTED,
    EventKind.ASSIGNED,
    EventKind.COLLABORATOR,
)


def ticket_anonymize(ticket: Ticket, actor: User, *, reason: str) -> None:
    """Blank the subject, every message's text, and (through `ticket_anonymizing`) the
    mail, files and survey comments of a solved or closed ticket; close it (a solved one)
    so that no reply or reopening brings text back; then add an internal history line
    with `reason`. Callers: the desk's ticket page, `charterdesk anonymize`.
    The caller holds the ticket's lock and owns the transaction."""
    if not actor.has_perm(Perm.ANONYMIZE_TICKETS):
        raise PermissionDenied("Only administrators and operators anonymize tickets.")
    errors: dict[str, str] = {}
    if not reason.strip():
        errors["reason"] = "Say why the data is removed (it stays in the history)."
    elif problem := invalid_text_reason(reason):
        errors["reason"] = problem
    if ticket.anonymized_at is not None:
        errors["reason"] = "This ticket is already anonymized."
    elif ticket.is_open:
        errors["reason"] = "Solve or close the ticket first: an open ticket is still worked on."
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    Message.objects.filter(ticket=ticket).update(body=REMOVED_TEXT)
    history = TicketEvent.objects.filter(ticket=ticket)
    # Free-text custom fields may hold anything a person wrote: their values go too.
    texts = list(CustomField.objects.filter(kind=FieldKind.TEXT).values_list("key", flat=True))
    CustomFieldValue.objects.filter(ticket=ticket, field__kind=FieldKind.TEXT).delete()
    history.filter(field__in=[*PERSONAL_HISTORY_FIELDS, *texts]).update(old_value="", new_value="")
    history.exclude(kind__in=WORDLESS_KINDS).exclude(
        kind=EventKind.CHANGED, actor__isnull=True
    ).update(note="")
    ticket_anonymizing.announce(TicketAnonymization(ticket=ticket, actor=actor, at=now))
    if ticket.status != Status.CLOSED:  # final: no reply or reopening brings text back
        record(
            ticket,
            actor,
            EventKind.CHANGED,
            field="status",
            old=ticket.status,
            new=Status.CLOSED,
            note="closed when it was anonymized",
            at=now,
        )
        ticket.status = Status.CLOSED
    ticket.subject, ticket.anonymized_at, ticket.updated_at = ANONYMIZED_SUBJECT, now, now
    ticket.save(update_fields=["subject", "anonymized_at", "updated_at", "status"])
    record(ticket, actor, EventKind.ANONYMIZED, note=reason.strip(), internal=True, at=now)
