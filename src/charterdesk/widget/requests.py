"""A request opened in the widget: through the same intake as the portal (coverage,
clocks, routing decided as for any request), its files kept like the portal's."""

from django.core.files.uploadedfile import UploadedFile

from charterdesk.accounts.models import User
from charterdesk.core.vocabulary import Channel
from charterdesk.intake.services import ticket_create
from charterdesk.mailboxes.uploads import attachments_add
from charterdesk.tickets.models import Ticket


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
