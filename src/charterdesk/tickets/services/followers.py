"""Followers (CC) of a ticket: agents, and contacts of the ticket's organization, who get
its public replies by mail. Agents add and remove anyone allowed; a customer follows or
unfollows only themselves. Each change is a line in the ticket's history. Callers own the
transaction."""

from collections.abc import Sequence

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet, prefetch_related_objects

from charterdesk.accounts.models import User
from charterdesk.core.prepared import Prepared, with_parent
from charterdesk.customers.models import Contact

from ..models import EventKind, Ticket, TicketFollower
from .history import record

_SALT = "charterdesk.tickets.unfollow"


def follower_add(
    ticket: Ticket, actor: User, *, user: User | None = None, contact: Contact | None = None
) -> TicketFollower:
    """`user` (an agent) or `contact` (of the ticket's organization) follows `ticket`."""
    if (user is None) == (contact is None):
        raise ValueError("a follower is an agent or a contact")
    _check_may_change(actor, user, contact)
    if user is not None and not (user.is_agent and user.is_active):
        raise ValidationError({"follower": f"{user} is not an active agent."})
    if contact is not None:
        _check_contact(ticket, contact)
    existing = (
        ticket.followers.filter(user=user) if user else ticket.followers.filter(contact=contact)
    )
    if existing.exists():
        raise ValidationError({"follower": f"{(user or contact).email} already follows it."})  # type: ignore[union-attr]
    follower = TicketFollower.objects.create(ticket=ticket, user=user, contact=contact)
    email = (user or contact).email  # type: ignore[union-attr]
    record(
        ticket, actor, EventKind.CHANGED, field="followers", new=email, internal=user is not None
    )
    return follower


def follower_remove(follower: TicketFollower, actor: User | None) -> None:
    """Stop following; `actor` None: the follower's own unfollow link in a mail."""
    if actor is not None:
        _check_may_change(actor, follower.user, follower.contact)
    record(
        follower.ticket,
        actor,
        EventKind.CHANGED,
        field="followers",
        old=follower.email,
        internal=follower.user_id is not None,
    )
    follower.delete()


def followers_of(ticket: Ticket) -> QuerySet[TicketFollower]:
    return ticket.followers.select_related("user", "contact")


_followers_of = Prepared(
    lambda ticket_id: (
        TicketFollower.objects.filter(ticket_id=ticket_id)
        .select_related("user", "contact")
        .order_by("id")
    ),
    int,
)


def followers_prefetch(tickets: Sequence[Ticket]) -> None:
    """The followers of many tickets in one query (a bulk action), kept on each ticket for
    `followers_listed` until the ticket object is dropped."""
    follows = TicketFollower.objects.select_related("user", "contact").order_by("id")
    prefetch_related_objects(list(tickets), Prefetch("followers", queryset=follows))


def followers_listed(ticket: Ticket) -> list[TicketFollower]:
    """The ticket's followers: from `followers_prefetch` when the caller prefetched them,
    else one query (compiled once)."""
    if "followers" in getattr(ticket, "_prefetched_objects_cache", {}):
        return list(ticket.followers.all())
    return with_parent(_followers_of(ticket.pk), "ticket", ticket)


def follower_of(ticket: Ticket, user: User) -> TicketFollower | None:
    """The user's own follow of the ticket, as an agent or as a contact."""
    if user.is_agent:
        return ticket.followers.filter(user=user).first()
    contact = getattr(user, "contact", None)
    return ticket.followers.filter(contact=contact).first() if contact else None


def unfollow_token(follower: TicketFollower) -> str:
    """A signed token for the unfollow link of the follower's mail."""
    return signing.dumps(follower.pk, salt=_SALT)


def follower_from_token(token: str) -> TicketFollower | None:
    """The follow a token names, None when it is forged or the follow is gone."""
    try:
        follower_id = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None
    follows = TicketFollower.objects.select_related("ticket", "user", "contact")
    return follows.filter(pk=follower_id).first() if isinstance(follower_id, int) else None


def _check_may_change(actor: User, user: User | None, contact: Contact | None) -> None:
    if actor.is_agent:
        return
    own = getattr(actor, "contact", None)
    if user is not None or own is None or contact is None or own.pk != contact.pk:
        raise PermissionDenied("Customers follow and unfollow tickets for themselves only.")


def _check_contact(ticket: Ticket, contact: Contact) -> None:
    if contact.pk == ticket.requester_id:
        raise ValidationError({"follower": "The requester already gets every reply."})
    if not contact.is_active:
        raise ValidationError({"follower": f"{contact.email} has left the organization."})
    same = ticket.organization_id is not None and contact.organization_id == ticket.organization_id
    if not same:
        raise ValidationError(
            {"follower": "Only colleagues of the requester's organization can follow it."}
        )
