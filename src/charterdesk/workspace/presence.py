"""Collision: who else is on a ticket's page, who is writing a reply, and who replied
since an agent opened the page. Agents only: the portal never calls any of this."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q

from charterdesk.accounts.models import User
from charterdesk.tickets.models import Message, Ticket

from .models import TicketPresence

EXPIRES_AFTER = timedelta(seconds=30)
HEARTBEAT_SECONDS = 5


def presence_touch(*, ticket: Ticket, agent: User, typing: bool, now: datetime) -> None:
    """The agent is on the ticket's page (writing or not) as of `now`: one upsert, and
    presences expired anywhere are cleared so the table stays the size of who is on."""
    TicketPresence.objects.bulk_create(
        [TicketPresence(ticket=ticket, user=agent, typing=typing, seen_at=now)],
        update_conflicts=True,
        unique_fields=["ticket", "user"],
        update_fields=["typing", "seen_at"],
    )
    TicketPresence.objects.filter(seen_at__lt=now - EXPIRES_AFTER).delete()


def presence_leave(*, ticket: Ticket, agent: User) -> None:
    """The agent left the page (closed the tab or went elsewhere)."""
    TicketPresence.objects.filter(ticket=ticket, user=agent).delete()


@dataclass(frozen=True)
class Collision:
    viewing: list[User]
    writing: list[User]
    replies: list[Message]  # sent by other agents since the page was opened, newest first


def collision_for(
    *, ticket: Ticket, agent: User, opened_at: datetime | None, now: datetime
) -> Collision:
    """Other agents on the ticket now, and other agents' messages since `opened_at`
    (two queries)."""
    present = (
        TicketPresence.objects.filter(ticket=ticket, seen_at__gte=now - EXPIRES_AFTER)
        .exclude(user=agent)
        .select_related("user")
        .order_by("user__name", "user__email")
    )
    viewing = [p.user for p in present if not p.typing]
    writing = [p.user for p in present if p.typing]
    replies: list[Message] = []
    if opened_at is not None:
        replies = list(
            Message.objects.filter(ticket=ticket, created_at__gt=opened_at, from_staff=True)
            .exclude(Q(author=agent) | Q(author__isnull=True))
            .select_related("author")
            .order_by("-created_at", "-id")[:5]
        )
    return Collision(viewing, writing, replies)
