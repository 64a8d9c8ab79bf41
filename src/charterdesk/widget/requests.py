"""Requests and replies from the widget: through the same services as the portal's
(intake decides coverage, clocks and routing; a reply re-opens, restarts the clocks and
mails the ticket's followers), their files kept like the portal's. The caller owns the
transaction."""

from django.core.files.uploadedfile import UploadedFile

from charterdesk.accounts.models import User
from charterdesk.core.vocabulary import Channel
from charterdesk.customers.models import Contact
from charterdesk.intake.services import ticket_create
from charterdesk.mailboxes.uploads import attachments_add
from charterdesk.tickets.models import Message, Ticket
from charterdesk.tickets.services import message_add


def widget_request_create(
    *,
    user: User,
    subject: str,
    body: str,
    request_type: str,
    priority: str,
    files: list[UploadedFile],
) -> Ticket:
    """Open a request for the widget session's contact; the caller owns the transaction.
    The channel is the portal's: the widget is the portal inside the vendor's product."""
    contact = user.contact  # type: ignore[attr-defined]
    ticket = ticket_create(
        requester=contact,
        subject=subject,
        body=body,
        request_type=request_type,
        priority=priority,
        channel=Channel.PORTAL,
        actor=user,
    )
    first = ticket.messages.order_by("id").first()
    if first is not None and files:
        attachments_add(first, files)
    return ticket


def widget_reply_add(
    *,
    ticket: Ticket,
    body: str,
    files: list[UploadedFile],
    user: User | None = None,
    contact: Contact | None = None,
) -> Message:
    """A public reply on a request the caller already scoped to the writer: a signed-in
    contact (`user`) or a confirmed visitor (`contact`, the requester, as mail from them is
    taken in). ValidationError for an empty body or a closed request."""
    message = message_add(ticket, user, body, channel=Channel.PORTAL, contact=contact)
    if files:
        attachments_add(message, files)
    return message
