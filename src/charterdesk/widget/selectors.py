"""Reads of the help widget, each scoped: a widget session reads its own contact's
requests and public replies only (the tickets' own selectors decide what a customer may
see; the widget narrows that to the contact's own requests)."""

from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.tickets import selectors as tickets
from charterdesk.tickets.models import Message, Ticket

from . import crypto
from .models import WidgetKey, WidgetSession
from .services import SESSION_PREFIX

RECENT = 10


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


def public_replies(user: User, ticket: Ticket) -> QuerySet[Message]:
    """The request's messages a customer may read (never an internal note), oldest first."""
    return tickets.messages_visible_to(user, ticket).order_by("created_at", "id")
