"""Mail that is not a person writing: delivery status notifications and automatic
replies. They are recorded (on the ticket, the outbox row, the contact) and never open a
ticket or get an answer."""

from django.utils import timezone

from charterdesk.mail.models import Delivery, MailReference, OutboundMail, Outcome
from charterdesk.mail.sending import mark_bouncing
from charterdesk.mailparse import ParsedMail
from charterdesk.tickets.models import EventKind, Ticket
from charterdesk.tickets.services.history import record

from .result import Result


def bounce_record(mail: ParsedMail) -> Result:
    """A delivery report counts only when it names the Message-ID of a mail we sent, and
    only for that mail's recipients: anyone can write a "delivery failed" report, and a
    forged one must not stop the mail to a customer."""
    bounce = mail.bounce
    assert bounce is not None  # noqa: S101 - the caller checked
    sent = None
    if bounce.original_message_id:
        sent = OutboundMail.objects.filter(message_id=bounce.original_message_id).first()
    if sent is None:
        named = ", ".join(bounce.recipients) or "no recipient"
        reason = f"delivery report about mail this desk did not send ({named}): not counted"
        return Result(Outcome.IGNORED, None, reason[:500])
    ours = {address.lower() for address in sent.to}
    recipients = [a for a in bounce.recipients if a.lower() in ours]
    if bounce.recipients and not recipients:
        reason = f"delivery report naming other recipients than mail {sent.pk}: not counted"
        return Result(Outcome.IGNORED, sent.ticket, reason)
    recipients = recipients or [sent.recipient]
    what = f"{', '.join(recipients)}: {bounce.status} {bounce.diagnostic}"
    if bounce.permanent:
        mark_bouncing(recipients, what, timezone.now())
        OutboundMail.objects.filter(pk=sent.pk).update(
            state=Delivery.BOUNCED, last_error=what[:500]
        )
    ticket = sent.ticket
    if ticket is not None:
        kind = "bounced" if bounce.permanent else "delayed"
        record(ticket, None, EventKind.MAIL, new=kind, note=f"Mail {kind}: {what}", internal=True)
    return Result(Outcome.IGNORED, ticket, f"delivery status notification ({what})"[:500])


def auto_reply_record(mail: ParsedMail) -> Result:
    ticket = _ticket_of(mail)
    note = f"Automatic reply from {mail.from_address} ({mail.auto_reason}): {mail.subject}"
    if ticket is not None:
        record(ticket, None, EventKind.MAIL, new="auto-reply", note=note, internal=True)
    return Result(Outcome.IGNORED, ticket, f"automatic mail, not answered ({mail.auto_reason})")


def _ticket_of(mail: ParsedMail) -> Ticket | None:
    ids = [*mail.in_reply_to, *mail.references]
    if not ids:
        return None
    ref = MailReference.objects.filter(message_id__in=ids).select_related("ticket").first()
    return ref.ticket if ref is not None else None
