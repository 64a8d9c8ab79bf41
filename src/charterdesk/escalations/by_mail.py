"""A customer asks to escalate by mail: a reply on the ticket whose first line starts with
"Escalate" (e.g. "Escalate: nobody called back"). The reason is the rest of that line,
or else the rest of the mail. Refused requests (monthly limit, one already waiting) are
answered by mail and noted for agents. Called by mail ingest; callers own the
transaction."""

import re

from django.core.exceptions import ValidationError

from charterdesk.customers.models import Contact
from charterdesk.mail.outbox import mail_queue
from charterdesk.tickets.models import EventKind, Ticket
from charterdesk.tickets.services.history import record

from .models import EscalationRequest
from .requests import escalation_request_create

KEYWORD = re.compile(r"^\s*escalate\b[\s:,.!-]*(?P<reason>.*)$", re.IGNORECASE)


def reason_in(body: str) -> str | None:
    """The reason when the mail asks to escalate, else None."""
    lines = [line for line in body.splitlines() if line.strip()]
    found = KEYWORD.match(lines[0]) if lines else None
    if found is None:
        return None
    reason = found.group("reason").strip() or "\n".join(lines[1:]).strip()
    return reason[:1000] or "Asked by mail, without a reason."


def escalation_from_mail(ticket: Ticket, contact: Contact, body: str) -> EscalationRequest | None:
    reason = reason_in(body)
    if reason is None:
        return None
    try:
        return escalation_request_create(ticket, contact.user, reason=reason, contact=contact)
    except ValidationError as exc:  # checked before anything is written
        why = " ".join(exc.messages)
        record(
            ticket,
            None,
            EventKind.MAIL,
            note=f"{contact} asked to escalate by mail; not recorded: {why}",
            internal=True,
        )
        mail_queue(
            to=[contact.email],
            template="escalations/mail/request_refused",
            context={"contact": contact, "why": why},
            ticket=ticket,
        )
        return None
