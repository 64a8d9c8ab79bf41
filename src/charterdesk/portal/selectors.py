"""Reads for the portal that are not the tickets app's: the files on a customer's tickets."""

from collections import defaultdict

from django.db.models import Q, QuerySet

from charterdesk.accounts.models import User
from charterdesk.mail.models import Attachment
from charterdesk.tickets.models import Message, Ticket, Visibility
from charterdesk.tickets.selectors import tickets_visible_to


def attachments_visible_to(user: User) -> QuerySet[Attachment]:
    """Kept files on public messages of tickets the user may see: attached in the portal
    or arrived by mail. Internal notes' files and files too large to keep are left out."""
    tickets = tickets_visible_to(user)
    portal = Q(message__ticket__in=tickets, message__visibility=Visibility.PUBLIC)
    mailed = Q(
        inbound__ticket_message__ticket__in=tickets,
        inbound__ticket_message__visibility=Visibility.PUBLIC,
    )
    return Attachment.objects.filter(portal | mailed, blob__isnull=False)


def attachment_get_for(user: User, attachment_id: int) -> Attachment:
    """One file the user may download; Attachment.DoesNotExist otherwise."""
    return attachments_visible_to(user).select_related("blob").get(pk=attachment_id)


def attachments_by_message(user: User, ticket: Ticket) -> dict[int, list[Attachment]]:
    """The ticket's files for the user, by message id, in one query."""
    rows = (
        attachments_visible_to(user)
        .filter(Q(message__ticket=ticket) | Q(inbound__ticket_message__ticket=ticket))
        .select_related("inbound")
        .order_by("id")
    )
    found: dict[int, list[Attachment]] = defaultdict(list)
    for item in rows:
        message_id = item.message_id or (item.inbound.ticket_message_id if item.inbound else None)
        if message_id is not None:
            found[message_id].append(item)
    return dict(found)


def with_attachments(messages: QuerySet[Message], files: dict[int, list[Attachment]]) -> list:
    """The messages, each with `files` set for the template."""
    listed = list(messages)
    for message in listed:
        message.files = files.get(message.pk, [])  # type: ignore[attr-defined]
    return listed
