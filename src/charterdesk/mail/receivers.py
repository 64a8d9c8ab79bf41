"""Mail hears about ticket changes (registered in `MailConfig.ready`)."""

from charterdesk.tickets.hooks import TicketChange

from .models import MailKind
from .outbox import mail_queue


def reply_to_requester(change: TicketChange) -> None:
    """An agent's public reply goes to the requester by mail, threaded (never a note)."""
    message = change.reply
    if message is None or not message.from_staff:
        return
    mail_queue(
        to=message.ticket.requester.email,
        template="tickets/mail/reply",
        context={"message": message},
        ticket=message.ticket,
        automatic=False,
        kind=MailKind.REPLY,
    )
