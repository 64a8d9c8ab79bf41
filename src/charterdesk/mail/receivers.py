"""Mail hears about ticket changes (registered in `MailConfig.ready`)."""

from charterdesk.tickets.hooks import TicketChange
from charterdesk.tickets.services.followers import followers_listed, unfollow_token

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


def reply_to_followers(change: TicketChange) -> None:
    """Every public reply goes to the ticket's followers (CC), one mail each with its own
    unfollow link, except to the reply's author."""
    message = change.reply
    if message is None:
        return
    for follower in followers_listed(message.ticket):
        if (follower.user_id and follower.user_id == message.author_id) or (
            follower.contact_id and follower.contact_id == message.author_contact_id
        ):
            continue
        mail_queue(
            to=follower.email,
            template="tickets/mail/follower_reply",
            context={"message": message, "unfollow": unfollow_token(follower)},
            ticket=message.ticket,
            automatic=False,
            kind=MailKind.REPLY,
        )
