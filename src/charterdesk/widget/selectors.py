"""Reads of the help widget, each scoped: a widget session reads its own contact's
requests and public replies only (the tickets' own selectors decide what a customer may
see; the widget narrows that to the contact's own requests)."""

from datetime import datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.mail.models import Attachment
from charterdesk.tickets import selectors as tickets
from charterdesk.tickets.models import Message, Ticket, Visibility

from . import crypto
from .models import PendingRequest, WidgetKey, WidgetSession
from .services import SESSION_PREFIX
from .visitors import PASS_PREFIX

RECENT = 10
VISITOR_FOLLOWS_FOR = timedelta(days=90)  # a visitor's pass reads a request this long


def live_key(kid: str) -> WidgetKey | None:
    """The key a page names (data-key), unless it is unknown or revoked."""
    if not kid or len(kid) > 40:
        return None
    return WidgetKey.objects.filter(kid=kid, revoked_at__isnull=True).first()


def keys_for_settings() -> QuerySet[WidgetKey]:
    return WidgetKey.objects.select_related("created_by").order_by("-created_at", "-id")


def session_of(bearer: str, now: datetime | None = None) -> WidgetSession | None:
    """The live session a bearer token stands for (one indexed lookup by its hash), with
    its contact, user and key; None when unknown, expired or its key revoked."""
    if not bearer.startswith(SESSION_PREFIX) or len(bearer) > 100:
        return None
    return (
        WidgetSession.objects.select_related("contact__organization", "contact__user", "key")
        .filter(
            token_hash=crypto.token_hash(bearer),
            expires_at__gt=now or timezone.now(),
            key__revoked_at__isnull=True,
        )
        .first()
    )


def recent_requests(user: User) -> QuerySet[Ticket]:
    """The contact's own recent requests (not the whole organization's), newest first."""
    return tickets.tickets_visible_to(user).filter(requester__user=user).order_by("-id")[:RECENT]


def request_for(user: User, ticket_id: int) -> Ticket:
    """One of the contact's own requests; Ticket.DoesNotExist otherwise."""
    return tickets.tickets_visible_to(user).filter(requester__user=user).get(pk=ticket_id)


def public_thread(ticket: Ticket, reader: User | None) -> list[Message]:
    """The request's messages a customer may read (never an internal note), oldest first,
    each with `files`: the files kept with it (attached in the portal or the widget, or
    arrived by mail). `reader` None is a confirmed visitor, whose pass the caller checked."""
    listed = list(_thread_messages(ticket, reader).order_by("created_at", "id"))
    by_id = {message.pk: message for message in listed}
    for message in listed:
        message.files = []  # type: ignore[attr-defined]
    rows = Attachment.objects.filter(
        Q(message_id__in=by_id) | Q(inbound__ticket_message_id__in=by_id), blob__isnull=False
    ).select_related("inbound")
    for row in rows.order_by("id"):
        owner = row.message_id or (row.inbound.ticket_message_id if row.inbound else None)
        if owner in by_id:
            by_id[owner].files.append(row)  # type: ignore[attr-defined]
    return listed


def _thread_messages(ticket: Ticket, reader: User | None) -> QuerySet[Message]:
    """The messages of the request's public thread (never an internal note)."""
    if reader is None:
        messages = ticket.messages.select_related("author", "author_contact")
        return messages.filter(visibility=Visibility.PUBLIC)
    return tickets.messages_visible_to(reader, ticket)


def thread_file(ticket: Ticket, reader: User | None, attachment_id: int) -> Attachment:
    """One kept file of a message in the request's public thread, with its bytes;
    Attachment.DoesNotExist for an internal note's file, another request's, or one whose
    bytes were not kept. The caller found `ticket` through the reader's selector (a
    contact's own request, or the one a visitor's pass follows: `reader` None)."""
    shown = _thread_messages(ticket, reader).filter(visibility=Visibility.PUBLIC).values("pk")
    return (
        Attachment.objects.filter(
            Q(message_id__in=shown) | Q(inbound__ticket_message_id__in=shown), blob__isnull=False
        )
        .select_related("blob")
        .get(pk=attachment_id)
    )


def _visitor_rows(key: WidgetKey, visitor_pass: str) -> QuerySet[PendingRequest]:
    if not visitor_pass.startswith(PASS_PREFIX) or len(visitor_pass) > 100:
        return PendingRequest.objects.none()
    return PendingRequest.objects.filter(key=key, visitor_hash=crypto.token_hash(visitor_pass))


def visitor_requests(
    key: WidgetKey, visitor_pass: str, now: datetime | None = None
) -> list[PendingRequest]:
    """What the visitor's pass follows, newest first: requests waiting for their mailed
    confirmation and confirmed ones (with their ticket) within VISITOR_FOLLOWS_FOR."""
    now = now or timezone.now()
    waiting = Q(ticket__isnull=True, expires_at__gt=now)
    confirmed = Q(ticket__isnull=False, confirmed_at__gt=now - VISITOR_FOLLOWS_FOR)
    rows = _visitor_rows(key, visitor_pass).filter(waiting | confirmed)
    return list(rows.select_related("ticket").order_by("-id")[:RECENT])


def visitor_ticket(
    key: WidgetKey, visitor_pass: str, ticket_id: int, now: datetime | None = None
) -> Ticket:
    """The confirmed request the pass follows, while its requester is an active contact;
    Ticket.DoesNotExist otherwise (another request, another key, an unconfirmed one)."""
    since = (now or timezone.now()) - VISITOR_FOLLOWS_FOR
    pending = (
        _visitor_rows(key, visitor_pass)
        .filter(
            ticket_id=ticket_id,
            confirmed_at__gt=since,
            ticket__requester__deactivated_at__isnull=True,
        )
        .select_related("ticket__requester")
        .first()
    )
    if pending is None or pending.ticket is None:
        raise Ticket.DoesNotExist("No such request for this visitor.")
    return pending.ticket
