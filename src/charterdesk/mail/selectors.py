"""Reads for the mail pages (agents only: mail is never shown to customers raw)."""

from django.db.models import QuerySet

from charterdesk.accounts.models import User
from charterdesk.core.prepared import Prepared
from charterdesk.tickets.models import Message

from .models import Attachment, Delivery, InboundMail, OutboundMail, Outcome

PAGE_SIZE = 50
PROBLEM_DELIVERIES = (
    Delivery.FAILED,
    Delivery.BOUNCED,
    Delivery.UNCERTAIN,
    Delivery.RETRYING,
    Delivery.SUPPRESSED,
)


def inbound_get_for(user: User, mail_id: int) -> InboundMail:
    """One received message with its raw mail, for agents; DoesNotExist otherwise."""
    mails = InboundMail.objects.all() if user.is_agent else InboundMail.objects.none()
    return mails.select_related("raw", "ticket").get(pk=mail_id)


def attachment_get_for(user: User, attachment_id: int) -> Attachment:
    """One attachment of a received message, for agents; DoesNotExist otherwise."""
    items = Attachment.objects.all() if user.is_agent else Attachment.objects.none()
    return items.select_related("blob").get(pk=attachment_id)


def outbound_get_for(user: User, mail_id: int) -> OutboundMail:
    """One outgoing mail, for agents; DoesNotExist otherwise."""
    mails = OutboundMail.objects.all() if user.is_agent else OutboundMail.objects.none()
    return mails.get(pk=mail_id)


def outbound_lock_for(user: User, mail_id: int) -> OutboundMail:
    """One outgoing mail locked for a change (sent again), for agents."""
    mails = OutboundMail.objects.all() if user.is_agent else OutboundMail.objects.none()
    return mails.select_for_update(of=("self",)).select_related("ticket").get(pk=mail_id)


def inbound_page(outcome: str, before: int | None) -> tuple[list[InboundMail], int | None]:
    """Newest first, paged on id; `outcome` "" means every message."""
    mails: QuerySet[InboundMail] = InboundMail.objects.defer(None).only(
        "pk", "received_at", "from_address", "subject", "outcome", "reason", "ticket_id"
    )
    if outcome in Outcome.values:
        mails = mails.filter(outcome=outcome)
    if before is not None:
        mails = mails.filter(pk__lt=before)
    rows = list(mails.order_by("-pk")[: PAGE_SIZE + 1])
    if len(rows) > PAGE_SIZE:
        return rows[:PAGE_SIZE], rows[PAGE_SIZE - 1].pk
    return rows, None


def outbox_problems(before: int | None) -> tuple[list[OutboundMail], int | None]:
    mails = OutboundMail.objects.filter(state__in=PROBLEM_DELIVERIES).defer("text", "html")
    if before is not None:
        mails = mails.filter(pk__lt=before)
    rows = list(mails.order_by("-pk")[: PAGE_SIZE + 1])
    if len(rows) > PAGE_SIZE:
        return rows[:PAGE_SIZE], rows[PAGE_SIZE - 1].pk
    return rows, None


def inbound_of_message(message: Message) -> InboundMail | None:
    return InboundMail.objects.filter(ticket_message=message).first()


_ticket_mail = Prepared(
    lambda ticket_id: (
        OutboundMail.objects.filter(ticket_id=ticket_id)
        .defer("text", "html", "headers")
        .order_by("-pk")[:10]
    ),
    int,
)


def ticket_mail(ticket_id: int) -> list[OutboundMail]:
    """The mail sent on a ticket, newest first (for the ticket page; compiled once)."""
    return _ticket_mail(ticket_id)
