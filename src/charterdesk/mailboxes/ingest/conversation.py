"""Mail that a person wrote: a reply on its ticket, or a new request."""

from django.conf import settings

from charterdesk.core.vocabulary import Channel
from charterdesk.escalations.by_mail import escalation_from_mail
from charterdesk.intake.services import intake_prepare, intake_record_with_message
from charterdesk.mail.models import Direction, InboundMail, MailKind, MailReference, Outcome
from charterdesk.mail.outbox import mail_queue
from charterdesk.mailparse import ParsedMail, clean_subject
from charterdesk.routing.models import Queue
from charterdesk.tickets.models import EventKind, Ticket, Visibility
from charterdesk.tickets.services import message_add, ticket_update
from charterdesk.tickets.services.history import record
from charterdesk.tickets.services.saving import saved_once

from ..feeds import feed_of
from .result import Result
from .senders import Sender
from .store import storable
from .threading import Thread

MAX_BODY_CHARS = 200_000


PUBLIC_MARK = "#public"


def message_from_mail(ticket: Ticket, sender: Sender, mail: ParsedMail) -> Result:
    """A reply on its ticket: from the customer side it reopens a waiting ticket. An
    agent's answer to an internal notification is an internal note, unless its first line
    is `#public`: then it is a public reply, mailed on to the requester."""
    author = sender.agent or (sender.contact.user if sender.contact else None)
    body, visibility = _body(mail), str(Visibility.PUBLIC)
    if sender.agent is not None:
        body, visibility = _agent_body(body)
    with saved_once(ticket):  # the ticket row: only the columns the reply changed
        message = message_add(
            ticket,
            author,
            body,
            visibility,
            channel=Channel.EMAIL,
            contact=None if sender.agent else sender.contact,
        )
    _remember(mail, ticket)
    if sender.contact is not None and not sender.agent:
        escalation_from_mail(ticket, sender.contact, message.body)  # "Escalate: <reason>"
    return Result(Outcome.MESSAGE_ADDED, ticket, f"reply on ticket #{ticket.pk}", message)


def ticket_from_mail(
    sender: Sender, mail: ParsedMail, thread: Thread, inbound: InboundMail
) -> Result:
    contact = sender.contact
    assert contact is not None  # noqa: S101 - agents never open tickets by mail
    ticket, message = intake_record_with_message(
        intake_prepare(
            requester=contact,
            subject=storable(clean_subject(mail.subject) or "(no subject)", 250),
            body=_body(mail),
            channel=Channel.EMAIL,
            actor=contact.user,
            feed=feed_of(inbound.source),
        )
    )
    reason = "new request"
    if sender.unknown:
        reason = "new request from an unknown sender, in triage"
        triage = Queue.objects.filter(name=settings.MAIL_TRIAGE_QUEUE).first()
        if triage is not None and triage != ticket.queue:
            ticket_update(ticket, None, queue=triage)
    notes = [n for n in (thread.refused, _closed_note(thread)) if n]
    for note in notes:
        record(ticket, None, EventKind.MAIL, note=note, internal=True)
        reason = f"{reason}; {note}"
    received = _references(mail)  # the ticket's only Message-ID so far
    mail_queue(
        to=contact.email,
        template="mail/mail/acknowledgement",
        context={"contact": contact},
        ticket=ticket,
        automatic=True,
        kind=MailKind.ACKNOWLEDGEMENT,
        thread=received,
        remember=received,  # in one INSERT with the acknowledgement's own
    )
    return Result(Outcome.TICKET_CREATED, ticket, reason[:500], message)


def reject_unknown(mail: ParsedMail) -> Result:
    """The "reject" policy: a polite answer (automatic, so rate limited), the mail kept."""
    mail_queue(
        to=mail.from_address,
        template="mail/mail/unknown_sender",
        context={"subject": mail.subject},
        automatic=True,
        kind=MailKind.ACKNOWLEDGEMENT,
    )
    return Result(Outcome.IGNORED, None, "unknown sender: answered with the policy's reply")


def _agent_body(body: str) -> tuple[str, str]:
    first, _, rest = body.partition("\n")
    if first.strip().lower() == PUBLIC_MARK:
        return rest.strip() or body, Visibility.PUBLIC
    return body, Visibility.INTERNAL


def _closed_note(thread: Thread) -> str:
    if thread.ticket is not None and thread.ticket.status == "closed":
        return f"follow-up to closed ticket #{thread.ticket.pk}"
    return ""


def _body(mail: ParsedMail) -> str:
    body = storable((mail.visible_text or mail.text).strip(), MAX_BODY_CHARS + 1)
    if not body:
        body = "(no text; see the attachments)" if mail.attachments else "(empty message)"
    if len(body) > MAX_BODY_CHARS:
        body = body[:MAX_BODY_CHARS] + "\n\n[… shortened; the full message is kept]"
    return body


def _remember(mail: ParsedMail, ticket: Ticket) -> None:
    for message_id in _references(mail):
        MailReference.objects.create(message_id=message_id, ticket=ticket, direction=Direction.IN)


def _references(mail: ParsedMail) -> list[str]:
    return [mail.message_id[:500]] if mail.message_id else []
