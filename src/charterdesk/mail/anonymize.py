"""What the mail app forgets when a ticket is anonymized (tickets.hooks.ticket_anonymizing):
the raw messages received for it, every file of its messages, and the addresses and texts
of the mail sent about it. Rows stay (the outbox and the received list keep their dates and
states); mail about it that was not sent yet is not sent."""

import hashlib

from django.db.models import Q

from charterdesk.tickets.hooks import TicketAnonymization

from .models import Attachment, Blob, Delivery, InboundMail, OutboundMail

REMOVED = "removed when the ticket was anonymized"
UNSENT = (Delivery.QUEUED, Delivery.RETRYING, Delivery.SENDING, Delivery.UNCERTAIN)


def forget_ticket_mail(event: TicketAnonymization) -> None:
    ticket = event.ticket
    inbound = InboundMail.objects.filter(Q(ticket=ticket) | Q(ticket_message__ticket=ticket))
    files = Attachment.objects.filter(Q(inbound__in=inbound) | Q(message__ticket=ticket))
    blob_ids = set(inbound.values_list("raw_id", flat=True))
    blob_ids |= set(files.exclude(blob=None).values_list("blob_id", flat=True))
    files.update(blob=None, filename="file", content_id="", note=REMOVED)
    inbound.update(raw=_empty_blob(), from_address="", subject="")
    OutboundMail.objects.filter(ticket=ticket, state__in=UNSENT).update(
        state=Delivery.SUPPRESSED, last_error=f"Not sent: {REMOVED}."
    )
    OutboundMail.objects.filter(ticket=ticket).update(
        recipient="", to=[], subject="", text="", html="", headers={}
    )
    # A blob is shared by every message or file with the same bytes: drop only the unused.
    Blob.objects.filter(pk__in=blob_ids).exclude(
        Q(inbound__isnull=False) | Q(pk__in=Attachment.objects.exclude(blob=None).values("blob_id"))
    ).delete()


def _empty_blob() -> Blob:
    blob, _ = Blob.objects.get_or_create(
        sha256=hashlib.sha256(b"").hexdigest(), defaults={"size": 0, "data": b""}
    )
    return blob
