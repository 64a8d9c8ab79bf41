"""A request opened in the widget: through the same intake as the portal (coverage,
clocks, routing decided as for any request), its files kept like the portal's."""

from django.core.files.uploadedfile import UploadedFile

from charterdesk.accounts.models import User
from charterdesk.core.vocabulary import Channel
from charterdesk.intake.services import ticket_create
from charterdesk.mail.models import Attachment
from charterdesk.mailboxes.ingest.store import blob_store
from charterdesk.mailparse import safe_filename, sniff
from charterdesk.tickets.models import Message, Ticket


def _attach(message: Message, files: list[UploadedFile]) -> None:
    rows = []
    for index, upload in enumerate(files):
        data = upload.read()
        declared = upload.content_type or ""
        filename = safe_filename(upload.name or "", index, declared)
        rows.append(
            Attachment(
                message=message,
                blob=blob_store(data),
                filename=filename[:255],
                content_type=sniff(data, declared, filename)[:100],
                size=len(data),
            )
        )
    Attachment.objects.bulk_create(rows)


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
        _attach(first, files)
    return ticket
